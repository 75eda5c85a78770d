/**
 * One incident, end to end: the built app (`node dist/index.js`, as `npm start` runs it) in HTTP mode against the
 * tests' strict fake of Slack's Web API, both on 127.0.0.1, driven the way Slack drives it: a signed slash command,
 * the modal the app opens on its trigger, a signed view_submission of that modal, the response_url. Every step
 * checks what it relies on, so the demo is a smoke test too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE } from '../test/support/fake-credentials';
import { type FakeSlack, type RecordedCall, TEAM_ID } from '../test/support/fake-slack';
import { freePort, healthOf, httpEnv, run } from '../test/support/process';
import { postSigned, type SlackAnswer } from '../test/support/signed-request';
import { commandBody, viewSubmissionBody } from '../test/support/slack-payloads';
import { modalText, mrkdwnText, type Names } from './block-kit-text';
import {
  ADMIN,
  ALICE,
  AUDIT_CHANNEL,
  BOB,
  DEPLOY_BOT,
  namesOf,
  OTHER_TEAM,
  organizationLines,
  simulatedOrganization,
} from './organization';
import { eventually, expectThat, IncidentFailed, type Story, step } from './story';
import { type AuditLine, auditLines, callsTable, type Phase } from './traffic';

type App = ReturnType<typeof run>;
type View = Record<string, unknown>;

const REASON = 'INC-4711: phishing page, an unknown browser in the EU workspace';

/** Plays the incident, telling it in `story`; throws IncidentFailed at the first step that does not happen. */
export async function playIncident(story: Story): Promise<void> {
  const fake = simulatedOrganization();
  await fake.start();
  // The app's working folder, with its SQLite store: removed at the end, whatever happens.
  const folder = mkdtempSync(join(tmpdir(), 'session-reset-demo-'));
  let app: App | undefined;
  try {
    story.say(
      'The built app (node dist/index.js) in HTTP mode, and the test suite’s strict fake of Slack’s Web API',
      '(test/support/fake-slack.ts), both on 127.0.0.1. Slack’s requests are signed as Slack signs them; the fake',
      'keeps Slack’s rate tiers, Block Kit limits and token rules, and answers what Slack would.',
    );
    story.heading('The organization (simulated)');
    story.say(...organizationLines(fake));
    const port = await freePort();
    app = run(appEnv(fake, port, folder), folder);
    const incident = new Incident(fake, app, port, story);
    await incident.appStarts();
    const confirmation = await incident.adminTypesTheCommand();
    await incident.adminSubmits(confirmation);
    await incident.auditTrailTells();
    await incident.adminReadsTheHistory();
    incident.whatReachedSlack();
    await incident.appStops();
  } finally {
    app?.child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
    await fake.stop();
  }
}

/** What an operator would give the app, pointed at the fake: the rest as it defaults. */
const appEnv = (fake: FakeSlack, port: number, folder: string): Record<string, string> => ({
  ...httpEnv(fake),
  PORT: String(port),
  AUDIT_DB_PATH: join(folder, 'audit.db'),
  ADMIN_USER_IDS: ADMIN,
  AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
});

class Incident {
  private readonly names: Names;
  /** Where each part of the incident starts among the calls Slack took. */
  private readonly phases: Phase[] = [{ at: 0, label: 'the app starts' }];
  private triggers = 0;

  constructor(
    private readonly fake: FakeSlack,
    private readonly app: App,
    private readonly port: number,
    private readonly story: Story,
  ) {
    this.names = namesOf(fake);
  }

  /** Healthy, and what it logged on the way; or a sentence with everything it printed. */
  async appStarts(): Promise<void> {
    const status = await healthOf(this.port, 200);
    expectThat(status === 200, `The app did not become healthy (last answer ${status}):\n${this.app.output()}`);
    this.story.heading('The app starts');
    this.story.say(
      `ADMIN_USER_IDS=${ADMIN} AUDIT_CHANNEL_ID=${AUDIT_CHANNEL} SLACK_API_URL=${this.fake.url} PORT=${this.port}`,
      'AUDIT_DB_PATH in a temporary folder; SLACK_BOT_TOKEN, SLACK_ADMIN_TOKEN and SLACK_SIGNING_SECRET obviously fake;',
      'the rest as they default (VERIFY_AFTER_RESET=true, APPROVAL_REQUIRED=never, LOG_FORMAT=json).',
    );
    for (const line of logLines(this.app.output())) this.story.say(`log: ${line}`);
  }

