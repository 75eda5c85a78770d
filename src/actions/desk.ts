import type { Asked } from '../views/approval-view';
import type { Venue } from './shared/run-order';

/**
 * Where an order was placed, and how that place is answered: a modal's Submit (in its ack, then the modal), a
 * Workflow Builder step (completed or failed), an API call (its status, read back by the client). The story of
 * placing an order is the same for all three (placeOrder); only this differs.
 */
export interface Desk {
  /** It was placed before (run, cancelled, decided, or being run now): nothing more was done. */
  already(): Promise<void>;
  /** Fields to fix before it can go ahead (a modal's cooldown): nothing was done. */
  fix(errors: Record<string, string>): Promise<void>;
  /** The approval request could not be kept (the store is out): nothing was done and nobody was asked. */
  notKept(): Promise<void>;
  /** Kept, and about to be posted for a second admin: nothing has been done yet. */
  waiting(asked: Asked): Promise<void>;
  /** Claimed to run now: where its run speaks, for `total` targets. */
  running(total: number): Promise<Venue>;
}

/**
 * The same desk, calling `placed` first whenever it hears what placing came to: a workflow step's or an API call's
 * place among the requests under way (Admission) is given back then, as a command's is once its confirmation shows,
 * while a run it started goes on, paced by Slack's tiers and awaited at shutdown like any other.
 */
export function whenPlaced(desk: Desk, placed: () => void): Desk {
  const then =
    <A extends unknown[], R>(hear: (...args: A) => Promise<R>) =>
    (...args: A) => {
      placed();
      return hear(...args);
    };
  return {
    already: then(desk.already),
    fix: then(desk.fix),
    notKept: then(desk.notKept),
    waiting: then(desk.waiting),
    running: then(desk.running),
  };
}
