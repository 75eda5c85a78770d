import { USER_ID } from '../domain/ids';
import { apiClientOf, type Origin } from '../domain/origin';
import { truncate } from '../domain/text';

/**
 * Text that did not come from the app (names, emails, reasons, error strings, what an admin typed) must not act
 * as mrkdwn markup: `<!here>`, `<@U…>` and `<url|text>` all start with `<`. Slack's own escaping rule is to
 * replace exactly these three characters.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shows something the admin typed, inert and short, as inline code. */
export function quoteInput(text: string): string {
  return `\`${escapeMrkdwn(truncate(text.replace(/`/g, "'"), 60))}\``;
}

/**
 * A user mention, which Slack renders as the person's name. Only a well-formed user ID becomes one: anything else
 * (a forged id made of markup, say `<!channel>`) is shown inert, so no record can ping a channel.
 */
export function mention(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : quoteInput(userId);
}

/** Who asked for something: a person as a mention, an API client by its name ("API client `soar`"). */
export function requesterName(requesterId: string): string {
  const client = apiClientOf(requesterId);
  return client === undefined ? mention(requesterId) : `API client ${quoteInput(client)}`;
}

/** Where a request came from when not from a modal, for every post and list of its records. */
export function originLine(origin: Origin): string {
  if (origin.kind === 'api')
    return `:electric_plug: Asked for through the signed API by client ${quoteInput(origin.client)}.`;
  const run = origin.workflowExecutionId ? `, workflow run ${quoteInput(origin.workflowExecutionId)}` : '';
  return `:zap: Asked for by a Workflow Builder step (${quoteInput(origin.step)}, execution ${quoteInput(origin.functionExecutionId)}${run}).`;
}

/**
 * Slack cuts a message's text past 40,000 characters (chat.postMessage, response_url), losing its end: the reason,
 * the request id. The app's messages keep below this, with room for a line a sink may add.
 */
export const MESSAGE_TEXT_MAX = 38_000;

/**
 * `head`, then as many of `lines` as fit, a line saying how many were left out (`more(n)`, counting `hidden` lines
 * the caller left out already), then `tail`: within `max` characters whatever the number of lines, so what comes
 * last (the reason, the request id) is never cut off.
 */
export function fitLines(
  parts: { head: readonly string[]; lines: readonly string[]; tail: readonly string[]; hidden?: number },
  more: (left: number) => string,
  max = MESSAGE_TEXT_MAX,
): string {
  const { head, lines, tail, hidden = 0 } = parts;
  const size = (texts: readonly string[]) => texts.reduce((n, p) => n + Array.from(p).length + 1, 0);
  // Room for the "more" line, which is only ever short.
  let room = max - size(head) - size(tail) - size([more(lines.length + hidden)]);
  const kept: string[] = [];
  for (const line of lines) {
    room -= Array.from(line).length + 1;
    if (room < 0) break;
    kept.push(line);
  }
  const left = lines.length - kept.length + hidden;
  return [...head, ...kept, ...(left > 0 ? [more(left)] : []), ...tail].join('\n');
}
