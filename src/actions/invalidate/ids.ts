/** The callback_id of /invalidate-session's confirmation. */
export const INVALIDATE_CALLBACK = { confirm: 'invalidate_session_confirm' } as const;
