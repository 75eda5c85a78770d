import { invalidateConfirmationView } from '../../../src/actions/invalidate/confirmation-view';
import { invalidateUsage } from '../../../src/actions/invalidate/usage';
import { INVALIDATE_WORDS } from '../../../src/actions/invalidate/words';
import { ACTIONS } from '../../../src/actions/registry';

const { wordsOf } = ACTIONS;

import { bulkConfirmationView } from '../../../src/actions/reset/bulk-confirmation-view';
import { resetConfirmationView } from '../../../src/actions/reset/confirmation-view';
import { historyText } from '../../../src/actions/reset/history-text';
import { resetPickerView } from '../../../src/actions/reset/picker-view';
import { resetUsage } from '../../../src/actions/reset/usage';
import { RESET_WORDS } from '../../../src/actions/reset/words';
import { settingsCheck } from '../../../src/actions/session-settings/check';
import type { SettingsPlan, ShowPlan } from '../../../src/actions/session-settings/plan';
import { changeDetails, type Held, heldDetail } from '../../../src/actions/session-settings/settings';
import { settingsUsage } from '../../../src/actions/session-settings/usage';
import { confirmationView, showView } from '../../../src/actions/session-settings/views';
import { SETTINGS_WORDS } from '../../../src/actions/session-settings/words';
import type { ApprovalRequest } from '../../../src/domain/approval';
import type { AuditRecord, TargetResult } from '../../../src/domain/audit-record';
import type { Report } from '../../../src/domain/report';
import type { PersonCheck } from '../../../src/domain/verify';
import { abandonedText } from '../../../src/views/abandoned-text';
import {
  approvalDecidedMessage,
  approvalRequestMessage,
  deniedStatus,
  denyReasonView,
  waitingView,
} from '../../../src/views/approval-view';
import { auditChannelText } from '../../../src/views/audit-text';
import { loadingView } from '../../../src/views/blocks';
import { adminHomeView, visitorHomeView } from '../../../src/views/home-view';
import { MAX_REASON } from '../../../src/views/ids';
import { notifyMessage, notifySummary } from '../../../src/views/notify-text';
import { outsideActionText } from '../../../src/views/outside-action-text';
import { progressView, resultText, resultView } from '../../../src/views/result-view';
import { slackCheckText } from '../../../src/views/slack-check-text';
import { bulkCheckText, personCheckLine, sessionCheckLine, verifyHeading } from '../../../src/views/verify-text';
import { blockKitProblems, messageProblems } from '../../support/block-kit-limits';
import { FakeSurface, fakeDeps } from '../../support/listener-fakes';
import { INVOKER, manyPeople, person, RESPONSE_URL, reviewOf, sessions, userId } from './fixtures';

/**
 * Every view and message the app builds, at the largest input it accepts: 50 people one by one (MAX_TARGETS' ceiling),
 * 5,000 in bulk (BULK_MAX_TARGETS' ceiling), 50 sessions shown of 1,000 listed, the longest reason (500), the longest
 * NOTIFY_TEMPLATE (1,000), and names, emails and devices at their longest. Each is checked against Slack's limits for
 * where it goes: a modal or the Home tab, or a message (50 blocks, 40,000 characters of text).
 */
const REASON = `INC-${'r'.repeat(MAX_REASON - 4)}`;
const REQUEST_ID = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';
const NOW = new Date('2026-12-01T12:00:00Z');
const ONE_BY_ONE = 50;
const BULK = 5000;
const ids = (n: number) => Array.from({ length: n }, (_, i) => userId(i));
const longGroups = Array.from({ length: 20 }, (_, i) => ({
  id: `S${String(i).padStart(10, '0')}`,
  handle: 'h'.repeat(80),
  members: 250,
}));
const approval = { why: 'privileged' as const, channelId: 'C0APPROVE1', ttlMinutes: 1440, breakGlass: true };
const INPUTS = { requireReason: true, notifyDefault: true, notifyNamesAdmin: true, approval };

