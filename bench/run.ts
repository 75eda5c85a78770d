/**
 * `npm run bench [-- --quick]`: the app against a bare Bolt 5 app, both in child processes against the test
 * suite's fake Slack on loopback. Prints tables and writes bench/results.json. Figures only: nothing is asserted.
 *
 * 1. ack latency of signed `/reset-sessions <@W…>` at several concurrency levels, app vs bare Bolt (cases/ack.ts);
 * 2. command -> views.open (trigger window) with users.info answering at once and after 2.5 s (cases/modal.ts);
 * 3. at Slack's rate tiers, scaled: groups of 300 and 1,000 to a confirmation, a bulk of 1,000 to "queued", and
 *    P.verifyUsers people signed out one by one and verified, each against the tiers' bound (cases/tiers.ts);
 * 4. time to a healthy /healthz and resident memory, app vs bare Bolt (cases/startup.ts);
 * 5. the store's share of a Submit, PostgreSQL vs SQLite (cases/store.ts), in-process while the servers idle;
 * 7. open loop at steady rates, repeated: ack p99 against bare Bolt and CPU against bare Bolt making the same three
 *    Slack calls, as medians with their spread (cases/open-loop.ts);
 * 8. saturation: rising open-loop rates until a command is turned away or misses the window (cases/saturation.ts).
 *
 * Parameters are in params.ts; the printed report in report.ts and report-tables.ts; results.json in report-json.ts.
 */

import { TEAM_ID } from '../test/support/fake-slack';
import { ackBenchmark } from './cases/ack';
import { type ModalCase, modalCase } from './cases/modal';
import { openLoopCase } from './cases/open-loop';
import { saturationCase } from './cases/saturation';
import { startup } from './cases/startup';
import { storeCase } from './cases/store';
import { tierCases } from './cases/tiers';
import { load } from './load-generator';
import { P, RESULTS, TARGET } from './params';
import { report } from './report';
import { writeResults } from './report-json';
import { children, fake, must } from './servers';
import { median, ms } from './stats';
import { log } from './timing';

async function stopAll(): Promise<void> {
  await load.stop();
  await Promise.all(Object.values(children).map((c) => c?.stop()));
  await fake.stop().catch(() => undefined);
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: gave up after ${P.watchdogMs / 1000} s\n`);
    process.exit(2);
  }, P.watchdogMs);
  watchdog.unref();

  await fake.start();
  fake.fake.addUser({ id: TARGET, team_id: TEAM_ID });
  log(`fake Slack on ${fake.fake.origin}; starting servers (${P.mode})`);
  try {
    const proc = await startup();
    log(`healthy: app ${ms(median(proc.app.healthyMs))} ms, bare ${ms(median(proc.bare.healthyMs))} ms`);
    const ack = await ackBenchmark();
    for (const kind of ['bare', 'app'] as const) proc[kind].afterAckLoad = await must(kind).memory();
    const openLoop = await openLoopCase();
    const saturation = await saturationCase();
    const modal: ModalCase[] = [];
    for (let r = 0; r < P.repeats; r++) for (const delay of P.lookupDelays) modal.push(await modalCase(delay, r));
    const tiers = await tierCases();
    for (const kind of ['bare', 'app'] as const) proc[kind].afterAll = await must(kind).memory();
    const appWarnings = must('app').warnings();
    const appTail = must('app').tail.slice(-10);
    // In this process, with the servers idle: nothing else competes for the 2 cores.
    const store = await storeCase();
    log(`store: ${store.runs.map((r) => `${r.store} c${r.concurrency} p50 ${ms(r.perSubmitMs.p50)} ms`).join(', ')}`);

    const { text, targets } = report(ack, modal, tiers, proc, store, openLoop, saturation);
    process.stdout.write(`\n${text}\n`);
    if (appWarnings > 0)
      process.stdout.write(`\nThe app logged ${appWarnings} WARN/ERROR line(s); last lines:\n${appTail.join('\n')}\n`);
    writeResults({ ack, modal, tiers, proc, store, openLoop, saturation, targets, appWarnings });
    process.stdout.write(`\nWrote ${RESULTS}\n`);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    for (const child of Object.values(children))
      if (child) process.stderr.write(`${child.kind} log tail:\n${child.tail.join('\n')}\n`);
    await stopAll().catch(() => undefined);
    process.exit(1);
  },
);
