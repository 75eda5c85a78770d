/**
 * Slack's limits for what the app sends: modals and the Home tab (views.open / update / publish), and messages
 * (chat.postMessage, chat.update, response_url), from Slack's Block Kit reference (each block and element's page)
 * and the chat.postMessage reference. The fake Slack refuses what breaks them, as Slack does; the view tests call
 * them on every builder at its largest input.
 *
 * Every element type the app may emit has its own rules here; an element or block type not listed is a problem, so
 * a new one cannot slip past unchecked. Lengths are counted in code points, as the builders count them
 * (src/domain/text.ts `truncate`); every fixture that reaches a limit is ASCII, where code points and UTF-16 agree.
 */
export const LIMITS = {
  title: 24,
  button: 24,
  viewBlocks: 100,
  messageBlocks: 50,
  /** chat.postMessage: Slack truncates `text` past this. */
  messageText: 40_000,
  text: 3000,
  sectionField: 2000,
  sectionFields: 10,
  header: 150,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  checkboxes: 10,
  radioButtons: 10,
  staticSelect: 100,
  overflow: 5,
  actionsElements: 25,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  inputText: 3000,
  contextElements: 10,
  viewBytes: 250 * 1024,
} as const;

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  /** Where it sits, for messages: `blocks[3].text`. */
  path: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const len = (s: string) => Array.from(s).length;

/** Every text object anywhere in a view or message (title, labels, options, section and context text, …). */
export function textObjects(value: unknown, path = 'view'): TextObject[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => textObjects(v, `${path}[${i}]`));
  if (!isObject(value)) return [];
  const here: TextObject[] =
    (value.type === 'plain_text' || value.type === 'mrkdwn') && typeof value.text === 'string'
      ? [{ type: value.type, text: value.text, path }]
      : [];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => textObjects(v, `${path}.${k}`))];
}

/** All the text a person sees in a view, joined, for "does it say X" checks. */
export const allText = (view: unknown): string =>
  textObjects(view)
    .map((t) => t.text)
    .join('\n');

class Problems {
  readonly list: string[] = [];
  add(problem: string) {
    this.list.push(problem);
  }
  /** A text object of the given kind, 1 to `max` characters. */
  text(where: string, v: unknown, max: number, kind: 'plain_text' | 'any' = 'plain_text') {
    if (!isObject(v) || typeof v.text !== 'string' || (kind === 'plain_text' ? v.type !== 'plain_text' : !isText(v))) {
      this.add(`${where} must be a ${kind === 'plain_text' ? 'plain_text' : 'text'} object`);
      return;
    }
    const n = len(v.text);
    if (n < 1 || n > max) this.add(`${where} is ${n} characters; it must be 1 to ${max}`);
  }
  string(where: string, v: unknown, max: number) {
    if (v === undefined) return;
    if (typeof v !== 'string') this.add(`${where} is not a string`);
    else if (v.length > max) this.add(`${where} is longer than ${max}`);
  }
}

const isText = (v: Json) => v.type === 'plain_text' || v.type === 'mrkdwn';

function confirm(p: Problems, where: string, c: unknown): void {
  if (c === undefined) return;
  if (!isObject(c)) {
    p.add(`${where} is not an object`);
    return;
  }
  p.text(`${where}.title`, c.title, LIMITS.confirmTitle);
  p.text(`${where}.text`, c.text, LIMITS.confirmText, 'any');
  p.text(`${where}.confirm`, c.confirm, LIMITS.confirmButton);
  p.text(`${where}.deny`, c.deny, LIMITS.confirmButton);
}

