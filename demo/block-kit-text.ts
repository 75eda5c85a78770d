/**
 * Block Kit and mrkdwn as plain text, roughly as Slack draws them: mentions as names, emoji as emoji, inputs as
 * fields to fill in. For reading in a terminal; what Slack received is checked by the fake, not here.
 */

/** Names by user ID, for `<@W…>` mentions, which Slack shows as the person's name. */
export type Names = ReadonlyMap<string, string>;

type Json = Record<string, unknown>;

// The app's most common emoji; any other keeps its :code:.
const EMOJI: Record<string, string> = {
  white_check_mark: '✅',
  x: '❌',
  no_entry: '⛔',
  warning: '⚠️',
  grey_question: '❔',
  hourglass_flowing_sand: '⏳',
  mag: '🔍',
  test_tube: '🧪',
  turtle: '🐢',
  rotating_light: '🚨',
  information_source: 'ℹ️',
  envelope: '✉️',
  no_entry_sign: '🚫',
  raised_hand: '✋',
  ok_hand: '👌',
  arrow_forward: '▶️',
};

/** mrkdwn as a reader sees it: names for mentions, link texts, dates' fallbacks, no bold markers or entities. */
export function mrkdwnText(text: string, names: Names): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${names.get(id) ?? id}`)
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]*)>/g, '$1')
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<mailto:[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(https?:[^|>]*)\|([^>]*)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]*)>/g, '$1')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/:([a-z_]+):/g, (code, name: string) => EMOJI[name] ?? code)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A text object (plain_text or mrkdwn). */
function textOf(value: unknown, names: Names): string {
  const t = value as { type?: string; text?: string } | undefined;
  if (typeof t?.text !== 'string') return '';
  return t.type === 'mrkdwn' ? mrkdwnText(t.text, names) : t.text;
}

/** An input's element as a field to fill in: a box, boxes to tick, choices, a picker. */
function elementLines(element: Json, names: Names): string[] {
  const options = ((element.options as Json[] | undefined) ?? []).map((o) => textOf(o.text, names));
  switch (element.type) {
    case 'plain_text_input':
      return [element.multiline ? '[                                        ]' : '[                    ]'];
    case 'checkboxes':
      return options.map((o) => `☐ ${o}`);
    case 'radio_buttons':
      return options.map((o) => `○ ${o}`);
    case 'multi_users_select':
      return ['[ pick people… ]'];
    case 'multi_static_select':
      return [`[ choose: ${options.join(' | ')} ]`];
    default:
      return [`[ ${String(element.type)} ]`];
  }
}

/** One block as lines of text. */
function blockLines(block: Json, names: Names): string[] {
  switch (block.type) {
    case 'section': {
      const fields = ((block.fields as unknown[] | undefined) ?? []).map((f) => textOf(f, names));
      return [...textOf(block.text, names).split('\n'), ...fields].filter((line) => line !== '');
    }
    case 'context':
      return [((block.elements as unknown[] | undefined) ?? []).map((e) => textOf(e, names)).join('  ')];
    case 'divider':
      return ['────────────'];
    case 'input': {
      const label = `${textOf(block.label, names)}${block.optional ? ' (optional)' : ''}:`;
      const hint = textOf(block.hint, names);
      return [
        label,
        ...elementLines(block.element as Json, names).map((l) => `  ${l}`),
        ...(hint ? [`  ${hint}`] : []),
      ];
    }
    case 'actions':
      return [((block.elements as Json[] | undefined) ?? []).map((e) => `[${textOf(e.text, names)}]`).join(' ')];
    default:
      return [`(a ${String(block.type)} block)`];
  }
}

/** A modal as a framed box: its title, its blocks, and its buttons (close, then submit) at the bottom. */
export function modalText(view: Json, names: Names): string {
  const body = ((view.blocks as Json[] | undefined) ?? []).flatMap((b) => blockLines(b, names));
  const buttons = [view.close, view.submit].filter(Boolean).map((b) => `[${textOf(b, names)}]`);
  return [`┌─ ${textOf(view.title, names)}`, ...body.map((line) => `│ ${line}`), `└─ ${buttons.join('  ')}`].join('\n');
}
