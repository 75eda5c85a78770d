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

/** A user mention the app builds itself from a validated id; Slack renders it as the person's name. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}
