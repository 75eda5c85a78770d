/** block_id and action_id values shared by the view builders and the listeners that read them. */
export const INPUT = {
  reason: { block: 'reason', action: 'reason_input' },
  users: { block: 'users', action: 'users_input' },
  scope: { block: 'scope', action: 'scope_input' },
  sessions: { block: 'sessions', action: 'sessions_input' },
  cooldown: { block: 'cooldown', action: 'cooldown_input' },
} as const;

export const MAX_REASON = 500;
