import { randomUUID } from 'node:crypto';
import type { Action } from '../../src/actions/action';
import { ACTIONS, registry } from '../../src/actions/registry';
import { openModal, showConfirmation } from '../../src/actions/shared/modal';
import { reasonOf, submittedPlan } from '../../src/actions/shared/submitted-plan';
import { submitOrder } from '../../src/actions/submit-order';
import { isUserId, type PlanBase, type PlanSchema, planRef } from '../../src/domain/plan';
import type { ActionWords } from '../../src/views/action-words';
import { loadingView, modal, section } from '../../src/views/blocks';
import { mention } from '../../src/views/mrkdwn';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

/**
 * The action contract, proven with an action the app does not have: "note" marks people in the record and calls
 * nothing at Slack. It is a folder's worth of code and one registry entry; nothing in actions/shared/, domain/,
 * views/ or the stores knows it, and the whole path (confirmation, kept plan, Submit, run, report, records, the audit
 * channel, App Home, Cancel) carries it.
 */
interface NotePlan extends PlanBase {
  kind: 'note';
  userIds: string[];
}

const NOTE_PLAN: PlanSchema<NotePlan> = {
  kind: 'note',
  decode: (raw, base) =>
    Array.isArray(raw.userIds) && raw.userIds.length > 0 && raw.userIds.every(isUserId)
      ? { kind: 'note', ...base, userIds: raw.userIds }
      : undefined,
};

const WORDS: ActionWords = {
  title: 'Note people',
  verb: 'Noted',
  past: 'noted',
  doing: 'Noting',
  one: 'person',
  many: 'people',
  line: (target) => ({ subject: mention(target.userId), done: 'noted' }),
};

const CALLBACK = 'note_confirm';

const noteAction: Action = {
  audit: 'note',
  command: '/note-people',
  words: WORDS,
  onCommand:
    (deps) =>
    async ({ command, ack, client, logger }) => {
      await ack();
      const slack = deps.slack(client, logger);
      const userIds = [...command.text.matchAll(/<@([UW][A-Z0-9]{8,20})>/g)].map((m) => m[1] ?? '');
      const plan: NotePlan = {
        kind: 'note',
        invokerId: command.user_id,
        requestId: randomUUID(),
        responseUrl: command.response_url,
        userIds,
      };
      const viewId = await openModal(
        slack,
        command.trigger_id,
        loadingView(WORDS.title, 'Getting ready…'),
        command.response_url,
      );
      if (!viewId) return;
      const view = modal({
        title: WORDS.title,
        callbackId: CALLBACK,
        submit: 'Note them',
        close: 'Cancel',
        notifyOnClose: true,
        privateMetadata: planRef(plan),
        blocks: [section(`Note ${userIds.map(mention).join(', ')}?`)],
      });
      await showConfirmation({ slack, viewId, responseUrl: plan.responseUrl }, plan, view, deps, logger);
    },
  modals: [
    {
      callbackId: CALLBACK,
      plan: NOTE_PLAN,
      onSubmit: (deps) => async (args) => {
        const plan = await submittedPlan(args, NOTE_PLAN, deps);
        if (plan) await submitOrder(args, deps, { action: 'note', plan, reason: reasonOf(args.view), notify: false });
      },
      cancelled: (plan) => ({ targets: (plan as NotePlan).userIds.map((userId) => ({ userId })) }),
    },
  ],
  prepare(order, deps) {
    const plan = NOTE_PLAN.decode(order.plan as unknown as Record<string, unknown>, order.plan, deps.planRules);
    if (!plan) return undefined;
    return {
      targets: plan.userIds.map((userId) => ({ userId })),
      run: async (observer) => ({
        reason: order.reason,
        results: plan.userIds.map((userId) => {
          observer.onResult?.();
          return { target: { userId }, outcome: { ok: true as const } };
        }),
        skipped: [],
        skippedUnlisted: 0,
      }),
    };
  },
};

describe('a third confirmed action, through the contract alone', () => {
  let h: Harness;
  const AUDIT = 'C0AUDIT001';
  beforeEach(async () => {
    h = await startHarness(
      { AUDIT_CHANNEL_ID: AUDIT, VERIFY_AFTER_RESET: 'true' },
      { actions: registry([...ACTIONS.all, noteAction]) },
    );
  });
  afterEach(() => h.stop());

  it('confirms, runs once, reports the truth and records it in its own words, with no check afterwards', async () => {
    await h.command('/note-people', '<@W0ALICE001> <@W0BOB00001>');
    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('Note <@W0ALICE001>, <@W0BOB00001>?');
    await h.submit(confirm);
    expect(textOf(h.lastView().view)).toContain('Noted 2 of 2 people');
    expect(h.allAudit.map((r) => [r.action, r.outcome])).toEqual([
      ['note', 'started'],
      ['note', 'executed'],
    ]);
    // It ends no session, so nothing is listed afterwards; and it calls no admin method at all.
    expect(h.fake.adminCalls()).toEqual([]);
    await h.fake.waitFor('chat.postMessage');
    expect(h.fake.callsTo('chat.postMessage').at(-1)?.args.text).toContain('*executed*: noting 2 people');
    // A second Submit of the same confirmation runs nothing more.
    await h.submit(confirm);
    expect(h.allAudit).toHaveLength(2);
  });

  it('is refused to someone off the allowlist under its own name, and a Cancel is recorded with its targets', async () => {
    await h.command('/note-people', '<@W0ALICE001>', FAKE.stranger);
    await h.command('/note-people', '<@W0ALICE001>');
    await h.close(h.lastView());
    for (let i = 0; i < 50 && h.audit.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.audit.map((r) => [r.action, r.outcome, r.targets.map((t) => t.userId)])).toEqual([
      ['note', 'refused', []],
      ['note', 'cancelled', ['W0ALICE001']],
    ]);
  });
});
