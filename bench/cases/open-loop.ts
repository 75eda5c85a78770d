/**
 * 7. What an admin feels, at a steady pace, repeated: commands sent open-loop (on schedule, whatever the answers) at
 * each of P.openRates, to bare Bolt (the ack floor), to bare Bolt making the app's three Slack calls (the CPU floor)
 * and to the app, in a rotating order, P.repeats times. Each ratio is taken within one repeat, then summarised as
 * the median with its min and max; a spread past ±25% is flagged instead of trusted.
 */
import { type Child, type ChildKind, startChild } from '../children';
import { load, resetCommands } from '../load-generator';
import type { LoadSample } from '../load-worker';
import { NODE_ARGS, P } from '../params';
import { baseEnv, drain, expectConfirmations, fake, must } from '../servers';
import { median, summarize } from '../stats';
import { log } from '../timing';

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** (max - min) / 2 / median > 0.25: the figure moved too much between repeats to stand for the rate. */
  unstable: boolean;
}

export interface OpenLoopRate {
  ratePerS: number;
  requests: number;
  /** App ack p99 / bare Bolt ack p99, per repeat. */
  ackP99Ratio: Spread;
  /** App CPU per command / bare Bolt-with-the-same-calls CPU per command, per repeat. */
  cpuRatio: Spread;
  /** App: command -> views.open p99 (ms), and command -> confirmation p99 (ms). */
  openP99: Spread;
  confirmP99: Spread;
  appAckP99Ms: Spread;
  appCpuMs: Spread;
  callsCpuMs: Spread;
  busy: number;
}

export function spread(values: readonly number[]): Spread {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: m, min, max, unstable: (max - min) / 2 / m > 0.25 };
}

async function send(child: Child, kind: ChildKind, rate: number, requests: number, prefix: string) {
  const cpu0 = await child.cpuMs();
  const pace = { concurrency: requests, gapMs: 0, ratePerS: rate };
  const result = await load.run(resetCommands(child.url, requests, prefix, pace));
  // Both the app and the calls floor end each command with a confirmation; wait for them before reading CPU.
  if (kind !== 'bare') {
    expectConfirmations(result.samples.filter((s) => !s.busy).length);
    await drain();
  }
  const cpuMs = ((await child.cpuMs()) - cpu0) / result.samples.length;
  return { samples: result.samples, cpuMs };
}

const p99 = (values: number[]) => summarize(values).p99;

function opensOf(samples: readonly LoadSample[]): { open: number[]; confirm: number[] } {
  const open: number[] = [];
  const confirm: number[] = [];
  for (const s of samples) {
    const opened = s.busy ? undefined : fake.opened.get(s.triggerId);
    if (!opened) continue;
    open.push(opened.at - s.sentAt);
    const shown = fake.findUpdate(opened.viewId, (v) => v.callback_id === 'reset_sessions_confirm');
    if (shown) confirm.push(shown.at - s.sentAt);
  }
  return { open, confirm };
}

export async function openLoopCase(): Promise<OpenLoopRate[]> {
  const calls = await startChild('calls', { ...baseEnv(), BENCH_BARE_CALLS: '1' }, NODE_ARGS);
  const out: OpenLoopRate[] = [];
  try {
    const kids: Record<ChildKind, Child> = { bare: must('bare'), app: must('app'), calls };
    for (const rate of P.openRates) {
      const per: Record<string, number[]> = {};
      const add = (key: string, v: number) => {
        per[key] = [...(per[key] ?? []), v];
      };
      let busy = 0;
      const requests = P.openRequests;
      // Untimed warm-up at the rate, each child.
      for (const kind of ['bare', 'calls', 'app'] as const)
        await send(kids[kind], kind, rate, 20, `open.warm.${kind}.${rate}`);
      const orders: ChildKind[][] = [
        ['bare', 'calls', 'app'],
        ['app', 'bare', 'calls'],
        ['calls', 'app', 'bare'],
      ];
      for (let r = 0; r < P.repeats; r++) {
        const got: Partial<Record<ChildKind, { samples: LoadSample[]; cpuMs: number }>> = {};
        for (const kind of orders[r % orders.length] ?? []) {
          got[kind] = await send(kids[kind], kind, rate, requests, `open.${kind}.${rate}.${r}`);
        }
        const [bare, app, floor] = [got.bare, got.app, got.calls];
        if (!bare || !app || !floor) continue;
        const appAck = p99(app.samples.map((s) => s.ackMs));
        add('ack', appAck / p99(bare.samples.map((s) => s.ackMs)));
        add('appAck', appAck);
        add('cpu', app.cpuMs / floor.cpuMs);
        add('appCpu', app.cpuMs);
        add('callsCpu', floor.cpuMs);
        const { open, confirm } = opensOf(app.samples);
        add('open', p99(open));
        add('confirm', p99(confirm));
        busy += app.samples.filter((s) => s.busy).length;
      }
      const s = (key: string) => spread(per[key] ?? [Number.NaN]);
      out.push({
        ratePerS: rate,
        requests,
        ackP99Ratio: s('ack'),
        cpuRatio: s('cpu'),
        openP99: s('open'),
        confirmP99: s('confirm'),
        appAckP99Ms: s('appAck'),
        appCpuMs: s('appCpu'),
        callsCpuMs: s('callsCpu'),
        busy,
      });
      log(
        `open loop ${rate}/s: ack p99 app/bare ${s('ack').median.toFixed(2)}, CPU app/calls ${s('cpu').median.toFixed(2)}`,
      );
    }
  } finally {
    await calls.stop();
  }
  return out;
}
