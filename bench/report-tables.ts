/** The report's four tables, one function a section; each returns its lines, a blank line last. */
import type { AckLevel, Side } from './cases/ack';
import type { ModalCase } from './cases/modal';
import { type OpenLoopRate, type Spread, spread } from './cases/open-loop';
import type { Saturation } from './cases/saturation';
import type { StartupResult } from './cases/startup';
import type { StoreCase, StoreRun } from './cases/store';
import type { TierRun } from './cases/tiers';
import type { Kind, MemorySample } from './children';
import { P } from './params';
import { median, mib, ms, ratio, table } from './stats';

/** One server's figures in a row of the ack table, from n to CPU ms/cmd. */
const sideCells = (s: Side): string[] => [
  String(s.ack.n),
  ms(s.ack.p50),
  ms(s.ack.p95),
  ms(s.ack.p99),
  ms(s.ack.max),
  s.rps.toFixed(0),
  String(s.errors),
  String(s.busy),
  s.cpuMsPerCommand.toFixed(2),
];

export function ackSection(ack: AckLevel[]): string[] {
  return [
    '1. Ack latency of signed /reset-sessions <@W…> (ms); n = requests per server, sent as bare/app/app/bare halves',
    table(
      [
        'conc',
        'server',
        'n',
        'p50',
        'p95',
        'p99',
        'max',
        'req/s',
        'errors',
        'busy',
        'CPU ms/cmd',
        'p99 app/bare',
        'p50 app/bare',
        'CPU app/bare',
      ],
      ack.flatMap((l) => [
        [
          l.diagnostic ? `${l.level} (diag.)` : l.level,
          'app',
          ...sideCells(l.app),
          ratio(l.p99Ratio),
          ratio(l.p50Ratio),
          ratio(l.cpuRatio),
        ],
        ['', 'bare Bolt', ...sideCells(l.bare), '', '', ''],
      ]),
    ),
    "  CPU ms/cmd: CPU time of the server process per command (process.cpuUsage()), the app's post-ack work included.",
    '  busy: commands the app answered "try again in a moment" in the ack, past 40 in flight; they owe no modal.',
    `  Web API calls the app made per command: ${Object.entries(ack[0]?.apiCallsPerCommand ?? {})
      .map(([m, n]) => `${m} ${n.toFixed(2)}`)
      .join(', ')}; bare Bolt makes none.`,
    '',
  ];
}

/** A row of the trigger-window table: one case's opens and confirmations, and its ack p99. */
const openRow = (
  label: string,
  n: number,
  c: Pick<ModalCase, 'open' | 'openOver3s' | 'openMissing' | 'confirm'>,
  ackP99: number,
): string[] => [
  label,
  String(n),
  ms(c.open.p50),
  ms(c.open.p99),
  ms(c.open.max),
  String(c.openOver3s),
  String(c.openMissing),
  ms(c.confirm.p50),
  ms(c.confirm.p99),
  ms(ackP99),
];

export function modalSection(modal: ModalCase[], ack: AckLevel[]): string[] {
  return [
    `2. Command -> views.open (trigger window ${P.triggerWindowMs} ms) and command -> confirmation shown (ms)`,
    table(
      ['case', 'n', 'open p50', 'open p99', 'open max', '> 3 s', 'missing', 'confirm p50', 'confirm p99', 'ack p99'],
      [
        ...modal.map((m) =>
          openRow(
            `users.info +${m.lookupDelayMs} ms, ${1000 / P.modalIntervalMs}/s, #${m.repeat + 1}`,
            m.commands,
            m,
            m.ack.p99,
          ),
        ),
        ...ack.map((l) => openRow(`during ack load, conc ${l.level}`, l.app.ack.n, l, l.app.ack.p99)),
      ],
    ),
    ...[...new Set(modal.map((m) => m.lookupDelayMs))].map((delay) => {
      const runs = modal.filter((m) => m.lookupDelayMs === delay);
      const open = spread(runs.map((m) => m.open.p99));
      const confirm = spread(runs.map((m) => m.confirm.p99));
      return `  users.info +${delay} ms over ${runs.length} repeats: open p99 ${spreadCell(open, 'ms')}, confirm p99 ${spreadCell(confirm, 'ms')} (median [min-max])`;
    }),
    '',
  ];
}