const outcomes = [
  { ok: true as const },
  { ok: false as const, code: 'user_session_reset_failed', uncertain: false },
  { ok: false as const, code: `weird_${'x'.repeat(200)}`, uncertain: true },
];
const resetReport = (n: number, over: Partial<Report> = {}): Report => ({
  action: 'reset',
  details: { scope: 'mobile' },
  reason: REASON,
  results: ids(n).map((id, i) => ({ target: { userId: id }, outcome: outcomes[i % 3] ?? { ok: true } })),
  skipped: ids(200).map((id, i) => ({ label: i % 2 ? id : `${'e'.repeat(200)}@x.example`, code: 'is_bot' })),
  skippedUnlisted: 4800,
  unguarded: true,
  notify: true,
  verify: true,
  slackLog: true,
  ...over,
});
const invalidateReport: Report = {
  action: 'invalidate',
  reason: REASON,
  results: sessions(50).map((s, i) => ({
    target: { userId: s.userId, teamId: s.teamId, sessionId: s.sessionId },
    outcome: outcomes[i % 3] ?? { ok: true },
  })),
  skipped: [],
  skippedUnlisted: 0,
};

const results: TargetResult[] = ['done', 'failed', 'unknown', 'not_attempted', 'queued'];
const record = (n: number, outcome: AuditRecord['outcome'] = 'partial'): AuditRecord => ({
  time: NOW.toISOString(),
  requestId: REQUEST_ID,
  invokerId: INVOKER,
  action: 'reset',
  outcome,
  details: { scope: 'web' },
  reason: REASON,
  targets: ids(n).map((id, i) => ({
    userId: id,
    result: results[i % results.length] ?? 'done',
    ...(i % 2 ? { error: `code_${'y'.repeat(100)}` } : {}),
  })),
  unguarded: true,
  approverId: 'W0APPROVER1',
  breakGlass: true,
  denyReason: REASON,
});

/** What Slack's audit log showed of `n` people: every result, each with the longest entry id. */
const slackRecord = (n: number): AuditRecord => ({
  ...record(n, 'confirmed_by_slack'),
  targets: ids(n).map((id, i) => {
    const result = (['confirmed', 'failed', 'not_seen', 'unknown'] as const)[i % 4] ?? 'confirmed';
    const slackEntry = { id: 'e'.repeat(100), time: NOW.toISOString() };
    return { userId: id, result, ...(result === 'confirmed' || result === 'failed' ? { slackEntry } : {}) };
  }),
});

/** An entry of the app's own kind made by someone else, for 5,000 people, with every field at its longest. */
const outsideEntry = {
  id: 'i'.repeat(100),
  dateCreate: NOW.getTime() / 1000,
  action: 'bulk_session_reset_by_admin',
  actor: { type: 'user', user: { id: 'W0MALLORY1', name: '<!channel>'.repeat(20), email: 'm'.repeat(200) } },
  entity: { type: 'enterprise', id: 'E0ORG00001' },
  context: { ipAddress: '2001:db8::1'.padEnd(100, '0'), ua: 'u'.repeat(500) },
  details: { succeeded_users: JSON.stringify(ids(BULK)), failed_users: ids(BULK), mobile_only: true },
};

const request: ApprovalRequest = {
  id: REQUEST_ID,
  requesterId: INVOKER,
  order: {
    action: 'reset',
    plan: { kind: 'reset', invokerId: INVOKER, requestId: REQUEST_ID },
    reason: REASON,
    notify: true,
  },
  why: 'bulk',
  createdAt: NOW.toISOString(),
  expiresAt: NOW.toISOString(),
  status: 'pending',
};
/** A step's run with IDs far longer than Slack's (they are Slack's to choose: shown cut, never trusted). */
const LONG_RUN = { functionExecutionId: `Fx${'9'.repeat(300)}`, workflowExecutionId: `Wx${'9'.repeat(300)}` };

const asked = (n: number) => ({
  request,
  words: RESET_WORDS,
  targets: ids(n).map((id) => ({ userId: id })),
  details: { scope: 'web' },
});

const check = (i: number): PersonCheck => ({
  userId: userId(i),
  checked: ['T0000000001'],
  remaining: sessions(8),
  unlisted: Array.from({ length: 10 }, (_, j) => ({
    teamId: `T${String(j).padStart(10, '0')}`,
    code: 'team_not_found',
  })),
});

