/** 1. Ack latency of signed /reset-sessions commands, app vs bare Bolt, at each level of `P.levels`. */
import type { Kind } from '../children';
import { load, resetCommands } from '../load-generator';
import type { LoadResult, LoadSample } from '../load-worker';
import { type Level, levelName, P } from '../params';
import { drain, expectConfirmations, fake, must } from '../servers';
import { ms, ratio, type Summary, summarize } from '../stats';
import { log } from '../timing';
import { isConfirmation } from '../views';

/** Runs load against one server; commands sent to the app each owe a confirmation modal. */
async function drive(kind: Kind, requests: number, level: Level, prefix: string): Promise<LoadResult> {
  const pace = { concurrency: level.concurrency, gapMs: level.gapMs };
  const result = await load.run(resetCommands(must(kind).url, requests, prefix, pace));
  // A command answered "busy" owes no modal: that is the app keeping its work bounded.
  if (kind === 'app') expectConfirmations(result.samples.filter((s) => !s.busy).length);
  return result;
}

export interface Side {
  ack: Summary;
  rps: number;
  errors: number;
  /** Commands answered "busy" in the ack (the app's bound on work in flight). */
  busy: number;
  /** CPU the server process used per command, including the app's post-ack work (its drain). */
  cpuMsPerCommand: number;
  /** CPU the benchmark process (fake Slack + load generator) used per command meanwhile. */
  benchCpuMsPerCommand: number;
}

const benchCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface AckLevel {
  level: string;
  concurrency: number;
  gapMs: number;
  diagnostic: boolean;
  app: Side;
  bare: Side;
  /** CPU per command, app / bare: the cost of a command, less sensitive to a shared, noisy machine than latency. */
  cpuRatio: number;
  /** Web API calls the app made per command (the fake counts them). */
  apiCallsPerCommand: Record<string, number>;
  p99Ratio: number;
  p50Ratio: number;
  rpsRatio: number;
  /** Command -> views.open for the app's commands at this level. */
  open: Summary;
  openMissing: number;
  openOver3s: number;
  confirm: Summary;
  drained: boolean;
}

export async function ackBenchmark(): Promise<AckLevel[]> {
  const levels: AckLevel[] = [];
  for (const level of P.levels) {
    const c = level.concurrency;
    const total = P.ackRequests(c);
    const half = Math.ceil(total / 2);
    // Untimed: opens `c` keep-alive connections to each server and warms its code paths.
    for (const kind of ['bare', 'app'] as const) await drive(kind, Math.max(2 * c, 20), level, `warm.${kind}.c${c}`);
    let drained = await drain();
    const samples: Record<Kind, LoadSample[]> = { app: [], bare: [] };
    const wall: Record<Kind, number> = { app: 0, bare: 0 };
    const cpu: Record<Kind, number> = { app: 0, bare: 0 };
    const benchCpu: Record<Kind, number> = { app: 0, bare: 0 };
    const apiCalls = new Map<string, number>();
    // bare, app, app, bare: slow drift of the machine weighs on both sides alike.
    for (const [i, kind] of (['bare', 'app', 'app', 'bare'] as const).entries()) {
      const calls0 = fake.fake.calls.length;
      const cpu0 = await must(kind).cpuMs();
      const bench0 = benchCpuMs();
      const result = await drive(kind, half, level, `ack.${kind}.${levelName(level)}.${i}`);
      samples[kind].push(...result.samples);
      wall[kind] += result.wallMs;
      if (kind === 'app') drained = (await drain()) && drained;
      cpu[kind] += (await must(kind).cpuMs()) - cpu0;
      if (kind === 'app')
        for (const call of fake.fake.calls.slice(calls0))
          apiCalls.set(call.method, (apiCalls.get(call.method) ?? 0) + 1);
      benchCpu[kind] += benchCpuMs() - bench0;
    }
    const side = (kind: Kind): Side => ({
      ack: summarize(samples[kind].map((s) => s.ackMs)),
      rps: (samples[kind].length / wall[kind]) * 1000,
      errors: samples[kind].filter((s) => s.status !== 200).length,
      busy: samples[kind].filter((s) => s.busy).length,
      cpuMsPerCommand: cpu[kind] / samples[kind].length,
      benchCpuMsPerCommand: benchCpu[kind] / samples[kind].length,
    });
    const app = side('app');
    const bare = side('bare');
    const opens: number[] = [];
    const confirms: number[] = [];
    let openMissing = 0;
    for (const s of samples.app) {
      if (s.busy) continue;
      const opened = fake.opened.get(s.triggerId);
      if (!opened) {
        openMissing += 1;
        continue;
      }
      opens.push(opened.at - s.sentAt);
      const confirmed = fake.findUpdate(opened.viewId, isConfirmation);
      if (confirmed) confirms.push(confirmed.at - s.sentAt);
    }
    levels.push({
      level: levelName(level),
      concurrency: c,
      gapMs: level.gapMs,
      diagnostic: level.diagnostic,
      app,
      bare,
      p99Ratio: app.ack.p99 / bare.ack.p99,
      p50Ratio: app.ack.p50 / bare.ack.p50,
      rpsRatio: app.rps / bare.rps,
      cpuRatio: app.cpuMsPerCommand / bare.cpuMsPerCommand,
      apiCallsPerCommand: Object.fromEntries([...apiCalls].map(([m, n]) => [m, n / samples.app.length])),
      open: summarize(opens),
      openMissing,
      openOver3s: opens.filter((t) => t > P.triggerWindowMs).length,
      confirm: summarize(confirms),
      drained,
    });
    log(
      `ack ${levelName(level)}: app p99 ${ms(app.ack.p99)} ms, bare p99 ${ms(bare.ack.p99)} ms, ratio ${ratio(app.ack.p99 / bare.ack.p99)}`,
    );
  }
  return levels;
}