function options(p: Problems, where: string, e: Json, max: number, plainOnly: boolean): void {
  const list = e.options;
  if (!Array.isArray(list) || list.length === 0) {
    p.add(`${where} has no options`);
    return;
  }
  if (list.length > max) p.add(`${where} (${String(e.type)}) has ${list.length} options; the most is ${max}`);
  const values = new Set<string>();
  list.forEach((o: unknown, i) => {
    const at = `${where}.options[${i}]`;
    if (!isObject(o)) {
      p.add(`${at} is not an object`);
      return;
    }
    p.text(`${at}.text`, o.text, LIMITS.optionText, plainOnly ? 'plain_text' : 'any');
    if (o.description !== undefined) p.text(`${at}.description`, o.description, LIMITS.optionDescription, 'any');
    if (typeof o.value !== 'string' || o.value.length === 0) p.add(`${at}.value is missing`);
    else {
      if (o.value.length > LIMITS.optionValue) p.add(`${at}.value is longer than ${LIMITS.optionValue}`);
      if (values.has(o.value)) p.add(`${at}.value ${o.value} is repeated`);
      values.add(o.value);
    }
  });
  const initial = [e.initial_option, ...(Array.isArray(e.initial_options) ? e.initial_options : [])];
  for (const i of initial) {
    if (isObject(i) && !values.has(String(i.value))) p.add(`${where} has an initial option not among its options`);
  }
}

/** One interactive element, by its type's own rules. */
function element(p: Problems, where: string, e: Json): void {
  p.string(`${where}.action_id`, e.action_id, LIMITS.actionId);
  if (e.placeholder !== undefined) p.text(`${where}.placeholder`, e.placeholder, LIMITS.placeholder);
  confirm(p, `${where}.confirm`, e.confirm);
  switch (e.type) {
    case 'button':
      p.text(`${where}.text`, e.text, LIMITS.buttonText);
      p.string(`${where}.value`, e.value, LIMITS.buttonValue);
      p.string(`${where}.url`, e.url, LIMITS.url);
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') p.add(`${where}.style is unknown`);
      return;
    case 'checkboxes':
      options(p, where, e, LIMITS.checkboxes, false);
      return;
    case 'radio_buttons':
      options(p, where, e, LIMITS.radioButtons, false);
      return;
    case 'static_select':
    case 'multi_static_select':
      options(p, where, e, LIMITS.staticSelect, true);
      return;
    case 'overflow':
      options(p, where, e, LIMITS.overflow, true);
      return;
    case 'plain_text_input':
      for (const k of ['min_length', 'max_length'] as const) {
        const n = e[k];
        if (n !== undefined && (typeof n !== 'number' || n < 0 || n > LIMITS.inputText))
          p.add(`${where}.${k} is outside 0..3000`);
      }
      p.string(`${where}.initial_value`, e.initial_value, LIMITS.inputText);
      return;
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'multi_conversations_select':
      if (typeof e.max_selected_items === 'number' && e.max_selected_items < 1) {
        p.add(`${where}.max_selected_items is below 1`);
      }
      return;
    default:
      p.add(`${where} is an element type this check does not know: add its rules`);
  }
}