const people = manyPeople(ONE_BY_ONE);
const resetPlan = {
  kind: 'reset' as const,
  invokerId: INVOKER,
  requestId: REQUEST_ID,
  scope: 'all' as const,
  userIds: people.map((p) => p.id),
  skipped: [],
  skippedUnlisted: 0,
  again: people.map((p) => p.id),
  responseUrl: RESPONSE_URL,
};

/** Every kind of settings a person may hold, the longest words first: a settings plan of 5,000 people. */
const heldKinds: Held[] = [
  { own: { duration: 315_569_519, quitEndsSession: false } },
  { unknown: `weird_${'u'.repeat(50)}` },
  'default',
  { own: { quitEndsSession: true } },
  ...Array.from({ length: 8 }, (_, i): Held => ({ own: { duration: 86_400 * (i + 1) + 61 } })),
];
const settingsPeople = {
  invokerId: userId(0),
  requestId: REQUEST_ID,
  responseUrl: RESPONSE_URL,
  privileged: ids(BULK),
  userIds: ids(BULK),
  held: ids(BULK).map((_, i) => heldKinds[i % heldKinds.length] ?? 'default'),
  skipped: ids(200).map((id, i) => ({
    label: i % 2 ? id : `${'e'.repeat(200)}@x.example`,
    code: `c_${'z'.repeat(30)}`,
  })),
  skippedUnlisted: 4800,
};
const showPlan: ShowPlan = { kind: 'session_settings_show', ...settingsPeople };
const changePlan: SettingsPlan = {
  kind: 'session_settings',
  ...settingsPeople,
  change: { set: { duration: 315_569_519, quitEndsSession: false } },
};
const settingsShown = { groups: longGroups, tokenOwnerId: userId(1) };
const settingsReport = (): Report => ({
  action: 'session_settings',
  details: changeDetails(changePlan.change, REQUEST_ID),
  reason: REASON,
  results: ids(BULK).map((id, i) => ({
    target: { userId: id, details: { before: heldDetail(heldKinds[i % heldKinds.length] ?? 'default') } },
    outcome: outcomes[i % 3] ?? { ok: true },
  })),
  skipped: settingsPeople.skipped,
  skippedUnlisted: 4800,
  unguarded: true,
  verify: true,
  next: 'x'.repeat(300),
});

const modals: [string, () => unknown][] = [
  ['the session settings shown: 5,000 people, 200 left out, 20 groups', () => showView(showPlan, settingsShown)],
  [
    'the session settings confirmation: 5,000 people, every warning, approval and break-glass',
    () => confirmationView(changePlan, settingsShown, { ...INPUTS, offerNotify: false }),
  ],
  ['a session settings result: 5,000 people, every outcome', () => resultView(settingsReport(), SETTINGS_WORDS)],
  [
    'the reset confirmation: 50 people, every warning, groups, cooldown, approval and break-glass',
    () =>
      resetConfirmationView(resetPlan, reviewOf(people, ids(60).slice(50)), {
        recentResets: new Map(people.map((p) => [p.id, NOW])),
        inputs: INPUTS,
        groups: longGroups,
        now: NOW,
      }),
  ],
  [
    'the bulk confirmation: 5,000 people, 200 refused, 20 groups',
    () =>
      bulkConfirmationView({
        plan: {
          kind: 'reset_bulk',
          invokerId: INVOKER,
          requestId: REQUEST_ID,
          scope: 'web',
          userIds: ids(BULK),
          skipped: [],
          skippedUnlisted: 0,
        },
        review: reviewOf(manyPeople(BULK), ids(200)),
        groups: longGroups,
        recentlyReset: 300,
        cooldownMinutes: 1440,
        inputs: { ...INPUTS, offerNotify: false },
      }),
  ],
  [
    'the invalidate confirmation: 50 sessions shown of 1,000 or more',
    () =>
      invalidateConfirmationView(
        {
          kind: 'invalidate',
          invokerId: INVOKER,
          requestId: REQUEST_ID,
          userId: people[0]?.id ?? '',
          sessions: sessions(50).map((s) => ({ teamId: s.teamId, sessionId: s.sessionId })),
          choose: true,
          responseUrl: RESPONSE_URL,
        },
        { person: manyPeople(2)[1] ?? person(), warnings: ['self', 'token_owner', 'privileged'] },
        sessions(50),
        { count: 950, atLeast: true },
        INPUTS,
        `:warning: ${'w'.repeat(2500)}`,
      ),
  ],
  ['the picker', () => resetPickerView({ kind: 'pick', invokerId: INVOKER, requestId: REQUEST_ID }, 50, 'web')],
  ['a one-by-one result: 50 people, every outcome', () => resultView(resetReport(ONE_BY_ONE), RESET_WORDS)],
  [
    'a bulk result: 5,000 people queued, 200 named refusals',
    () => resultView(resetReport(BULK, { queued: true, verifyLaterId: REQUEST_ID }), RESET_WORDS),
  ],
  ['an invalidate result: 50 sessions', () => resultView(invalidateReport, INVALIDATE_WORDS)],
  ['the progress view with two waits', () => progressView(RESET_WORDS, BULK, 4999, 'wait one\nwait two')],
  ['the loading view with a wait', () => loadingView('Reset sessions', 'Looking up 5000 people… 0 of 5000', 'w')],
  ['the waiting-for-approval view', () => waitingView(asked(BULK), 'C0APPROVE1')],
  ['the deny-reason view', () => denyReasonView(REQUEST_ID)],
];

