/**
 * Slack's Block Kit limits for modals (see /work/shared/slack-platform.md), checked on a built view.
 * Lengths are counted in code points, as the builders count them (src/views/mrkdwn.ts `truncate`); every fixture in
 * these tests that reaches a limit is ASCII, where code points and UTF-16 units agree.
 */
export const LIMITS = {
  title: 24,
  button: 24,
  blocks: 100,
  text: 3000,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  optionText: 75,
  optionValue: 150,
  checkboxes: 10,
  radioButtons: 10,
  staticSelect: 100,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  contextElements: 10,
  viewBytes: 250 * 1024,
} as const;

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  /** Where it sits in the view, for messages: `blocks[3].text`. */
  path: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const len = (s: string) => Array.from(s).length;

/** Every text object anywhere in a view (title, labels, options, section and context text, …). */
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

function plainWithin(problems: string[], where: string, v: unknown, max: number): void {
  if (!isObject(v) || v.type !== 'plain_text' || typeof v.text !== 'string') {
    problems.push(`${where} must be a plain_text object`);
    return;
  }
  if (len(v.text) > max) problems.push(`${where} is ${len(v.text)} characters; the most is ${max}`);
}

function checkOptions(problems: string[], where: string, element: Json): void {
  const options = element.options;
  if (!Array.isArray(options)) return;
  const type = String(element.type);
  const max =
    type === 'checkboxes'
      ? LIMITS.checkboxes
      : type === 'radio_buttons'
        ? LIMITS.radioButtons
        : type.endsWith('static_select')
          ? LIMITS.staticSelect
          : Number.POSITIVE_INFINITY;
  if (options.length === 0) problems.push(`${where} has no options`);
  if (options.length > max) problems.push(`${where} (${type}) has ${options.length} options; the most is ${max}`);
  const values = new Set<string>();
  options.forEach((o: unknown, i) => {
    const at = `${where}.options[${i}]`;
    if (!isObject(o)) {
      problems.push(`${at} is not an object`);
      return;
    }
    if (!isObject(o.text) || typeof o.text.text !== 'string') problems.push(`${at}.text is missing`);
    else if (len(o.text.text) > LIMITS.optionText) {
      problems.push(`${at}.text is ${len(o.text.text)} characters; the most is ${LIMITS.optionText}`);
    }
    if (type.endsWith('select') && isObject(o.text) && o.text.type !== 'plain_text') {
      problems.push(`${at}.text must be plain_text in a select menu`);
    }
    if (typeof o.value !== 'string' || o.value.length === 0) problems.push(`${at}.value is missing`);
    else {
      if (o.value.length > LIMITS.optionValue) problems.push(`${at}.value is longer than ${LIMITS.optionValue}`);
      if (values.has(o.value)) problems.push(`${at}.value ${o.value} is repeated`);
      values.add(o.value);
    }
  });
  const initial = [element.initial_option, ...(Array.isArray(element.initial_options) ? element.initial_options : [])];
  for (const i of initial) {
    if (isObject(i) && !values.has(String(i.value))) problems.push(`${where} has an initial option not among options`);
  }
}

/** Every limit the view breaks, as sentences; empty when the view is one Slack accepts. */
export function blockKitProblems(view: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(view)) return ['the view is not an object'];
  if (view.type !== 'modal') problems.push(`type is ${String(view.type)}, not modal`);
  plainWithin(problems, 'title', view.title, LIMITS.title);
  if (view.submit !== undefined) plainWithin(problems, 'submit', view.submit, LIMITS.button);
  if (view.close !== undefined) plainWithin(problems, 'close', view.close, LIMITS.button);
  if (view.private_metadata !== undefined) {
    if (typeof view.private_metadata !== 'string') problems.push('private_metadata is not a string');
    else if (view.private_metadata.length > LIMITS.privateMetadata) {
      problems.push(`private_metadata is ${view.private_metadata.length} characters; the most is 3000`);
    }
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > LIMITS.callbackId) {
    problems.push('callback_id is longer than 255');
  }
  if (JSON.stringify(view).length > LIMITS.viewBytes) problems.push('the view is larger than 250 kB');

  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (!Array.isArray(view.blocks)) problems.push('blocks is not an array');
  if (blocks.length === 0) problems.push('the view has no blocks');
  if (blocks.length > LIMITS.blocks) problems.push(`the view has ${blocks.length} blocks; the most is 100`);

  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  let inputs = 0;
  blocks.forEach((b: unknown, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(b)) {
      problems.push(`${at} is not an object`);
      return;
    }
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > LIMITS.blockId) problems.push(`${at}.block_id is longer than 255`);
      if (blockIds.has(b.block_id)) problems.push(`${at}.block_id ${b.block_id} is repeated`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section':
        if (b.text === undefined && b.fields === undefined) problems.push(`${at} has neither text nor fields`);
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0) problems.push(`${at} has no elements`);
        else if (b.elements.length > LIMITS.contextElements) problems.push(`${at} has more than 10 elements`);
        break;
      case 'input': {
        inputs++;
        plainWithin(problems, `${at}.label`, b.label, LIMITS.label);
        if (b.hint !== undefined) plainWithin(problems, `${at}.hint`, b.hint, LIMITS.hint);
        if (!isObject(b.element)) problems.push(`${at} has no element`);
        break;
      }
      case 'divider':
      case 'header':
      case 'actions':
        break;
      default:
        problems.push(`${at} has the unexpected type ${String(b.type)}`);
    }
    const elements = [b.element, b.accessory, ...(Array.isArray(b.elements) ? b.elements : [])].filter(isObject);
    for (const e of elements) {
      const where = `${at}.${String(e.type)}`;
      if (typeof e.action_id === 'string') {
        if (e.action_id.length > LIMITS.actionId) problems.push(`${where}.action_id is longer than 255`);
        if (actionIds.has(`${String(b.block_id)}/${e.action_id}`)) problems.push(`${where}.action_id is repeated`);
        actionIds.add(`${String(b.block_id)}/${e.action_id}`);
      }
      if (e.placeholder !== undefined) plainWithin(problems, `${where}.placeholder`, e.placeholder, LIMITS.placeholder);
      if (typeof e.max_selected_items === 'number' && e.max_selected_items < 1) {
        problems.push(`${where}.max_selected_items is below 1`);
      }
      if (typeof e.max_length === 'number' && (e.max_length < 1 || e.max_length > 3000)) {
        problems.push(`${where}.max_length is outside 1..3000`);
      }
      checkOptions(problems, where, e);
    }
  });
  if (inputs > 0 && view.submit === undefined) problems.push('the view has an input block but no submit button');

  for (const t of textObjects(view)) {
    const n = len(t.text);
    if (n < 1 || n > LIMITS.text) problems.push(`${t.path} text is ${n} characters; it must be 1 to 3000`);
  }
  return problems;
}

/** Fails the test, listing every broken limit, unless the view stays within Slack's Block Kit limits. */
export function assertBlockKitLimits(view: unknown): void {
  expect(blockKitProblems(view)).toEqual([]);
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