  /** The admin types the command; the app opens a modal at once, looks the people up, and asks to confirm. */
  async adminTypesTheCommand(): Promise<{ id: string; view: View }> {
    const { story, fake } = this;
    this.phases.push({ at: fake.calls.length, label: 'the command' });
    story.heading('Sam types, in #incident');
    const text = `<@${ALICE}|alice> <@${BOB}|bob> <@${DEPLOY_BOT}|deploy-bot>`;
    story.say('/reset-sessions @alice @bob @deploy-bot', `(Slack sends the text as ${text})`);
    const sent = Date.now();
    const ack = await this.command(text);
    expectThat(ack.status === 200, `The app answered the command with HTTP ${ack.status}: ${ack.text}`);
    story.say(`The app acknowledged it in ${Date.now() - sent} ms (HTTP 200, empty: nothing to say yet).`);

    const [opened] = await step('The app opens a modal on the command’s trigger', () => fake.waitFor('views.open'));
    story.heading('What Sam saw');
    story.say('At once, on the trigger (views.open):');
    story.show(modalText(viewOf(opened), this.names));
    const [update] = await step('The app shows the confirmation', () => fake.waitFor('views.update'));
    const confirmation = viewOf(update);
    expectThat(confirmation.submit !== undefined, 'The modal the app showed has no Submit button: nothing to confirm.');
    story.say('A moment later, once it had looked the three up (views.update):');
    story.show(modalText(confirmation, this.names));
    expectThat(fake.adminCalls().length === 0, 'The app called an admin method before Submit.');
    story.say('No admin method has been called so far: nothing happens before Submit.');
    return { id: update?.args.view_id ?? '', view: confirmation };
  }

  /** The admin gives a reason and submits; the result per person comes back, then the check afterwards. */
  async adminSubmits(confirmation: { id: string; view: View }): Promise<void> {
    const { story, fake, names } = this;
    this.phases.push({ at: fake.calls.length, label: 'Submit' });
    story.say('', `Sam types the reason “${REASON}” and presses Submit.`);
    const answer = await this.submit(confirmation, {
      reason: { reason_input: { type: 'plain_text_input', value: REASON } },
    });
    const progress = answer.json?.view as View | undefined;
    expectThat(
      answer.status === 200 && answer.json?.response_action === 'update' && progress !== undefined,
      `The app answered Submit with HTTP ${answer.status} ${answer.text}, not with the modal updated.`,
    );
    story.say('The modal, in the answer to the submission (response_action: update):');
    story.show(modalText(progress, names));

    await step('The app sends the result as an ephemeral message', () => fake.waitForResponses(1));
    story.say('The result, per person, as an ephemeral message where Sam typed the command (response_url):');
    story.show(mrkdwnText(String(fake.responses[0]?.body.text), names));
    // The check starts once the result is shown, and reports last: the modal is final by then.
    await step('The app reports the check afterwards', () => fake.waitForResponses(2));
    const updates = fake.callsTo('views.update');
    const result = viewOf(updates.at(-1));
    expectThat(updates.length >= 2 && result.submit === undefined, 'The app never showed the result in the modal.');
    story.say('The same in the modal (views.update):');
    story.show(modalText(result, names));
    story.say('The check afterwards: the app lists the sessions of each person signed out, in every workspace:');
    story.show(mrkdwnText(String(fake.responses[1]?.body.text), names));

    const resets = fake.callsTo('admin.users.session.reset');
    expectThat(
      resets.map((c) => c.args.user_id).join() === `${ALICE},${BOB}` &&
        resets.every((c) => c.token === FAKE.adminToken && Object.keys(c.args).join() === 'user_id'),
      'The resets that reached Slack are not one each for Alice and Bob, with the admin token and every session.',
    );
    const lists = fake.callsTo('admin.users.session.list').map((c) => `${c.args.user_id} in ${c.args.team_id}`);
    expectThat(
      [TEAM_ID, OTHER_TEAM].every((team) => lists.includes(`${ALICE} in ${team}`)),
      `The check afterwards did not list Alice’s sessions in both her workspaces (it listed: ${lists.join(', ') || 'nothing'}).`,
    );
  }