const homes: [string, () => unknown][] = [
  [
    'the admin Home: 20 records of 5,000 targets',
    () =>
      adminHomeView({ records: Array(20).fill(record(BULK)), refusals: { attempts: 99_999, people: 9_999 } }, wordsOf, [
        '/reset-sessions',
        '/invalidate-session',
      ]),
  ],
  [
    'the admin Home: 10 runs of 5,000 and what Slack’s log showed of each',
    () =>
      adminHomeView(
        {
          records: Array.from({ length: 10 }, () => [record(BULK), slackRecord(BULK)]).flat(),
          refusals: { attempts: 0, people: 0 },
        },
        wordsOf,
        ['/reset-sessions'],
      ),
  ],
  ['the admin Home with the store down', () => adminHomeView(undefined, wordsOf, ['/reset-sessions'])],
  ['the visitor Home', () => visitorHomeView()],
];

const messages: [string, () => { text: string; blocks?: unknown }][] = [
  ['the approval request: 5,000 people', () => approvalRequestMessage(asked(BULK))],
  [
    'the approval request of a Workflow Builder step of 5,000, its longest IDs',
    () =>
      approvalRequestMessage({
        ...asked(BULK),
        request: {
          ...request,
          order: { ...request.order, origin: { kind: 'workflow', step: 'sign_people_out', ...LONG_RUN } },
        },
      }),
  ],
  [
    'the approval request of an API client of 5,000',
    () =>
      approvalRequestMessage({
        ...asked(BULK),
        request: {
          ...request,
          requesterId: `api:${'c'.repeat(32)}`,
          order: { ...request.order, origin: { kind: 'api', client: 'c'.repeat(32) } },
        },
      }),
  ],
  [
    'the audit post of a 5,000-person sign-out a Workflow Builder step asked for',
    () => ({
      text: auditChannelText(
        { ...record(BULK), origin: { kind: 'workflow', step: 'sign_people_out', ...LONG_RUN } },
        wordsOf,
      ),
    }),
  ],
  [
    'the approval decided: 5,000 people, the longest denial',
    () => approvalDecidedMessage(asked(BULK), deniedStatus('W0APPROVER1', REASON)),
  ],
  ['the audit post of a 5,000-person bulk reset', () => ({ text: auditChannelText(record(BULK), wordsOf) })],
  [
    'the audit post of a check afterwards of 5,000',
    () => ({ text: auditChannelText(record(BULK, 'verified'), wordsOf) }),
  ],
  ['a one-by-one result message', () => ({ text: resultText(resetReport(ONE_BY_ONE), RESET_WORDS) })],
  ['a bulk result message', () => ({ text: resultText(resetReport(BULK, { queued: true }), RESET_WORDS) })],
  ['a session settings result message: 5,000 people', () => ({ text: resultText(settingsReport(), SETTINGS_WORDS) })],
  [
    'the audit post of a session settings change of 5,000, each person’s settings before',
    () => ({
      text: auditChannelText(
        {
          ...record(BULK),
          action: 'session_settings',
          details: settingsReport().details,
          targets: settingsReport().results.map((r) => ({ ...r.target, result: 'done' as const })),
        },
        wordsOf,
      ),
    }),
  ],
  [
    'the approval request: a session settings change of 5,000',
    () =>
      approvalRequestMessage({
        ...asked(BULK),
        words: SETTINGS_WORDS,
        details: changeDetails(changePlan.change, REQUEST_ID),
      }),
  ],
  [
    'the DM to a person signed out, from the longest template',
    () => ({ text: notifyMessage(`{when} {admin} ${'t'.repeat(980)}`, NOW, INVOKER) }),
  ],
  [
    'the summary of 50 DMs, none sent',
    () => ({
      text: notifySummary(ids(ONE_BY_ONE).map((id) => ({ userId: id, sent: false, code: `c_${'z'.repeat(100)}` }))),
    }),
  ],
  [
    'the check afterwards of 50 people, each with sessions left and workspaces unlisted',
    () => ({ text: [verifyHeading, ...ids(ONE_BY_ONE).map((_, i) => personCheckLine(check(i), 'all'))].join('\n') }),
  ],
  [
    'the check afterwards of 50 sessions',
    () => ({
      text: [
        verifyHeading,
        ...sessions(50).map((s) => sessionCheckLine({ ...s, code: `team_${'q'.repeat(100)}` })),
      ].join('\n'),
    }),
  ],
  [
    'a later check of 5,000',
    () => ({
      text: bulkCheckText(
        ids(BULK).map((_, i) => check(i)),
        'web',
      ),
    }),
  ],
  ['the note of a plan cut off, 5,000 people', () => ({ text: abandonedText(record(BULK, 'unknown')) })],
  [
    'the DM of what Slack’s audit log showed of 5,000 people',
    () => ({ text: slackCheckText(slackRecord(BULK), wordsOf, 86_400_000) }),
  ],
  [
    'the audit post of what Slack’s log showed of 5,000',
    () => ({ text: auditChannelText(slackRecord(BULK), wordsOf) }),
  ],
  ['the post of a bulk reset of 5,000 made outside the app', () => ({ text: outsideActionText(outsideEntry) })],
  ['history of 20 records of 5,000', () => ({ text: historyText(userId(1), Array(20).fill(record(BULK)), wordsOf) })],
  [
    'history of 10 runs of 5,000 and what Slack’s log showed of each',
    () => ({
      text: historyText(userId(1), Array.from({ length: 10 }, () => [record(BULK), slackRecord(BULK)]).flat(), wordsOf),
    }),
  ],
  ['usage', () => ({ text: `${resetUsage(50)}\n${invalidateUsage()}\n${settingsUsage(50, 5000)}` })],
];

