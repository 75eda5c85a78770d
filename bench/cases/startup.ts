/** 4a. Start-up: time to a healthy /healthz, alternating bare and app; the last of each keeps running. */
import { type Kind, type MemorySample, startChild } from '../children';
import { NODE_ARGS, P } from '../params';
import { baseEnv, children, must } from '../servers';
import { sleep } from '../timing';

export interface StartupResult {
  healthyMs: number[];
  readyUptimeMs: number[];
  idle?: MemorySample;
  afterAckLoad?: MemorySample;
  afterAll?: MemorySample;
}

export async function startup(): Promise<Record<Kind, StartupResult>> {
  const out: Record<Kind, StartupResult> = {
    bare: { healthyMs: [], readyUptimeMs: [] },
    app: { healthyMs: [], readyUptimeMs: [] },
  };
  for (let trial = 0; trial < P.startupTrials; trial++) {
    for (const kind of ['bare', 'app'] as const) {
      const child = await startChild(kind, baseEnv(), NODE_ARGS);
      out[kind].healthyMs.push(child.healthyMs);
      out[kind].readyUptimeMs.push(child.readyUptimeMs);
      if (trial < P.startupTrials - 1) await child.stop();
      else children[kind] = child;
    }
  }
  await sleep(300);
  for (const kind of ['bare', 'app'] as const) out[kind].idle = await must(kind).memory();
  return out;
}