  /** The audit channel's posts, and the app's own records on stdout. */
  async auditTrailTells(): Promise<void> {
    const { story, fake, names, app } = this;
    await eventually(
      () => auditLines(app.output()).some((r) => r.outcome === 'verified'),
      'The app printed no audit record of the check afterwards on stdout.',
    );
    const records = auditLines(app.output());
    const posts = await step('The audit channel gets the result and the check', () =>
      fake.waitFor('chat.postMessage', 2),
    );
    expectThat(
      posts.every((p) => p.args.channel === AUDIT_CHANNEL && p.token === FAKE.botToken),
      'A message went elsewhere than the audit channel, or without the bot token.',
    );
    const outcome = (id: string) => records.find((r) => r.outcome === 'partial')?.targets.find((t) => t.userId === id);
    expectThat(
      outcome(ALICE)?.result === 'done' &&
        outcome(BOB)?.error === 'user_session_reset_failed' &&
        outcome(DEPLOY_BOT)?.result === 'not_attempted',
      'The audit record does not say Alice done, Bob refused by Slack and the bot not attempted.',
    );
    story.heading(`What the audit channel got (${AUDIT_CHANNEL}, chat.postMessage with the bot token)`);
    story.show(posts.map((post) => mrkdwnText(post.args.text ?? '', names)).join('\n\n'));
    story.heading('The app’s own audit record (stdout: one JSON line per record, for a log pipeline)');
    for (const r of records) story.say(`${r.outcome}: ${r.targets.map((t) => targetText(t, names)).join(', ')}`);
  }

  /** Later, the admin asks the app what it recorded: read back from its store. */
  async adminReadsTheHistory(): Promise<void> {
    this.phases.push({ at: this.fake.calls.length, label: 'history' });
    this.story.heading('Later, Sam asks for the record, read back from the app’s SQLite store');
    this.story.say('/reset-sessions history @alice');
    const ack = await this.command(`history <@${ALICE}|alice>`);
    expectThat(ack.status === 200, `The app answered the history command with HTTP ${ack.status}: ${ack.text}`);
    await step('The app answers with Alice’s records from its store', () => this.fake.waitForResponses(3));
    this.story.show(mrkdwnText(String(this.fake.responses[2]?.body.text), this.names));
  }

  whatReachedSlack(): void {
    const { story, fake } = this;
    story.heading('What reached Slack’s Web API, in order (tokens are never printed, only their kind)');
    story.say(callsTable(fake.calls, this.phases));
    story.say(
      `And ${fake.responses.length} posts to the commands’ response_url (ephemeral messages); ` +
        `${fake.limited.length} calls refused for Slack’s rate limits.`,
    );
  }

  /** SIGTERM, as a supervisor stops it: it drains and exits 0. */
  async appStops(): Promise<void> {
    this.story.heading('The app stops');
    this.app.child.kill('SIGTERM');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new IncidentFailed('The app did not exit within 15 s of SIGTERM.')), 15_000).unref(),
    );
    const { code } = await Promise.race([this.app.exit, timeout]);
    expectThat(code === 0, `The app exited with ${code} on SIGTERM instead of 0:\n${this.app.output()}`);
    this.story.say('SIGTERM: it drained and exited 0. Its folder and SQLite store are removed.');
  }

  /** A slash command from Sam in #incident, form-encoded and signed as Slack posts it. */
  private command(text: string): Promise<SlackAnswer> {
    const tag = `${++this.triggers}.incident`;
    const body = commandBody({
      command: '/reset-sessions',
      text,
      userId: ADMIN,
      triggerId: `1337.${tag}`,
      responseUrl: this.fake.responseUrl(tag),
    });
    return step('Slack posts the command to /slack/events', () => this.post(body));
  }

  /** Sam's Submit of a modal the app opened, as Slack posts the view_submission. */
  private submit(view: { id: string; view: View }, values: Record<string, Record<string, unknown>>) {
    const body = viewSubmissionBody({
      viewId: view.id,
      view: view.view,
      userId: ADMIN,
      triggerId: `1337.${++this.triggers}.incident`,
      values,
    });
    return step('Slack posts the submission to /slack/events', () => this.post(body));
  }

  private post(body: string): Promise<SlackAnswer> {
    return postSigned(`http://127.0.0.1:${this.port}/slack/events`, body, { secret: FAKE.signingSecret });
  }
}

const viewOf = (call: RecordedCall | undefined): View => JSON.parse(call?.args.view ?? '{}') as View;

/** The app's log lines (not its audit records), as their messages. */
function logLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && !line.includes('"type":"session_audit"'))
    .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg));
}

const targetText = (t: AuditLine['targets'][number], names: Names): string =>
  `@${names.get(t.userId) ?? t.userId} ${t.result}${t.error ? ` (${t.error})` : ''}`;
