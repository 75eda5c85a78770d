import type { AckFn, RespondArguments } from '@slack/bolt';
import { BUSY } from '../../admission';
import type { ListenerDeps } from './deps';

/**
 * A command's post-ack work, when the app has room for it: acked empty, then done, then its place given back.
 * Without room, the ack says "busy" and nothing else happens (see Admission).
 */
export async function admitted(
  deps: ListenerDeps,
  ack: AckFn<string | RespondArguments>,
  work: () => Promise<void>,
): Promise<void> {
  const leave = deps.admission.enter();
  if (!leave) {
    await ack({ response_type: 'ephemeral', text: BUSY });
    return;
  }
  try {
    await ack();
    await work();
  } finally {
    leave();
  }
}
