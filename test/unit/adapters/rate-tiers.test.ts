import { RatePacer } from '../../../src/adapters/rate-tiers';

const RESET = 'admin.users.session.reset';

describe('RatePacer', () => {
  it('gives a Tier 2 method 20 turns a minute: a window of turns at once, then the next window', () => {
    const pacer = new RatePacer(1, () => 0);
    const turns = Array.from({ length: 41 }, () => pacer.reserve(RESET, {})?.waitMs);
    expect(turns.slice(0, 20)).toEqual(Array(20).fill(0));
    // A minute, plus a margin of 2% and 20 ms for a call that left late.
    expect(turns.slice(20, 40)).toEqual(Array(20).fill(61_550));
    expect(turns[40]).toBe(2 * 61_550);
  });

  it('scales the window for a fake Slack that runs its tiers faster', () => {
    const pacer = new RatePacer(60, () => 0);
    const turns = Array.from({ length: 21 }, () => pacer.reserve(RESET, {})?.waitMs);
    expect(turns[20]).toBe(1000 + 75);
    expect(pacer.limitOf(RESET)).toEqual({ calls: 20, windowMs: 1000 });
  });

  it('frees turns as the window slides', () => {
    let clock = 0;
    const pacer = new RatePacer(1, () => clock);
    for (let i = 0; i < 20; i++) pacer.reserve(RESET, {});
    clock = 61_550;
    expect(pacer.reserve(RESET, {})?.waitMs).toBe(0);
  });

  it('holds a method after a 429 for every caller, and refuses a turn past the wait allowed', () => {
    let clock = 0;
    const pacer = new RatePacer(1, () => clock);
    pacer.hold(RESET, {}, 5000);
    expect(pacer.heldFor(RESET, {})).toBe(5000);
    expect(pacer.reserve(RESET, {}, 1000)).toBeUndefined();
    expect(pacer.reserve(RESET, {})?.waitMs).toBe(5000);
    clock = 5000;
    expect(pacer.heldFor(RESET, {})).toBe(0);
    // Another method is not held.
    expect(pacer.reserve('users.info', {})?.waitMs).toBe(0);
  });

  it('keys chat.postMessage by channel', () => {
    const pacer = new RatePacer(1, () => 0);
    expect(pacer.reserve('chat.postMessage', { channel: 'C1' })?.waitMs).toBe(0);
    expect(pacer.reserve('chat.postMessage', { channel: 'C2' })?.waitMs).toBe(0);
    expect(pacer.reserve('chat.postMessage', { channel: 'C1' })?.waitMs).toBe(1000 + 75);
  });
});

describe('giving a turn back', () => {
  it('frees a turn still to come for the next caller, never one already used', () => {
    let clock = 0;
    const pacer = new RatePacer(1, () => clock);
    const turns = Array.from({ length: 21 }, () => pacer.reserve(RESET, {}));
    // The 21st waits a window; given back, the next caller gets that same turn, not a later one.
    turns[20]?.giveBack();
    expect(pacer.reserve(RESET, {})?.waitMs).toBe(61_550);
    // A used turn (at 0, now in the past) given back changes nothing.
    clock = 1;
    turns[0]?.giveBack();
    expect(pacer.reserve(RESET, {})?.waitMs).toBe(61_549);
  });
});