/** Each block by its type's rules, ids unique, and every text object 1 to 3,000 characters. */
function blocks(p: Problems, list: unknown, max: number): number {
  if (!Array.isArray(list)) {
    p.add('blocks is not an array');
    return 0;
  }
  if (list.length > max) p.add(`there are ${list.length} blocks; the most is ${max}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  let inputs = 0;
  list.forEach((b: unknown, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(b)) {
      p.add(`${at} is not an object`);
      return;
    }
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > LIMITS.blockId) p.add(`${at}.block_id is longer than 255`);
      if (blockIds.has(b.block_id)) p.add(`${at}.block_id ${b.block_id} is repeated`);
      blockIds.add(b.block_id);
    }
    const elements: Json[] = [];
    switch (b.type) {
      case 'section':
        if (b.text === undefined && b.fields === undefined) p.add(`${at} has neither text nor fields`);
        if (b.text !== undefined) p.text(`${at}.text`, b.text, LIMITS.text, 'any');
        if (Array.isArray(b.fields)) {
          if (b.fields.length > LIMITS.sectionFields) p.add(`${at} has more than 10 fields`);
          b.fields.forEach((f, j) => {
            p.text(`${at}.fields[${j}]`, f, LIMITS.sectionField, 'any');
          });
        }
        if (isObject(b.accessory)) elements.push(b.accessory);
        break;
      case 'header':
        p.text(`${at}.text`, b.text, LIMITS.header);
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0) p.add(`${at} has no elements`);
        else {
          if (b.elements.length > LIMITS.contextElements) p.add(`${at} has more than 10 elements`);
          b.elements.forEach((e, j) => {
            p.text(`${at}.elements[${j}]`, e, LIMITS.text, 'any');
          });
        }
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0) p.add(`${at} has no elements`);
        else {
          if (b.elements.length > LIMITS.actionsElements) p.add(`${at} has more than 25 elements`);
          elements.push(...b.elements.filter(isObject));
        }
        break;
      case 'input':
        inputs++;
        p.text(`${at}.label`, b.label, LIMITS.label);
        if (b.hint !== undefined) p.text(`${at}.hint`, b.hint, LIMITS.hint);
        if (isObject(b.element)) elements.push(b.element);
        else p.add(`${at} has no element`);
        break;
      case 'divider':
        break;
      default:
        p.add(`${at} is a block type this check does not know: ${String(b.type)}`);
    }
    for (const e of elements) {
      const where = `${at}.${String(e.type)}`;
      if (typeof e.action_id === 'string') {
        const key = `${String(b.block_id)}/${e.action_id}`;
        if (actionIds.has(key)) p.add(`${where}.action_id is repeated`);
        actionIds.add(key);
      }
      element(p, where, e);
    }
  });
  for (const t of textObjects(list, 'blocks')) {
    const n = len(t.text);
    if (n < 1 || n > LIMITS.text) p.add(`${t.path} text is ${n} characters; it must be 1 to 3000`);
  }
  return inputs;
}

/** Every limit a modal or Home view breaks, as sentences; empty when it is one Slack accepts. */
export function blockKitProblems(view: unknown): string[] {
  const p = new Problems();
  if (!isObject(view)) return ['the view is not an object'];
  if (view.type !== 'modal' && view.type !== 'home') p.add(`type is ${String(view.type)}, not modal or home`);
  if (view.type === 'modal') {
    p.text('title', view.title, LIMITS.title);
    if (view.submit !== undefined) p.text('submit', view.submit, LIMITS.button);
    if (view.close !== undefined) p.text('close', view.close, LIMITS.button);
  }
  if (view.private_metadata !== undefined) {
    if (typeof view.private_metadata !== 'string') p.add('private_metadata is not a string');
    else if (view.private_metadata.length > LIMITS.privateMetadata) {
      p.add(`private_metadata is ${view.private_metadata.length} characters; the most is 3000`);
    }
  }
  p.string('callback_id', view.callback_id, LIMITS.callbackId);
  if (JSON.stringify(view).length > LIMITS.viewBytes) p.add('the view is larger than 250 kB');
  if (Array.isArray(view.blocks) && view.blocks.length === 0) p.add('the view has no blocks');
  const inputs = blocks(p, view.blocks, LIMITS.viewBlocks);
  if (view.type === 'modal' && inputs > 0 && view.submit === undefined) {
    p.add('the view has an input block but no submit button');
  }
  return p.list;
}

/**
 * Every limit a message breaks (chat.postMessage, chat.update, a response_url post). Slack refuses bad blocks and
 * cuts `text` past 40,000 characters: for the app's own builders both are problems, since a cut message loses its
 * end (the reason, the request id).
 */
export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const p = new Problems();
  if (typeof message.text !== 'string' || message.text === '') p.add('a message needs its text (the notification)');
  else if (len(message.text) > LIMITS.messageText) {
    p.add(`text is ${len(message.text)} characters; Slack cuts it at ${LIMITS.messageText}`);
  }
  if (message.blocks !== undefined) blocks(p, message.blocks, LIMITS.messageBlocks);
  return p.list;
}

/** Fails the test, listing every broken limit, unless the view stays within Slack's Block Kit limits. */
export function assertBlockKitLimits(view: unknown): void {
  const problems = blockKitProblems(view);
  if (problems.length > 0) throw new Error(`the view breaks Slack's limits:\n${problems.join('\n')}`);
}

const APP_MENTION = /<@[UW][A-Z0-9]{8,20}>/g;

/**
 * Markup the app did not put there itself: anything `<…>` except the `<@W…>` mentions the builders make from
 * validated ids. Only mrkdwn is checked; plain_text is shown literally by Slack.
 */
export function foreignMarkup(view: unknown): string[] {
  return textObjects(view)
    .filter((t) => t.type === 'mrkdwn')
    .flatMap((t) => {
      const rest = t.text.replace(APP_MENTION, '');
      return rest.includes('<') || rest.includes('>') ? [`${t.path}: ${t.text}`] : [];
    });
}
