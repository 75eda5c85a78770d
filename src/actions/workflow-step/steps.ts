import type { Logger } from '@slack/bolt';
import type { Order } from '../../domain/approval';
import type { GroupRef, Result, TargetRef } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { resetUnattended } from '../reset/unattended';
import { settingsUnattended } from '../session-settings/unattended';
import type { ListenerDeps } from '../shared/deps';
import { readChange, readFlag, readGroups, readPeople, readReason, readScope } from '../shared/order-inputs';
import { type Asker, orderFromPeople, type Unattended } from '../shared/unattended';
import { STEP, type StepId } from './ids';

/** What a step's inputs ask for: the people and groups, the action's own ask, the reason and "tell them". */
export interface StepAsk<Ask> {
  named: { refs: TargetRef[]; groups: GroupRef[] };
  ask: Ask;
  reason: string;
  notify: boolean;
}

/** One Workflow Builder step: its callback_id, and how its inputs read. */
export interface Step {
  id: StepId;
  /** The action it orders, by its name in the audit trail. */
  action: string;
  /** Reads the inputs Slack sent (pure; at most `most` people named): what they ask for, or why they cannot. */
  read(inputs: Record<string, unknown>, most: number): Result<StepRequest>;
}

/** Inputs that read well: the order they ask for, from the people they name, or why there is none. */
export interface StepRequest {
  order(
    by: Asker,
    at: { slack: SlackSurface; logger: Logger },
    deps: ListenerDeps,
  ): Promise<{ ok: true; order: Order } | { ok: false; why: string }>;
}

/** A step of the action `unattended` orders, whose inputs `read` reads. */
function step<Ask>(
  id: StepId,
  unattended: Unattended<Ask>,
  read: (inputs: Record<string, unknown>, most: number) => Result<StepAsk<Ask>>,
): Step {
  return {
    id,
    action: unattended.action,
    read(inputs, most) {
      const asked = read(inputs, most);
      if (!asked.ok) return asked;
      return {
        ok: true,
        value: { order: (by, at, deps) => orderFromPeople({ ...asked.value, by }, unattended, at, deps) },
      };
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
  const quit = inputs.quit_ends_session;
  const change = readChange({
    duration: inputs.duration,
    // The step offers a choice of two words; the reader takes a yes or no.
    quitEndsSession: quit === 'ends' ? true : quit === 'stays' ? false : quit,
    clear: inputs.clear,
    fields: { duration: 'Session duration', quitEndsSession: 'When they quit', clear: 'Clear their settings' },
  });
  if (!named.ok || !change.ok) return failed([...(named.ok ? [] : named.errors), ...(change.ok ? [] : [change.error])]);
  return { ok: true, value: { ...named, ask: { change: change.value }, notify: false } };
});

/** Every step the app offers, by callback_id. */
export const STEPS: readonly Step[] = [signOutStep, settingsStep];
