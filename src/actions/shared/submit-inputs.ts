import { approvalNeeded } from '../../domain/approval';
import type { SubmitInputs } from '../../views/submit-inputs';
import type { ListenerDeps } from './deps';

/** The confirmation's shared inputs for a plan of `people` people, `privileged` of them admins or owners. */
export function submitInputsFor(deps: ListenerDeps, people: number, privileged: number): SubmitInputs {
  const { approval, notify, requireReason } = deps.config;
  const why = approvalNeeded(approval, people, privileged);
  return {
    requireReason,
    notifyDefault: notify.byDefault,
    notifyNamesAdmin: notify.nameAdmin,
    ...(why && approval.channelId
      ? {
          approval: {
            why,
            channelId: approval.channelId,
            ttlMinutes: approval.ttlMinutes,
            breakGlass: approval.breakGlass,
          },
        }
      : {}),
  };
}
