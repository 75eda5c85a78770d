/**
 * Commands whose post-ack work (opening the modal, looking people up, showing the confirmation) is under way. Acks
 * run ahead of that work, so a flood of commands would otherwise queue it without bound; past the limit a command
 * is answered "busy" in its ack and nothing else happens, so memory stays bounded and nothing is left half-done.
 */
export class Admission {
  private inFlight = 0;
  /** Commands answered "busy" since start (a metric). */
  turnedAway = 0;

  constructor(readonly limit: number) {}

  /** A place for one command's work; the function gives it back (once). Undefined when the app is full. */
  enter(): (() => void) | undefined {
    if (this.inFlight >= this.limit) {
      this.turnedAway += 1;
      return undefined;
    }
    this.inFlight += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight -= 1;
    };
  }
}

/** What a command is answered when the app is full. */
export const BUSY =
  ':hourglass: The app is busy with many requests right now, so nothing was done. Try the command again in a moment.';
