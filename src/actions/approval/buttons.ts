import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  Logger,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { ApprovalRequest } from '../../domain/approval';
import { beforeCalls } from '../../domain/audit-record';
import { approvalDecidedMessage, approvedStatus, denyReasonView } from '../../views/approval-view';
import { noticeView } from '../../views/blocks';
import { APPROVAL } from '../../views/ids';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
import { freeText, stateValue } from '../shared/submitted-plan';
import { askedOf, whoAsked } from './asked';
import { decidable, deny, recordRefusedClick, refusedText } from './decide';
import { runApproved } from './run-approved';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

const DENY_TITLE = 'Deny the request';
const UNRUNNABLE =
  ':warning: This request can no longer be run by the app as it is now (its configuration or version changed), so it was not approved. Nothing was done; the requester can run the command again.';

/** A request as the store has it now, or undefined (and one log line) when the store cannot say. */
async function approvalNow(deps: ListenerDeps, id: string, logger: Logger): Promise<ApprovalRequest | undefined> {
  const read = await fromStore(logger, 'an approval request', () => deps.store.getApproval(id));
  return read.ok ? read.value : undefined;
}

/** The button's value is only an id: what runs is the stored order, whatever else the payload says. */
const requestIdOf = (args: ButtonArgs) => (typeof args.action.value === 'string' ? args.action.value : '');

/**
 * **Approve**: another allowlisted admin (the gate has checked the allowlist) approves a pending, unexpired
 * request, once; the stored order then runs exactly as an immediate Submit would.
 */
export function approveClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs) => {
    const { ack, body, client, logger } = args;
    await ack();
    const id = requestIdOf(args);
    const approverId = body.user.id;
    const slack = deps.slack(client, logger);
    const tell = async (text: string) => {
      if (!(await slack.postEphemeral(body.response_url, text)))
        logger.warn(`approval ${id}: the clicker was not told`);
    };
    const check = await decidable(id, approverId, 'approve', deps, slack, logger);
    if (!check.ok) {
      await tell(refusedText(check.refused));
      await recordRefusedClick(approverId, check.refused, id, deps, check.request);
      return;
    }
    // Checked before deciding: an order this app can no longer run is never marked approved.
    if (!askedOf(check.request, deps)) {
      await tell(UNRUNNABLE);
      return;
    }
    let approved: ApprovalRequest | undefined;
    try {
      approved = await deps.store.decideApproval(id, { status: 'approved', deciderId: approverId, at: new Date() });
    } catch (error) {
      // The decision may have committed all the same: if the row says this approver approved it, run it (the run
      // is claimed once, so nothing can run twice); otherwise nothing was decided.
      logger.error(`approval ${id}: deciding failed: ${String(error)}`);
      const row = await approvalNow(deps, id, logger);
      if (row?.status === 'approved' && row.deciderId === approverId) approved = row;
      else {
        await tell(refusedText({ code: 'store_unreachable' }));
        return;
      }
    }
    if (!approved) {
      // Someone else decided it a moment ago (a double click, a second approver): say what became of it.
      const now = await approvalNow(deps, id, logger);
      await tell(refusedText(now ? { code: 'decided', request: now } : { code: 'store_unreachable' }));
      return;
    }
    const found = askedOf(approved, deps);
    if (found && approved.channel && approved.messageTs) {
      await slack.updateMessage(
        approved.channel,
        approved.messageTs,
        approvalDecidedMessage(found.asked, approvedStatus(approverId)),
      );
    }
    await deps.audit.record(
      beforeCalls(
        { ...whoAsked(approved), approverId },
        'approved',
        approved.order.action,
        found?.prepared.targets ?? [],
        found?.prepared.details,
        approved.order.reason,
      ),
    );
    await runApproved(approved, approverId, deps, slack, logger);
  };
}

/** **Deny**: opens a modal for an optional reason; the requester may deny (withdraw) their own request. */
export function denyClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs) => {
    const { ack, body, client, logger } = args;
    await ack();
    const id = requestIdOf(args);
    const slack = deps.slack(client, logger);
    const check = await decidable(id, body.user.id, 'deny', deps, slack, logger);
    if (!check.ok) {
      await slack.postEphemeral(body.response_url, refusedText(check.refused));
      await recordRefusedClick(body.user.id, check.refused, id, deps, check.request);
      return;
    }
    await slack.openModal(body.trigger_id, denyReasonView(id));
  };
}

/**
 * The denial's modal, submitted: the modal says "Denying…" at once (Slack's 3 seconds), then what actually came of
 * it, once decided: denied (or withdrawn), or why not.
 */
export function denySubmitted(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, body, view, client, logger } = args;
    const id = view.private_metadata;
    const slack = deps.slack(client, logger);
    const reason = freeText(stateValue(view, APPROVAL.denyReason)?.value);
    await ack({ response_action: 'update', view: noticeView(DENY_TITLE, ':hourglass_flowing_sand: Denying…') });
    const say = (text: string) => slack.updateModal(view.id, noticeView(DENY_TITLE, text));
    const check = await decidable(id, body.user.id, 'deny', deps, slack, logger);
    if (!check.ok) {
      await say(refusedText(check.refused));
      await recordRefusedClick(body.user.id, check.refused, id, deps, check.request);
      return;
    }
    try {
      const denied = await deny(check.request, body.user.id, reason, deps, slack, logger);
      if (denied) {
        await say(':no_entry_sign: Denied. Nothing will run, and the requester has been told.');
        return;
      }
      const now = await approvalNow(deps, id, logger);
      await say(refusedText(now ? { code: 'decided', request: now } : { code: 'store_unreachable' }));
    } catch (error) {
      logger.error(`approval ${id}: denying failed: ${String(error)}`);
      await say(refusedText({ code: 'store_unreachable' }));
    }
  };
}
