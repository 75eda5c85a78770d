/**
 * 8. Saturation: the app alone, commands sent open loop at rising rates (3 s of load a step), until a command is
 * turned away ("busy") or its modal opens outside the 3 s trigger window. The last clean rate is the capacity; the
 * app's resident memory is read after each step.
 */
import { load, resetCommands } from '../load-generator';
import { P } from '../params';
import { drain, expectConfirmations, fake, must } from '../servers';
import { summarize } from '../stats';
import { log } from '../timing';

export interface SaturationStep {
  ratePerS: number;
  sent: number;
  /** Commands answered "busy" in the ack: told, never half-done. */
  busy: number;
  openP99: number;
  openMax: number;
  /** Admitted commands whose modal opened after 3 s, or never. */
  late: number;
  /** The app's resident memory after the step (MiB). */
  rssMiB: number;
}

export interface Saturation {
  steps: SaturationStep[];
  /** The highest rate at which every command got its modal inside the trigger window, none turned away. */
  capacityPerS: number;
}

export async function saturationCase(): Promise<Saturation> {
  const app = must('app');
  const steps: SaturationStep[] = [];
  let capacityPerS = 0;
  for (const rate of P.saturationRates) {
    const requests = Math.max(60, rate * 3);
    const pace = { concurrency: requests, gapMs: 0, ratePerS: rate };
    const result = await load.run(resetCommands(app.url, requests, `saturation.${rate}`, pace));
    const admitted = result.samples.filter((s) => !s.busy);
    expectConfirmations(admitted.length);
    await drain(60_000);
    const opens: number[] = [];
    let late = 0;
    for (const s of admitted) {
      const opened = fake.opened.get(s.triggerId);
      if (!opened) {
        late += 1;
        continue;
      }
      const ms = opened.at - s.sentAt;
      opens.push(ms);
      if (ms > P.triggerWindowMs) late += 1;
    }
    const open = summarize(opens);
    const memory = await app.memory();
    const step: SaturationStep = {
      ratePerS: rate,
      sent: requests,
      busy: result.samples.length - admitted.length,
      openP99: open.p99,
      openMax: open.max,
      late,
      rssMiB: memory.vmRss / 1024 / 1024,
    };
    steps.push(step);
    log(`saturation ${rate}/s: busy ${step.busy}, late ${late}, open p99 ${open.p99.toFixed(1)} ms`);
    if (step.busy > 0 || late > 0) break;
    capacityPerS = rate;
  }
  return { steps, capacityPerS };
}
