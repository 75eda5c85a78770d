/** The help text, shown for `help` and after a usage error. */
export function invalidateUsage(): string {
  return [
    '*/invalidate-session* ends one session of one person.',
    '• `/invalidate-session @alice` — list their active sessions and pick which to end',
    '• `/invalidate-session @alice 1234567890` — end the session with that ID',
    'You always confirm before anything happens. To end every session, use `/reset-sessions`.',
  ].join('\n');
}
