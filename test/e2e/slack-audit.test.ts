import type { AuditRecord } from '../../src/domain/audit-record';
import { ADMIN_TOKEN_OWNER, TEAM_ID } from '../support/fake-slack';
import { AUDIT_OWNER_TOKEN, type FakeSlackAudit } from '../support/fake-slack-audit';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const MALLORY = 'W0MALLORY1';
const WAVE = 'S0WAVE0001';
const wave = Array.from({ length: 12 }, (_, i) => `W0BULK${String(i + 1).padStart(4, '0')}`);
const count = (value: string) => ({ count: { count_input: { type: 'plain_text_input', value } } });

/** Resolves once `check` holds, polling; fails with `what` after `ms`. */
async function until(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Proof from Slack's own records: each run checked against Slack's Audit Logs API, per target. */
describe('Slack’s audit log', () => {
  let h: Harness;
  const start = async (env: Record<string, string> = {}, audit: (a: FakeSlackAudit) => void = () => {}) => {
    h = await startHarness(
      {
        AUDIT_CHANNEL_ID: 'C0AUDIT001',
        MAX_TARGETS: '5',
        BULK_MAX_TARGETS: '40',
        AUDIT_CONFIRM_WAIT_SECONDS: '3',
        AUDIT_SCAN_INTERVAL_SECONDS: '0',
        ...env,
      },
      {
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example' });
          fake.addUser({ id: BOB, real_name: 'Bob Example' });
          fake.addUser({ id: MALLORY, real_name: 'Mallory Admin' });
          for (const id of wave) fake.addUser({ id, real_name: `Person ${id}`, team_id: TEAM_ID });
          fake.groups.set(WAVE, wave);
          fake.addSession(ALICE, 1001);
          fake.addSession(ALICE, 1002);
        },
        slackAudit: audit,
      },
    );
  };
  afterEach(() => h.stop());
  const checked = () => h.audit.filter((r) => r.outcome === 'confirmed_by_slack');
  const dms = (userId: string) =>
    h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === userId)
      .map((c) => String(c.args.text));
  const channelPosts = () =>
    h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'C0AUDIT001')
      .map((c) => String(c.args.text));
  const slackAudit = (): FakeSlackAudit => {
    if (!h.slackAudit) throw new Error('the harness runs no Audit Logs API');
    return h.slackAudit;
  };
  const entryFor = (userId: string) =>
    slackAudit()
      .all()
      .find((e) => (e.entity.user as { id?: string } | undefined)?.id === userId);

  it('confirms a change of session settings per person with Slack’s user_session_settings_changed', async () => {
    await start();
    await h.command('/session-settings', `<@${ALICE}> <@${BOB}> --duration 8h`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).toContain('Slack’s own audit log will be read');
    await until('the confirmed_by_slack record', () => checked().length === 1);
    const record = checked()[0] as AuditRecord;
    expect(record.action).toBe('session_settings');
    expect(record.targets.map((t) => [t.userId, t.result])).toEqual([
      [ALICE, 'confirmed'],
      [BOB, 'confirmed'],
    ]);
    expect(entryFor(BOB)).toMatchObject({ action: 'user_session_settings_changed', details: { duration: 28800 } });
  });

  it('confirms a reset with Slack’s own entry, tells the admin, and shows it in history and App Home', async () => {
    await start();
    await h.command('/reset-sessions', `<@${ALICE}> --mobile`, FAKE.admin);
    await h.submit(h.lastView());
    const result = textOf(h.lastView().view);
    expect(result).toContain('Signed out 1 of 1 person');
    expect(result).toContain(
      'Slack’s own audit log will be read for each of them; what it shows (or does not) comes to you by DM.',
    );
    await until('the confirmed_by_slack record', () => checked().length === 1);

    const entry = entryFor(ALICE);
    expect(entry).toMatchObject({ action: 'user_session_reset_by_admin', details: { mobile_only: true } });
    const record = checked()[0] as AuditRecord;
    expect(record).toMatchObject({ invokerId: FAKE.admin, action: 'reset', details: { scope: 'mobile' } });
    expect(record.targets).toEqual([
      {
        userId: ALICE,
        result: 'confirmed',
        slackEntry: { id: entry?.id, time: new Date((entry?.date_create ?? 0) * 1000).toISOString() },
      },
    ]);
    // Asked with the Org Owner's token, for the app's own actions by the admin token's owner, in the run's window.
    const query = slackAudit().logsCalls().at(-1);
    expect(query?.token).toBe(AUDIT_OWNER_TOKEN);
    expect(query?.query).toMatchObject({ actor: ADMIN_TOKEN_OWNER });
    expect(query?.query.action?.split(',')).toEqual(
      expect.arrayContaining(['user_session_reset_by_admin', 'bulk_session_reset_by_admin']),
    );

    await until('the DM', () => dms(FAKE.admin).length > 0);
    const dm = dms(FAKE.admin).at(-1);
    expect(dm).toContain('*Slack’s audit log* on signing out 1 person');
    expect(dm).toContain('*1 confirmed by Slack*');
    expect(dm).toContain(`<@${ALICE}>: confirmed by Slack at <!date^${entry?.date_create}^`);
    expect(dm).toContain(`(entry \`${entry?.id}\`)`);
    await until('the audit channel post', () => channelPosts().some((t) => t.includes('checked with Slack’s')));

    const before = h.fake.responses.length;
    await h.command('/reset-sessions', `history <@${ALICE}>`);
    await h.fake.waitForResponses(before + 1);
    const history = String(h.fake.responses.at(-1)?.body.text);
    expect(history).toContain(`<@${ALICE}>: done · :white_check_mark: confirmed by Slack`);
    expect(history).toContain('*checked with Slack’s audit log*');

    await h.event({ type: 'app_home_opened', user: FAKE.admin, channel: 'D0HOME0001', tab: 'home' });
    const home = h.fake.callsTo('views.publish').at(-1)?.args.view ?? '';
    expect(textOf(JSON.parse(home))).toContain(`<@${ALICE}>: done · :white_check_mark: confirmed by Slack`);
  });

  it('maps a bulk reset’s succeeded_users and failed_users onto its people: “queued” becomes per-person truth', async () => {
    await start({}, (audit) => {
      audit.bulkListsAs = 'string';
    });
    h.fake.bulkFailures.add(wave[3] ?? '');
    h.fake.bulkFailures.add(wave[7] ?? '');
    await h.command('/reset-sessions', `<!subteam^${WAVE}>`);
    await h.submit(h.lastView(), count('12'));
    expect(textOf(h.lastView().view)).toContain('Queued the sign-out of 12 of 12 people.');
    await until('the confirmed_by_slack record', () => checked().length === 1);

    const entry = slackAudit()
      .all()
      .find((e) => e.action === 'bulk_session_reset_by_admin');
    expect(typeof entry?.details?.succeeded_users).toBe('string');
    const results = Object.fromEntries((checked()[0]?.targets ?? []).map((t) => [t.userId, t.result]));
    expect(results).toEqual(
      Object.fromEntries(wave.map((id) => [id, id === wave[3] || id === wave[7] ? 'failed' : 'confirmed'])),
    );
    await until('the DM', () => dms(FAKE.admin).length > 0);
    const dm = dms(FAKE.admin).at(-1) ?? '';
    expect(dm).toContain('*10 confirmed by Slack*, 2 that Slack’s job did not sign out');
    // What Slack did not do comes first.
    expect(dm.indexOf(`<@${wave[3]}>: Slack’s job did not sign them out`)).toBeLessThan(
      dm.indexOf(`<@${wave[0]}>: confirmed by Slack`),
    );

    await h.event({ type: 'app_home_opened', user: FAKE.admin, channel: 'D0HOME0001', tab: 'home' });
    const home = textOf(JSON.parse(h.fake.callsTo('views.publish').at(-1)?.args.view ?? '{}'));
    expect(home).toContain(`<@${wave[0]}>: queued for sign-out by Slack · :white_check_mark: confirmed by Slack`);
    expect(home).toContain(`<@${wave[3]}>: queued for sign-out by Slack · :x: Slack’s job did not sign them out`);
  });

  it('reads succeeded_users sent as an array too, and waits out the Audit Logs API’s 429s', async () => {
    await start({}, (audit) => {
      audit.bulkListsAs = 'array';
    });
    slackAudit().limitNext = 2;
    await h.command('/reset-sessions', `<!subteam^${WAVE}>`);
    await h.submit(h.lastView(), count('12'));
    await until('the confirmed_by_slack record', () => checked().length === 1);
    expect(checked()[0]?.targets.every((t) => t.result === 'confirmed')).toBe(true);
    expect(slackAudit().calls.filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(2);
  });

  it('says “not seen” for what never shows in Slack’s log, after the wait and not before', async () => {
    await start({ AUDIT_CONFIRM_WAIT_SECONDS: '2' }, (audit) => {
      audit.neverShown.add(BOB);
    });
    const submitted = Date.now();
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    await h.submit(h.lastView());
    await until('the confirmed_by_slack record', () => checked().length === 1);
    expect(Date.now() - submitted).toBeGreaterThanOrEqual(2000);
    expect(checked()[0]?.targets).toEqual([
      expect.objectContaining({ userId: ALICE, result: 'confirmed' }),
      { userId: BOB, result: 'not_seen' },
    ]);
    // Checked with backoff in between, not once a tick.
    expect(slackAudit().logsCalls().length).toBeGreaterThanOrEqual(2);
    expect(slackAudit().logsCalls().length).toBeLessThanOrEqual(6);
    await until('the DM', () => dms(FAKE.admin).length > 0);
    const dm = dms(FAKE.admin).at(-1);
    expect(dm).toContain('*1 confirmed by Slack*, 1 not seen within 2 seconds');
    expect(dm).toContain(`<@${BOB}>: not seen in Slack’s audit log`);
  });

  it('confirms each ended session with an entry of its own', async () => {
    await start();
    await h.command('/invalidate-session', `<@${ALICE}>`);
    const picker = h.lastView();
    await h.submit(picker, {
      sessions: {
        sessions_input: {
          type: 'checkboxes',
          selected_options: [`${TEAM_ID}:1001`, `${TEAM_ID}:1002`].map((value) => ({ value, text: { text: value } })),
        },
      },
    });
    await until('the confirmed_by_slack record', () => checked().length === 1);
    const targets = checked()[0]?.targets ?? [];
    expect(targets.map((t) => [t.sessionId, t.result])).toEqual([
      [1001, 'confirmed'],
      [1002, 'confirmed'],
    ]);
    expect(new Set(targets.map((t) => t.slackEntry?.id)).size).toBe(2);
  });

  it('reports a revoked audit token once, and signs people out all the same', async () => {
    await start();
    await until('the start-up check', () => (slackAudit().logsCalls().length ?? 0) > 0);
    slackAudit().revoked = true;
    for (const who of [ALICE, BOB]) {
      await h.command('/reset-sessions', `<@${who}>`);
      await h.submit(h.lastView());
      expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    }
    expect(h.fake.callsTo('admin.users.session.reset').map((c) => c.args.user_id)).toEqual([ALICE, BOB]);
    await until('the audit channel post', () => channelPosts().some((t) => t.includes('can no longer be read')));
    await new Promise((r) => setTimeout(r, 1500));
    const told = channelPosts().filter((t) => t.includes('can no longer be read'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('token_revoked');
    expect(told[0]).toContain('sign-outs themselves go on');
    expect(h.logs.lines.some((l) => l.startsWith('ERROR AUDIT TOKEN LOST'))).toBe(true);
    // Once refused, the log is not asked again for a while.
    expect(slackAudit().calls.filter((c) => c.status === 401)).toHaveLength(1);
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/session_app_slack_calls_total\{method="audit\/v1\/logs",outcome="token_revoked"\} 1/);
    expect(h.logs.lines.join('\n')).not.toContain(AUDIT_OWNER_TOKEN);
  });

  it('reads nothing for a dry run, which changed nothing', async () => {
    await start({ DRY_RUN: 'true' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).not.toContain('Slack’s own audit log will be read');
    await new Promise((r) => setTimeout(r, 1500));
    expect(checked()).toEqual([]);
    expect(dms(FAKE.admin)).toEqual([]);
  });

  it('refuses an admin’s token at start with a sentence, and starts anyway', async () => {
    await start({ SLACK_AUDIT_TOKEN: FAKE.adminToken });
    await until('the report', () => channelPosts().some((t) => t.includes('not_allowed_token_type')));
    expect(channelPosts().at(-1)).toContain('an admin’s token is refused');
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(h.fake.callsTo('admin.users.session.reset')).toHaveLength(1);
  });

  it('posts a sign-out made outside the app once, and never the app’s own', async () => {
    await start({ AUDIT_SCAN_INTERVAL_SECONDS: '1' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    slackAudit().addEntry({
      action: 'user_session_reset_by_admin',
      actorId: MALLORY,
      targetId: BOB,
      ip: '203.0.113.9',
    });
    slackAudit().addEntry({ action: 'user_logout_compromised', actorId: BOB, targetId: BOB });
    slackAudit().addEntry({ action: 'user_logout', actorId: BOB, targetId: BOB });
    await until('two posts', () => channelPosts().filter((t) => t.includes('outside this app')).length === 2);
    // Scans go on over the same window; nothing is posted twice.
    await new Promise((r) => setTimeout(r, 2500));
    const posts = channelPosts().filter((t) => t.includes('outside this app'));
    expect(posts).toHaveLength(2);
    expect(posts[0]).toContain(`*Whom*: <@${BOB}> (w0bob00001, w0bob00001@example.com) signed out by an admin`);
    expect(posts[0]).toContain(`*By*: <@${MALLORY}>`);
    expect(posts[0]).toContain('From IP `203.0.113.9`');
    expect(posts[1]).toContain('signed out for a compromised device');
    expect(posts.join('\n')).not.toContain(`<@${ALICE}>`);
  });
});
