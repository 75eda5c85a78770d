/** The reason field, shared by every confirmation: its block_id and action_id, and how long it may be. */
export const INPUT = {
  reason: { block: 'reason', action: 'reason_input' },
} as const;

export const MAX_REASON = 500;