describe('every view at its largest input stays within Slack’s limits', () => {
  it.each(modals)('%s', (_name, build) => {
    expect(blockKitProblems(build())).toEqual([]);
  });
  it.each(homes)('%s', (_name, build) => {
    expect(blockKitProblems(build())).toEqual([]);
  });
});

describe('every message at its largest input stays within Slack’s limits', () => {
  it.each(messages)('%s', (_name, build) => {
    expect(messageProblems(build())).toEqual([]);
  });

  it('the check afterwards of a change of 5,000 people (3,333 tried), none as asked', async () => {
    const { deps, adminApi } = fakeDeps({ env: { BULK_MAX_TARGETS: '5000' } });
    for (const [i, id] of ids(BULK).entries()) adminApi.settings.set(id, { duration: 86_400 + i });
    const checked = await settingsCheck(deps, changePlan.change).run(settingsReport(), new FakeSurface());
    expect(messageProblems({ text: checked.message })).toEqual([]);
    expect(checked.message).toContain('3333 people: *0 applied*, 3333 not as asked, 0 not verified.');
    expect(checked.targets).toHaveLength(3333);
  });

  it('a post from Slack’s audit log lets no name in it act as markup', () => {
    const text = outsideActionText(outsideEntry);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('and 4980 more');
  });

  it('a long audit post keeps its reason and request id, and points to the record for the rest', () => {
    const text = auditChannelText(record(BULK), wordsOf);
    expect(text).toContain(REASON);
    expect(text).toContain(REQUEST_ID);
    expect(text).toMatch(/the full list is in the record/);
  });
});
