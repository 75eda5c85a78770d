import { Inflight } from '../../src/inflight';

describe('Inflight', () => {
  it('lets a plan be claimed once until it is released', () => {
    const inflight = new Inflight();
    const release = inflight.claim('a');
    expect(release).toBeDefined();
    expect(inflight.claim('a')).toBeUndefined();
    expect(inflight.claim('b')).toBeDefined();
    release?.();
    expect(inflight.claim('a')).toBeDefined();
  });

  it('never claims again a plan marked as run here, remembering a bounded number of them', () => {
    const inflight = new Inflight(2);
    for (const id of ['a', 'b', 'c']) {
      inflight.claim(id)?.();
      inflight.markRun(id);
    }
    expect(inflight.claim('b')).toBeUndefined();
    expect(inflight.claim('c')).toBeUndefined();
    // The oldest is forgotten: the store, not this memory, is what holds run-once across time.
    expect(inflight.claim('a')).toBeDefined();
  });

  it('drains when everything is released, and reports what is left after the timeout', async () => {
    const inflight = new Inflight();
    const a = inflight.claim('a');
    inflight.claim('b');
    setTimeout(() => a?.(), 10);
    expect(await inflight.drain(100)).toBe(1);
    expect(await inflight.drain(0)).toBe(1);
    const empty = new Inflight();
    expect(await empty.drain(1000)).toBe(0);
  });
});
