import type { Result } from '../../domain/types';
import { readScope, resetUnattended } from '../reset/unattended';
import { readChange, settingsUnattended } from '../session-settings/unattended';
import { readFlag, readGroups, readPeople, readReason } from '../shared/order-inputs';
import { type Asked, type OrderRequest, orderRequest, type Unattended } from '../shared/unattended';
import { STEP, type StepId } from './ids';

/** One Workflow Builder step: its callback_id, the action it orders, and how its inputs read. */
export interface Step {
  id: StepId;
  /** The action it orders, by its name in the audit trail. */
  action: string;
  /** Reads the inputs Slack sent (pure; at most `most` people named): what they ask for, or why they cannot. */
  read(inputs: Record<string, unknown>, most: number): Result<OrderRequest>;
}

/** A step of the action `unattended` orders, whose inputs `read` reads. */
function step<Ask>(
  id: StepId,
  unattended: Unattended<Ask>,
  read: (inputs: Record<string, unknown>, most: number) => Result<Asked<Ask>>,
): Step {
  return {
    id,
    action: unattended.action,
    read(inputs, most) {
      const asked = read(inputs, most);
      return asked.ok ? { ok: true, value: orderRequest(asked.value, unattended) } : asked;
    },
  };
}

/** The inputs every step shares: people, user groups and the reason. */
function readNamed(inputs: Record<string, unknown>, most: number) {
  const people = readPeople(inputs.people, 'People', most);
  const groups = readGroups(inputs.groups, 'User groups');
  const reason = readReason(inputs.reason, 'Reason');
  const errors = [people, groups, reason].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!people.ok || !groups.ok || !reason.ok) return { ok: false as const, errors };
  return { ok: true as const, named: { refs: people.value, groups: groups.value }, reason: reason.value };
}

const failed = (errors: string[]) => ({ ok: false as const, error: errors.join(' ') });

/** "Sign people out of Slack": people, user groups, which sessions, a reason, and whether to tell them. */
const signOutStep = step(STEP.signOut, resetUnattended, (inputs, most) => {
  const named = readNamed(inputs, most);
  const scope = readScope(inputs.scope, 'Which sessions');
  const notify = readFlag(inputs.notify, 'Tell them by DM');
  const errors = [scope, notify].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!named.ok || !scope.ok || !notify.ok) return failed([...(named.ok ? [] : named.errors), ...errors]);
  return { ok: true, value: { ...named, ask: { scope: scope.value }, notify: notify.value } };
});

/** "Change session settings": people, user groups, a duration or what quitting does, or clear; and a reason. */
const settingsStep = step(STEP.settings, settingsUnattended, (inputs, most) => {
  const named = readNamed(inputs, most);
  // The step offers a choice of two words; the reader takes a yes or no.
  const quit = { ends: true, stays: false }[String(inputs.quit_ends_session)];
  const badQuit = quit === undefined && inputs.quit_ends_session !== undefined && inputs.quit_ends_session !== null;
  const change = readChange({
    duration: inputs.duration,
    quitEndsSession: quit,
    clear: inputs.clear,
    fields: { duration: 'Session duration', quitEndsSession: 'When they quit', clear: 'Clear their settings' },
  });
  const errors = [
    ...(named.ok ? [] : named.errors),
    ...(badQuit ? ['When they quit must be ends or stays.'] : change.ok ? [] : [change.error]),
  ];
  if (!named.ok || !change.ok || badQuit) return failed(errors);
  return { ok: true, value: { ...named, ask: { change: change.value }, notify: false } };
});

/** Every step the app offers, by callback_id. */
export const STEPS: readonly Step[] = [signOutStep, settingsStep];
