/**
 * `npm run demo`: one incident played by the built app against a local simulator of Slack (see incident.ts),
 * printed as what the admin saw, what the audit channel got and what reached Slack. Exit 0 when every step happened
 * as it should; otherwise 1, with the story so far and a sentence saying which step did not.
 */
import { FAKE } from '../test/support/fake-credentials';
import { playIncident } from './incident';
import { IncidentFailed, Story } from './story';

const WATCHDOG_MS = 60_000;

/** The story, unless it would show a token or the signing secret (fake ones, but the rule has no exceptions). */
function printable(text: string): string {
  const leaked = [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret].some((secret) => text.includes(secret));
  return leaked ? 'The demo stopped: its story would show a token or the signing secret, so it is not printed.' : text;
}

async function main(): Promise<number> {
  const began = Date.now();
  const story = new Story();
  story.heading('Session Reset: one incident, end to end, without Slack');
  const watchdog = setTimeout(() => {
    process.stdout.write(
      printable(`${story}\n\nThe demo stopped: it did not finish within ${WATCHDOG_MS / 1000} s.\n`),
    );
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    await playIncident(story);
    process.stdout.write(printable(`${story}\n\nPlayed in ${((Date.now() - began) / 1000).toFixed(1)} s.\n`));
    return 0;
  } catch (error) {
    const why = error instanceof IncidentFailed ? error.message : `something unexpected went wrong: ${String(error)}`;
    process.stdout.write(printable(`${story}\n\nThe demo stopped: ${why}\n`));
    return 1;
  }
}

void main().then((code) => process.exit(code));
