/** bench/results.json: what was measured, with which code and parameters, every figure rounded. */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { AckLevel } from './cases/ack';
import type { ModalCase } from './cases/modal';
import type { OpenLoopRate } from './cases/open-loop';
import type { Saturation } from './cases/saturation';
import type { StartupResult } from './cases/startup';
import type { StoreCase } from './cases/store';
import type { TierRun } from './cases/tiers';
import type { Kind } from './children';
import { gitState } from './git-state';
import { levelName, P, RESULTS } from './params';
import type { Target } from './report';
import { clock } from './slack-requests';
import { round } from './stats';
import { STARTED } from './timing';

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  }
  return value;
}

export interface Measured {
  ack: AckLevel[];
  modal: ModalCase[];
  tiers: TierRun[];
  proc: Record<Kind, StartupResult>;
  store: StoreCase;
  openLoop: OpenLoopRate[];
  saturation: Saturation;
  targets: Target[];
  appWarnings: number;
}

/** Writes RESULTS (bench/results.json). */
export function writeResults({
  ack,
  modal,
  tiers,
  proc,
  store,
  openLoop,
  saturation,
  targets,
  appWarnings,
}: Measured): void {
  const results = {
    meta: {
      mode: P.mode,
      ...gitState(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      date: new Date().toISOString(),
      durationS: (clock() - STARTED) / 1000,
    },
    params: { ...P, ackRequestsPerLevel: P.levels.map((l) => [levelName(l), P.ackRequests(l.concurrency)]) },
    targets,
    ackLatency: ack,
    modalOpen: modal,
    tiers,
    process: proc,
    store,
    openLoop,
    saturation,
    appWarnings,
  };
  writeFileSync(RESULTS, `${JSON.stringify(roundDeep(results), null, 2)}\n`);
}
