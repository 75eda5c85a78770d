import type { Logger } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { AnyPlan } from '../../domain/plan';
import type { SlackSurface } from '../../ports/slack-surface';
import { noticeView } from '../../views/blocks';
import { describeSlackError } from '../../views/error-sentences';
import type { ListenerDeps } from './deps';
import { keepPlan } from './submitted-plan';

/**
 * Opens a modal on a command's trigger_id; returns its view id. When Slack refuses (the 3-second trigger window
 * passed, say) the admin is told in an ephemeral message instead of seeing nothing.
 */
export async function openModal(
  slack: SlackSurface,
  triggerId: string,
  view: ModalView,
  responseUrl: string,
): Promise<string | undefined> {
  const opened = await slack.openModal(triggerId, view);
  if (opened.ok) return opened.viewId;
  await slack.postEphemeral(
    responseUrl,
    `:warning: The confirmation could not be opened: ${describeSlackError(opened.code, 'bot')} Nothing was changed; run the command again.`,
  );
  return undefined;
}

/**
 * Shows a confirmation (or why there is none) in the open modal. If Slack refuses, most often because the admin
 * closed the modal while it loaded, the admin is told by message instead of the confirmation vanishing silently.
 */
export async function showOrTell(
  { slack, viewId, responseUrl }: { slack: SlackSurface; viewId: string; responseUrl?: string },
  view: ModalView,
  alsoSay?: string,
): Promise<void> {
  const shown = await slack.updateModal(viewId, view);
  const say = shown
    ? alsoSay
    : ':warning: The confirmation could not be shown: the modal was closed or Slack refused it. Nothing was changed; run the command again.';
  if (say && responseUrl) await slack.postEphemeral(responseUrl, say);
}

/**
 * How a command stops before any confirmation, in its open modal titled `title`: why, and that nothing was changed,
 * in the modal and in the conversation alike (see showOrTell).
 */
export const stopWith =
  (at: { slack: SlackSurface; viewId: string; responseUrl?: string }, title: string) =>
  (why: string): Promise<void> =>
    showOrTell(at, noticeView(title, `${why}\nNothing was changed.`), `:warning: ${why} Nothing was changed.`);

/**
 * Keeps a confirmation's plan, bound to the modal it is shown in, then shows it (see showOrTell). A plan that cannot
 * be kept could never be submitted: the admin is told so instead of being shown a Submit that would fail.
 */
export async function showConfirmation(
  at: { slack: SlackSurface; viewId: string; responseUrl?: string },
  plan: AnyPlan,
  view: ModalView,
  deps: ListenerDeps,
  logger: Logger,
  alsoSay?: string,
): Promise<void> {
  if (await keepPlan(deps, plan, at.viewId, logger)) return showOrTell(at, view, alsoSay);
  const why = 'The plan could not be kept: the audit database cannot be reached right now. Try again in a moment.';
  await showOrTell(at, noticeView(view.title.text, `${why}\nNothing was changed.`), `:warning: ${why}`);
}
