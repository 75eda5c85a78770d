/** The callback_ids of /reset-sessions' modals: how Slack's view_submission and view_closed find their listener. */
export const RESET_CALLBACK = { pick: 'reset_sessions_pick', confirm: 'reset_sessions_confirm' } as const;
