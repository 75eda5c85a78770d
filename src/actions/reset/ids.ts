/** The action's name in the audit trail. */
export const RESET = 'reset';

/** The callback_ids of /reset-sessions' modals: how Slack's view_submission and view_closed find their listener. */
export const RESET_CALLBACK = {
  pick: 'reset_sessions_pick',
  confirm: 'reset_sessions_confirm',
  bulk: 'reset_sessions_bulk',
} as const;

/** The inputs of /reset-sessions' modals: where view_submission's state.values carries what the admin chose. */
export const RESET_INPUT = {
  users: { block: 'users', action: 'users_input' },
  scope: { block: 'scope', action: 'scope_input' },
  cooldown: { block: 'cooldown', action: 'cooldown_input' },
  /** The bulk confirmation's typed head count. */
  count: { block: 'count', action: 'count_input' },
  /** "And shorten their sessions to 8 hours for now", on either confirmation. */
  shorten: { block: 'shorten', action: 'shorten_input' },
} as const;

/** The value of the "and shorten their sessions" checkbox. */
export const SHORTEN = 'shorten';
