import { TEAM_ID } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const WAVE = 'S0WAVE0001';
const BIG = 'S0BIGWAVE1';
const people = Array.from({ length: 12 }, (_, i) => `W0BULK${String(i + 1).padStart(4, '0')}`);
const BOT = 'W0BOT00009';
const WAVE300 = 'S0WAVE0300';
const wave300 = Array.from({ length: 300 }, (_, i) => `W0WAVE${String(i + 1).padStart(4, '0')}`);
const GONE = 'W0GONE0001';
const count = (value: string) => ({ count: { count_input: { type: 'plain_text_input', value } } });

/** Above MAX_TARGETS: one confirmation, a typed head count, one admin.users.session.resetBulk, "queued". */
describe('bulk resets', () => {
  let h: Harness;
  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness(
      { MAX_TARGETS: '5', BULK_MAX_TARGETS: '40', AUDIT_CHANNEL_ID: 'C0AUDIT001', VERIFY_AFTER_RESET: 'true', ...env },
      {
        setup: (fake) => {
          for (const id of people) fake.addUser({ id, real_name: `Person ${id}`, team_id: TEAM_ID });
          for (const id of wave300) fake.addUser({ id, real_name: `Person ${id}`, team_id: TEAM_ID });
          fake.groups.set(WAVE300, wave300);
          fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
          fake.addUser({ id: GONE, real_name: 'Gone Person', deleted: true });
          fake.groups.set(WAVE, [...people, BOT, GONE]);
          fake.groups.set(
            BIG,
            Array.from({ length: 41 }, (_, i) => `W0BIG${String(i).padStart(5, '0')}`),
          );
        },
      },
    );
  };
  afterEach(() => h.stop());
  const bulkCalls = () => h.fake.callsTo('admin.users.session.resetBulk');

  it('asks for the typed head count, refuses a wrong one, then queues everyone in one call and says "queued"', async () => {
    await start();
    await h.command('/reset-sessions', `<!subteam^${WAVE}|@phished>`);
    const confirm = h.lastView();
    expect(confirm.view.callback_id).toBe('reset_sessions_bulk');
    const shown = textOf(confirm.view);
    expect(shown).toContain('Sign out 12 people from all sessions, in bulk?');
    expect(shown).toContain('the result says *queued*, not done');
    expect(shown).toContain(`Includes every member of <!subteam^${WAVE}> (14 members)`);
    expect(shown).toContain('Not signed out (2)');
    expect(shown).toContain('Type 12 to confirm');
    expect(shown).not.toContain('Tell each person signed out by DM');
    expect(h.fake.adminCalls()).toEqual([]);

    for (const wrong of ['13', '', 'twelve']) {
      const answer = await h.submit(confirm, count(wrong));
      expect(answer.json).toEqual({
        response_action: 'errors',
        errors: { count: 'Type 12, the number of people to sign out, to go ahead.' },
      });
    }
    expect(h.fake.adminCalls()).toEqual([]);

    await h.submit(confirm, count('12'));
    expect(bulkCalls()).toHaveLength(1);
    expect(bulkCalls()[0]?.token).toBe(FAKE.adminToken);
    expect(JSON.parse(bulkCalls()[0]?.args.user_ids ?? '[]')).toEqual(people);
    // One call, no per-person reset, and no check afterwards: the job is Slack's now.
    expect(h.fake.adminCalls()).toHaveLength(1);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Queued the sign-out of 12 of 14 people, 2 not attempted.');
    expect(result).not.toMatch(/Signed out \d/);
    expect(result).toContain('*Queued* means Slack accepted the job, not that anyone is signed out yet');
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'queued' });
    expect(h.audit.at(-1)?.targets.map((t) => t.result)).toEqual([
      ...people.map(() => 'queued'),
      'not_attempted',
      'not_attempted',
    ]);
    const post = String(h.fake.callsTo('chat.postMessage').at(-1)?.args.text);
    expect(post).toContain('*queued (bulk)*');
  });

  it('offers "Verify now" on the result: each person listed afterwards, findings by DM and in the record', async () => {
    await start();
    await h.command('/reset-sessions', `<!subteam^${WAVE}>`);
    await h.submit(h.lastView(), count('12'));
    const result = h.lastView().view as { blocks: { type: string; elements?: Record<string, unknown>[] }[] };
    const button = result.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(button).toMatchObject({ action_id: 'verify_bulk_later', text: { text: 'Verify now' } });
    expect(h.fake.callsTo('admin.users.session.list')).toEqual([]);
    await h.click({ actionId: 'verify_bulk_later', value: String(button?.value) });
    expect(h.fake.callsTo('admin.users.session.list')).toHaveLength(12);
    const dms = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === FAKE.admin);
    expect(String(dms.at(-1)?.args.text)).toContain(
      '12 people: *12 with no active session left*, 0 with sessions still listed, 0 not verified.',
    );
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'verified' });
    expect(h.audit.at(-1)?.targets.every((t) => t.result === 'done')).toBe(true);
  });

  it('signs out a group of 300 in one confirmation and one call, reported as queued', async () => {
    await start({ BULK_MAX_TARGETS: '1000' });
    await h.command('/reset-sessions', `<!subteam^${WAVE300}|@everyone-phished> --web`);
    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('Sign out 300 people from web sessions only, in bulk?');
    expect(JSON.stringify(confirm.view).length).toBeLessThan(30_000);
    await h.submit(confirm, count('300'));
    expect(bulkCalls()).toHaveLength(1);
    expect(JSON.parse(bulkCalls()[0]?.args.user_ids ?? '[]')).toEqual(wave300);
    expect(bulkCalls()[0]?.args.web_only).toBe('true');
    expect(textOf(h.lastView().view)).toContain('Queued the sign-out of 300 of 300 people.');
  });

  it('looks a group of 300 up at Slack’s tiers with nobody left out, listing the workspace 200 at a time', async () => {
    await start({ BULK_MAX_TARGETS: '1000' });
    await h.command('/reset-sessions', `<!subteam^${WAVE300}>`);
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('Sign out 300 people from all sessions, in bulk?');
    expect(shown).not.toContain('Not signed out');
    // users.list (Tier 2, a page of 200; its first page empty, as Slack may send it) did most of the work, so far
    // fewer than 300 users.info calls were made, and every call kept to its tier.
    expect(h.fake.callsTo('users.list').length).toBeGreaterThanOrEqual(2);
    expect(h.fake.callsTo('users.list').every((c) => c.args.team_id === TEAM_ID)).toBe(true);
    expect(h.fake.callsTo('users.info').length).toBeLessThan(300);
    expect(h.fake.limited.map((c) => c.method)).toEqual([]);
  });

  it('waits out a 429 on every third look-up and leaves nobody out', async () => {
    await start({ BULK_MAX_TARGETS: '1000' });
    const sixty = wave300.slice(0, 60);
    h.fake.groups.set('S0SIXTY001', sixty);
    let n = 0;
    h.fake.on('users.info', () =>
      ++n % 3 === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }
        : undefined,
    );
    await h.command('/reset-sessions', '<!subteam^S0SIXTY001>');
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('Sign out 60 people from all sessions, in bulk?');
    expect(shown).not.toContain('Not signed out');
    const waits = h.fake.callsTo('views.update').map((c) => textOf(JSON.parse(c.args.view ?? '{}')));
    expect(waits.some((t) => t.includes('rate limit on `users.info`'))).toBe(true);
    expect(waits.some((t) => /Looking up 60 people… \d+ of 60 looked up/.test(t))).toBe(true);
  });

  it('says Slack queued the job and refused some it does not name: unknown for each, never failed, and Verify now', async () => {
    await start();
    h.fake.on('admin.users.session.resetBulk', () => ({ body: { ok: false, error: 'failed_for_some_users' } }));
    await h.command('/reset-sessions', `<!subteam^${WAVE}>`);
    await h.submit(h.lastView(), count('12'));
    const result = textOf(h.lastView().view);
    expect(result).toContain('Queued the sign-out of 0 of 14 people, 12 unknown, 2 not attempted.');
    expect(result).toContain('Slack queued the job and refused some of these 12 people; it does not say whom.');
    expect(result).not.toContain('not queued');
    expect(result).toContain('Verify now');
    expect(h.audit.at(-1)?.outcome).toBe('unknown');
    expect(h.audit.at(-1)?.targets.filter((t) => t.result === 'unknown')).toHaveLength(12);
  });

  it('refuses more people than BULK_MAX_TARGETS, with no call', async () => {
    await start();
    await h.command('/reset-sessions', `<!subteam^${BIG}>`);
    expect(textOf(h.lastView().view)).toContain(
      'That names 41 people (groups included); one confirmation takes at most 40 (BULK_MAX_TARGETS).',
    );
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('goes through two-person approval under APPROVAL_REQUIRED=bulk, and queues once on approval', async () => {
    await start({ APPROVAL_REQUIRED: 'bulk', APPROVAL_BULK_THRESHOLD: '10' });
    await h.command('/reset-sessions', `<!subteam^${WAVE}>`);
    expect(textOf(h.lastView().view)).toContain('This needs a second admin’s approval* (it names many people)');
    await h.submit(h.lastView(), count('12'));
    expect(bulkCalls()).toEqual([]);
    const request = h.fake.callsTo('chat.postMessage').find((c) => String(c.args.blocks).includes('approval_approve'));
    const blocks = JSON.parse(request?.args.blocks ?? '[]') as { type: string; elements?: { value?: string }[] }[];
    const id = blocks.find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';
    expect(textOf(blocks)).toContain('signing out 12 people (all sessions)');
    await h.click(
      { actionId: 'approval_approve', value: id, message: { channel: 'C0AUDIT001', ts: '1.1' } },
      FAKE.otherAdmin,
    );
    expect(bulkCalls()).toHaveLength(1);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'queued', approverId: FAKE.otherAdmin });
  });
});
