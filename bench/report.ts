/** The printed report: a header, the four section tables (report-tables.ts) and the targets, met or missed. */
import { cpus } from 'node:os';
import type { AckLevel } from './cases/ack';
import type { ModalCase } from './cases/modal';
import type { OpenLoopRate } from './cases/open-loop';
import type { Saturation } from './cases/saturation';
import type { StartupResult } from './cases/startup';
import type { StoreCase } from './cases/store';
import type { TierRun } from './cases/tiers';
import type { Kind } from './children';
import { P } from './params';
import {
  ackSection,
  modalSection,
  openLoopSection,
  peakRss,
  processSection,
  saturationSection,
  storeSection,
  tierSection,
} from './report-tables';
import { mib, ms, ratio, table } from './stats';

const yes = (ok: boolean) => (ok ? 'MET' : 'MISSED');

export interface Target {
  target: string;
  result: string;
  detail: string;
}

function targetsOf(ack: AckLevel[], modal: ModalCase[], tiers: TierRun[], proc: Record<Kind, StartupResult>): Target[] {
  const peak = (k: Kind) => peakRss(proc, k);
  const worstOpen = Math.max(...modal.map((m) => m.open.max), ...ack.map((l) => l.open.max));
  const missingOpens = modal.reduce((n, m) => n + m.openMissing, 0) + ack.reduce((n, l) => n + l.openMissing, 0);
  const memRatio = peak('app') / peak('bare');
  return [
    {
      target: 'ack p99 within 1.2x of bare Bolt at every concurrency',
      result: yes(ack.filter((l) => !l.diagnostic).every((l) => l.p99Ratio <= 1.2)),
      detail: ack
        .filter((l) => !l.diagnostic)
        .map((l) => `c${l.level} ${ratio(l.p99Ratio)}`)
        .join(', '),
    },
    {
      target: 'modal opens inside the 3 s trigger window in every case',
      result: yes(worstOpen <= P.triggerWindowMs && missingOpens === 0),
      detail: `worst ${ms(worstOpen)} ms, ${missingOpens} never opened`,
    },
    ...tiers.map((t) => {
      const goal = t.name.includes('verified') ? 1.1 : 1.5;
      return {
        target: `${t.name}: within ${goal}x of the tiers' bound, nobody left out, lost or repeated`,
        result: yes(t.ratio <= goal && t.leftOut === 0 && t.lost === 0 && t.repeated === 0),
        detail: `${t.ratio.toFixed(2)}x, left out ${t.leftOut}, lost ${t.lost}, twice ${t.repeated}`,
      };
    }),
    {
      target: 'peak RSS within 1.5x of bare Bolt',
      result: yes(memRatio <= 1.5),
      detail: `${mib(peak('app'))} vs ${mib(peak('bare'))} MiB = ${ratio(memRatio)}`,
    },
  ];
}

export function report(
  ack: AckLevel[],
  modal: ModalCase[],
  tiers: TierRun[],
  proc: Record<Kind, StartupResult>,
  store: StoreCase,
  openLoop: OpenLoopRate[],
  saturation: Saturation,
): { text: string; targets: Target[] } {
  const out: string[] = [];
  out.push(
    `Benchmark (${P.mode}) — Node ${process.version}, ${cpus().length} CPU(s), ${new Date().toISOString()}`,
    'App and bare Bolt 5 each run in a child process against the fake Slack (loopback); load comes from a worker thread.',
    '',
  );
  out.push(...ackSection(ack));
  out.push(...modalSection(modal, ack));
  out.push(...tierSection(tiers));
  out.push(...processSection(proc));
  out.push(...storeSection(store));
  out.push(...openLoopSection(openLoop));
  out.push(...saturationSection(saturation));
  const targets = [...targetsOf(ack, modal, tiers, proc), ...openLoopTargets(openLoop)];
  out.push(
    'Targets',
    table(
      ['target', 'result', 'measured'],
      targets.map((t) => [t.target, t.result, t.detail]),
    ),
  );
  return { text: out.join('\n'), targets };
}

/** Section 7's targets, each judged on its median, and said unstable when the repeats disagree. */
function openLoopTargets(openLoop: OpenLoopRate[]): Target[] {
  const judged = (ok: boolean, unstable: boolean) => (unstable ? `${yes(ok)} (unstable)` : yes(ok));
  const detail = (pick: (r: OpenLoopRate) => { median: number; min: number; max: number }, unit = 'x') =>
    openLoop
      .map((r) => {
        const s = pick(r);
        const f = (v: number) => (unit === 'x' ? v.toFixed(2) : ms(v));
        return `${r.ratePerS}/s ${f(s.median)}${unit === 'x' ? 'x' : ' ms'} [${f(s.min)}-${f(s.max)}]`;
      })
      .join(', ');
  return [
    {
      target: 'open-loop ack p99 within 1.2x of bare Bolt (median of repeats)',
      result: judged(
        openLoop.every((r) => r.ackP99Ratio.median <= 1.2),
        openLoop.some((r) => r.ackP99Ratio.unstable),
      ),
      detail: detail((r) => r.ackP99Ratio),
    },
    {
      target: 'CPU per command within 1.25x of bare Bolt making the same calls',
      result: judged(
        openLoop.every((r) => r.cpuRatio.median <= 1.25),
        openLoop.some((r) => r.cpuRatio.unstable),
      ),
      detail: detail((r) => r.cpuRatio),
    },
    {
      target: 'command -> modal p99 well inside 3 s at a steady rate',
      result: yes(openLoop.every((r) => r.openP99.max < P.triggerWindowMs / 3)),
      detail: detail((r) => r.openP99, 'ms'),
    },
  ];
}
