/** 2. Command -> views.open (the 3 s trigger window) and -> confirmation, with users.info answering late or not. */
import { FAKE, P, TARGET } from '../params';
import { drain, expectConfirmations, fake, must } from '../servers';
import { clock, commandBody, postSigned } from '../slack-requests';
import { ms, type Summary, summarize } from '../stats';
import { log, sleep } from '../timing';
import { isConfirmation } from '../views';

export interface ModalCase {
  lookupDelayMs: number;
  /** Which repeat of this look-up delay (0-based). */
  repeat: number;
  commands: number;
  ack: Summary;
  open: Summary;
  openMissing: number;
  openOver3s: number;
  confirm: Summary;
  confirmMissing: number;
}

export async function modalCase(lookupDelayMs: number, repeat = 0): Promise<ModalCase> {
  fake.lookupDelayMs = lookupDelayMs;
  const app = must('app');
  const sent: { triggerId: string; sentAt: number; ackMs: number; status: number }[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < P.modalCommands; i++) {
    const triggerId = `modal.d${lookupDelayMs}.r${repeat}.${i}`;
    const body = commandBody({
      command: '/reset-sessions',
      text: `<@${TARGET}>`,
      userId: FAKE.admin,
      triggerId,
      responseUrl: fake.fake.responseUrl(triggerId),
    });
    const sentAt = clock();
    pending.push(
      postSigned(`${app.url}/slack/events`, body, FAKE.signingSecret, 10_000).then((a) => {
        sent.push({ triggerId, sentAt, ackMs: clock() - sentAt, status: a.status });
      }),
    );
    await sleep(P.modalIntervalMs);
  }
  await Promise.all(pending);
  expectConfirmations(P.modalCommands);
  await drain(lookupDelayMs + 20_000);
  fake.lookupDelayMs = 0;
  const opens: number[] = [];
  const confirms: number[] = [];
  for (const s of sent) {
    const opened = fake.opened.get(s.triggerId);
    if (!opened) continue;
    opens.push(opened.at - s.sentAt);
    const confirmed = fake.findUpdate(opened.viewId, isConfirmation);
    if (confirmed) confirms.push(confirmed.at - s.sentAt);
  }
  const result = {
    lookupDelayMs,
    repeat,
    commands: sent.length,
    ack: summarize(sent.map((s) => s.ackMs)),
    open: summarize(opens),
    openMissing: sent.length - opens.length,
    openOver3s: opens.filter((t) => t > P.triggerWindowMs).length,
    confirm: summarize(confirms),
    confirmMissing: sent.length - confirms.length,
  };
  log(
    `modal users.info +${lookupDelayMs} ms: open max ${ms(result.open.max)} ms, confirm p50 ${ms(result.confirm.p50)}`,
  );
  return result;
}
