import type { Logger, SlackViewMiddlewareArgs, ViewStateValue } from '@slack/bolt';
import { type AnyPlan, decodeEnvelope, type PlanSchema } from '../../domain/plan';
import { truncate } from '../../domain/text';
import { redact } from '../../logging/redacting-logger';
import { noticeView } from '../../views/blocks';
import { INPUT, MAX_REASON } from '../../views/ids';
import type { ListenerDeps } from './deps';

type ViewArgs = SlackViewMiddlewareArgs;

/**
 * Reads the plan back from private_metadata and checks it again: well-formed, of the kind this modal holds, and
 * opened by the same person who submits it. On refusal the modal says so and nothing else happens.
 */
export async function submittedPlan<P extends AnyPlan>(
  { ack, body, view }: ViewArgs,
  schema: PlanSchema<P>,
  deps: ListenerDeps,
): Promise<P | undefined> {
  const envelope = decodeEnvelope(view.private_metadata, deps.planRules);
  const plan = envelope.ok ? schema.decode(envelope.value.raw, envelope.value.base, deps.planRules) : undefined;
  const problem =
    !envelope.ok || (envelope.value.kind === schema.kind && !plan)
      ? 'This confirmation’s data is not valid; nothing was changed. Run the command again.'
      : envelope.value.kind !== schema.kind || envelope.value.base.invokerId !== body.user.id
        ? 'This confirmation does not belong to you or to this command; nothing was changed. Run the command again.'
        : undefined;
  if (problem !== undefined || !plan) {
    await ack({ response_action: 'update', view: noticeView('Not done', problem ?? '') });
    return undefined;
  }
  return plan;
}

export function stateValue(
  view: ViewArgs['view'],
  input: { block: string; action: string },
): ViewStateValue | undefined {
  return view.state.values[input.block]?.[input.action];
}

/**
 * Text an admin typed (a reason, a reason for denying): trimmed, bounded (Slack enforces max_length, but the
 * payload is still input) and with anything shaped like a token masked before it is kept, so a token pasted by
 * mistake never reaches the audit channel, history, App Home or a DM.
 */
export function freeText(raw: unknown): string | undefined {
  const text = typeof raw === 'string' ? redact(truncate(raw.trim(), MAX_REASON), []) : '';
  return text === '' ? undefined : text;
}

/** The optional reason of a confirmation. */
export const reasonOf = (view: ViewArgs['view']): string | undefined => freeText(stateValue(view, INPUT.reason)?.value);

const ALREADY =
  'This confirmation was already submitted or cancelled, so nothing was done. Run the command again for a new one.';

/** A plan claimed to run; `unguarded` when the store could not be asked, so run-once held in this process only. */
export interface Claim {
  release(): void;
  unguarded: boolean;
}

/**
 * Claims a submitted plan so it runs at most once: in this process (where shutdown waits for it), and in the store,
 * which every replica shares, so a double click or a replay that lands on another replica is refused too.
 * `precheck` runs in between (the cooldown): after "was it already run?", so a resubmitted plan reads as already
 * done, and before the lasting claim, so a field error leaves the admin free to fix it and submit again. Returns
 * the claim, or undefined after answering the admin.
 */
export async function claimPlan(
  { ack, logger }: ViewArgs & { logger: Logger },
  plan: AnyPlan,
  deps: ListenerDeps,
  precheck?: () => Promise<Record<string, string> | undefined>,
): Promise<Claim | undefined> {
  const release = deps.inflight.claim(plan.requestId);
  const already = async () => {
    release?.();
    await ack({ response_action: 'update', view: noticeView('Already done', ALREADY) });
    return undefined;
  };
  if (!release) return already();
  let unreadable = false;
  try {
    const executed = await deps.store.wasExecuted(plan.requestId).catch((error: unknown) => {
      logUnreadable(logger, error);
      unreadable = true;
      return false;
    });
    if (executed) return already();
    const errors = await precheck?.();
    if (errors) {
      release();
      await ack({ response_action: 'errors', errors });
      return undefined;
    }
    const stored = await claimInStore(deps, plan.requestId, logger);
    if (!stored.claimed) return already();
    return { release, unguarded: unreadable || stored.unguarded };
  } catch (error) {
    release();
    throw error;
  }
}

const logUnreadable = (logger: Logger, error: unknown) =>
  logger.error(`AUDIT STORE UNREADABLE, run-once checked in this process only: ${String(error)}`);

/**
 * The store's run-once claim, shared by every replica. An unreachable store must not stop an incident: the plan
 * runs, claimed in this process only (`unguarded`), and says so.
 */
export async function claimInStore(
  deps: ListenerDeps,
  requestId: string,
  logger: Logger,
): Promise<{ claimed: boolean; unguarded: boolean }> {
  try {
    return { claimed: await deps.store.claim(requestId), unguarded: false };
  } catch (error) {
    logUnreadable(logger, error);
    return { claimed: true, unguarded: true };
  }
}

/** REQUIRE_REASON: answers with a field error and returns true when the reason is missing. */
export async function requireReason(
  { ack }: ViewArgs,
  reason: string | undefined,
  deps: ListenerDeps,
): Promise<boolean> {
  if (!deps.config.requireReason || reason !== undefined) return false;
  await ack({
    response_action: 'errors',
    errors: { [INPUT.reason.block]: 'A reason is required: say why, for the record.' },
  });
  return true;
}