export function tierSection(runs: TierRun[]): string[] {
  const window = 60 / P.tierScale;
  const fmt = (m: Record<string, number>) =>
    Object.entries(m)
      .filter(([method]) => !method.startsWith('views.') && method !== 'chat.postMessage')
      .map(([method, n]) => `${method} ${n}`)
      .join(', ') || '-';
  return [
    `3. At Slack's rate tiers, ${P.tierScale}x faster than Slack (Tier 2: 20 per ${window} s; Tier 4: 100 per ${window} s), ` +
      `people at the end of a workspace of ${P.workspaceSize.toLocaleString('en-US')}`,
    table(
      [
        'case',
        'wall s',
        'bound s',
        'wall/bound',
        'at real rates: wall / bound',
        'left out',
        'lost',
        'twice',
        'verified',
        '429s',
      ],
      runs.map((r) => [
        r.name,
        (r.wallMs / 1000).toFixed(2),
        (r.boundMs / 1000).toFixed(1),
        r.boundMs > 0 ? r.ratio.toFixed(2) : '-',
        `${fmtMinutes(r.wallMs * P.tierScale)} / ${fmtMinutes(r.boundMs * P.tierScale)}`,
        String(r.leftOut),
        String(r.lost),
        String(r.repeated),
        r.verified === undefined ? '-' : `${r.verified} of ${r.people}`,
        fmt(r.limited),
      ]),
    ),
    ...runs.map((r) => `  ${r.name}: bound ${r.bound}; calls: ${fmt(r.calls)}`),
    '  bound = what the sliding windows allow at best (a window of calls at once, then the next): no schedule within',
    `  the tiers is faster. "At real rates" multiplies by ${P.tierScale}: the waits are the tiers', which is nearly all of it.`,
    '',
  ];
}

const fmtMinutes = (msReal: number) =>
  msReal >= 120_000 ? `${(msReal / 60_000).toFixed(1)} min` : `${(msReal / 1000).toFixed(0)} s`;

export const peakRss = (proc: Record<Kind, StartupResult>, k: Kind) => proc[k].afterAckLoad?.vmHwm ?? Number.NaN;

export function processSection(proc: Record<Kind, StartupResult>): string[] {
  const peak = (k: Kind) => peakRss(proc, k);
  const of = (k: Kind, pick: (m: MemorySample) => number, when: 'idle' | 'afterAckLoad' | 'afterAll') => {
    const m = proc[k][when];
    return m ? pick(m) : Number.NaN;
  };
  const procRow = (k: Kind): string[] => [
    k === 'app' ? 'app' : 'bare Bolt',
    ms(median(proc[k].healthyMs)),
    `${ms(Math.min(...proc[k].healthyMs))}-${ms(Math.max(...proc[k].healthyMs))}`,
    mib(of(k, (m) => m.rss, 'idle')),
    mib(peak(k)),
    mib(of(k, (m) => m.rss, 'afterAckLoad')),
    mib(of(k, (m) => m.rssAfterGc, 'afterAckLoad')),
    mib(of(k, (m) => m.heapAfterGc, 'idle')),
    mib(of(k, (m) => m.heapAfterGc, 'afterAckLoad')),
    mib(of(k, (m) => m.heapAfterGc, 'afterAll')),
    mib(of(k, (m) => m.vmHwm, 'afterAll')),
  ];
  const ratioRow = (pick: (k: Kind) => number) => ratio(pick('app') / pick('bare'));
  return [
    `4. Start-up (${P.startupTrials} starts each) and memory in MiB ("load" = section 1, the same requests for both)`,
    table(
      [
        'server',
        'healthy ms',
        'range',
        'RSS idle',
        'peak RSS',
        'RSS load',
        'RSS load, GC',
        'heap idle',
        'heap load',
        'heap end',
        'peak RSS end',
      ],
      [
        procRow('app'),
        procRow('bare'),
        [
          'app/bare',
          ratioRow((k) => median(proc[k].healthyMs)),
          '',
          ratioRow((k) => of(k, (m) => m.rss, 'idle')),
          ratioRow(peak),
          ratioRow((k) => of(k, (m) => m.rss, 'afterAckLoad')),
          ratioRow((k) => of(k, (m) => m.rssAfterGc, 'afterAckLoad')),
          ratioRow((k) => of(k, (m) => m.heapAfterGc, 'idle')),
          ratioRow((k) => of(k, (m) => m.heapAfterGc, 'afterAckLoad')),
          '',
          '',
        ],
      ],
    ),
    '  healthy = spawn to the first 200 from GET /healthz. peak RSS = VmHWM (/proc/<pid>/status) after the load; RSS and',
    '  heap = process.memoryUsage() from the child over IPC; "GC" and heap figures are after a forced full collection;',
    '  "end" = after sections 2 and 3 too (the app only).',
    '',
  ];
}

