/** The help texts, shown for `help` and after a usage error. */
export function resetUsage(maxTargets: number): string {
  return [
    '*/reset-sessions* signs people out of Slack.',
    '• `/reset-sessions @alice @bob` — end every session of each person',
    '• `/reset-sessions @alice --mobile` — only mobile sessions; `--web` for web sessions only',
    '• `/reset-sessions alice@example.com W012ABCDEF` — by email or user ID',
    '• `/reset-sessions @contractors @alice` — every member of a user group (pick it from the @ menu), and more',
    '• `/reset-sessions` — pick people and the scope in a form',
    `Up to ${maxTargets} people at a time, groups included. You always confirm before anything happens.`,
  ].join('\n');
}
