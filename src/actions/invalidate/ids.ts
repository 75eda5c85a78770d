/** The action's name in the audit trail. */
export const INVALIDATE = 'invalidate';

/** The callback_id of /invalidate-session's confirmation. */
export const INVALIDATE_CALLBACK = { confirm: 'invalidate_session_confirm' } as const;

/** The session picker of the confirmation, when the admin chooses among the active sessions. */
export const INVALIDATE_INPUT = { sessions: { block: 'sessions', action: 'sessions_input' } } as const;