export function storeSection(store: StoreCase): string[] {
  const find = (name: StoreRun['store'], c: number) => store.runs.find((r) => r.store === name && r.concurrency === c);
  const rows: string[][] = store.runs.map((r) => [
    r.store,
    String(r.concurrency),
    ms(r.perSubmitMs.p50),
    ms(r.perSubmitMs.p99),
    ms(r.perSubmitMs.max),
    r.submitsPerS.toFixed(0),
  ]);
  for (const c of P.storeConcurrency) {
    const [lite, pg] = [find('SQLite', c), find('PostgreSQL', c)];
    if (lite && pg) {
      rows.push([
        'PostgreSQL/SQLite',
        String(c),
        ratio(pg.perSubmitMs.p50 / lite.perSubmitMs.p50),
        ratio(pg.perSubmitMs.p99 / lite.perSubmitMs.p99),
        '',
        ratio(pg.submitsPerS / lite.submitsPerS),
      ]);
    }
  }
  const lookupRows = store.lookups.map((l) => [
    l.store,
    l.records.toLocaleString('en'),
    String(l.theirs),
    l.lookupMs.p50.toFixed(3),
    l.lookupMs.p99.toFixed(3),
  ]);
  return [
    `5. The store's share of a Submit (${P.storeSubmits} plans per row): was it run, cooldown, claim, "started" and final records`,
    table(['store', 'at once', 'p50 ms', 'p99 ms', 'max ms', 'submits/s'], rows),
    ...(store.skipped ? [`  PostgreSQL not measured: ${store.skipped}`] : []),
    '  In-process, against a SQLite file (WAL, synchronous=FULL) and the PostgreSQL at BENCH_DATABASE_URL (a pool of 5).',
    "  Either way it is a few ms of a Submit whose admin calls take Slack's hundreds.",
    '',
    '5b. The cooldown look-up of a person reset often, as the store grows (ms)',
    table(['store', 'records', 'theirs', 'p50 ms', 'p99 ms'], lookupRows),
    '  Read from the (user, time) index: only resets inside the 10-minute window are read, however many came before.',
    '',
  ];
}

/** "1.08x [1.02-1.15]", with a flag when the repeats spread past ±25%. */
const spreadCell = (s: Spread, unit: 'x' | 'ms') => {
  const f = (v: number) => (unit === 'x' ? v.toFixed(2) : ms(v));
  return `${f(s.median)}${unit === 'x' ? 'x' : ''} [${f(s.min)}-${f(s.max)}]${s.unstable ? ' UNSTABLE' : ''}`;
};

export function openLoopSection(rates: OpenLoopRate[]): string[] {
  return [
    `7. Open loop at a steady rate, ${P.repeats} repeats each (median [min-max]; UNSTABLE = spread past +-25%)`,
    table(
      [
        'rate',
        'n',
        'ack p99 app/bare',
        'app ack p99 ms',
        'CPU app/calls',
        'app CPU ms',
        'calls CPU ms',
        'open p99 ms',
        'confirm p99 ms',
        'busy',
      ],
      rates.map((r) => [
        `${r.ratePerS}/s`,
        String(r.requests),
        spreadCell(r.ackP99Ratio, 'x'),
        spreadCell(r.appAckP99Ms, 'ms'),
        spreadCell(r.cpuRatio, 'x'),
        spreadCell(r.appCpuMs, 'ms'),
        spreadCell(r.callsCpuMs, 'ms'),
        spreadCell(r.openP99, 'ms'),
        spreadCell(r.confirmP99, 'ms'),
        String(r.busy),
      ]),
    ),
    '  Commands sent on schedule whatever the answers. "calls" = bare Bolt 5 that acks, then makes the same three Slack',
    '  calls as the app (views.open, users.info, views.update): the fair floor for CPU per command. Each ratio is taken',
    '  within one repeat (bare, calls and app in a rotating order), so slow drift of the machine weighs on all alike.',
    '',
  ];
}

export function saturationSection(sat: Saturation): string[] {
  return [
    `8. Saturation: the app alone, open loop at rising rates (3 s of commands a step); capacity ${sat.capacityPerS}/s`,
    table(
      ['rate', 'sent', 'busy', 'late', 'open p99 ms', 'open max ms', 'RSS after MiB'],
      sat.steps.map((s) => [
        `${s.ratePerS}/s`,
        String(s.sent),
        String(s.busy),
        String(s.late),
        ms(s.openP99),
        ms(s.openMax),
        s.rssMiB.toFixed(1),
      ]),
    ),
    '  busy = answered "try again in a moment" in the ack (past 40 in flight); late = modal opened after 3 s, or never.',
    '  Capacity = the last rate at which every command got its modal in the window and none was turned away.',
    '',
  ];
}
