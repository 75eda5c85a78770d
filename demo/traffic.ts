import type { RecordedCall } from '../test/support/fake-slack';

/** Where a part of the incident starts in the list of calls Slack took. */
export interface Phase {
  at: number;
  label: string;
}

/** Only the kind of a token is ever printed: the fake ones are obviously fake, real ones must never show. */
function tokenKind(token: string | undefined): string {
  if (token?.startsWith('xoxb-')) return 'bot';
  if (token?.startsWith('xoxp-')) return 'admin (user)';
  return token ? 'other' : 'none';
}

// Shown elsewhere in the story (views, messages), or a token (auth.test can carry one in its body).
const LEFT_OUT = new Set(['token', 'view', 'text', 'blocks']);

function argumentsText(args: Record<string, string>): string {
  return Object.entries(args)
    .map(([name, value]) => (LEFT_OUT.has(name) ? (name === 'token' ? '' : `${name}=…`) : `${name}=${value}`))
    .filter((text) => text !== '')
    .join(' ');
}

/** Every Web API call, numbered, with its method, the kind of token and its arguments, under each phase's label. */
export function callsTable(calls: readonly RecordedCall[], phases: readonly Phase[]): string {
  const width = Math.max(...calls.map((c) => c.method.length));
  const rows: string[] = [];
  calls.forEach((call, i) => {
    for (const phase of phases) if (phase.at === i) rows.push(`${phase.label}:`);
    const n = String(i + 1).padStart(3);
    rows.push(`${n}  ${call.method.padEnd(width)}  ${tokenKind(call.token).padEnd(12)}  ${argumentsText(call.args)}`);
  });
  for (const phase of phases) if (phase.at === calls.length) rows.push(`${phase.label}: no Web API call`);
  return rows.join('\n');
}

/** A record of the audit trail as the app prints it on stdout. */
export interface AuditLine {
  outcome: string;
  targets: { userId: string; result: string; error?: string }[];
}

/** The audit records among the app's stdout lines (JSON lines with type "session_audit"). */
export function auditLines(output: string): AuditLine[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"type":"session_audit"'))
    .map((line) => JSON.parse(line) as AuditLine);
}
