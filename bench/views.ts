/** What the benchmark reads from the app's modals, and what the admin types into the confirmation. */
import { RESET_CALLBACK } from '../src/actions/reset/ids';
import { INPUT } from '../src/views/ids';

export const isConfirmation = (view: Record<string, unknown>) => view.callback_id === RESET_CALLBACK.confirm;
/** What the admin types in the confirmation's reason field (required when REQUIRE_REASON is on). */
export const REASON = {
  [INPUT.reason.block]: { [INPUT.reason.action]: { type: 'plain_text_input', value: 'benchmark' } },
};

export function sectionTexts(view: Record<string, unknown>): string[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as { text?: { text?: unknown } }[]) : [];
  return blocks.map((b) => (typeof b.text?.text === 'string' ? b.text.text : ''));
}

export const resultSummary = (view: Record<string, unknown>) =>
  /Signed out (\d+) of (\d+)/.exec(sectionTexts(view)[0] ?? '');
