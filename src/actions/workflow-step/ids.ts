/** The Workflow Builder steps' callback_ids, as manifest.yml declares them under `functions`. */
export const STEP = {
  signOut: 'sign_people_out',
  settings: 'change_session_settings',
} as const;

export type StepId = (typeof STEP)[keyof typeof STEP];
export const STEP_IDS: readonly StepId[] = Object.values(STEP);

/**
 * The input every step declares as `slack#/types/user_context`: the person who used the workflow, filled in by
 * Workflow Builder and never typed by its author. It arrives as `{ id, secret }`; the gate reads its `id`.
 */
export const REQUESTER_INPUT = 'requester';

/** The requester a step's inputs name: the `slack#/types/user_context` Workflow Builder filled in. */
export function requesterOf(inputs: Record<string, unknown> | undefined): string | undefined {
  const context = inputs?.[REQUESTER_INPUT] as { id?: unknown } | undefined;
  return typeof context?.id === 'string' ? context.id : undefined;
}
