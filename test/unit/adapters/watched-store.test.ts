import { watchStore } from '../../../src/adapters/watched-store';
import { fakeLogger, MemoryAuditStore } from '../../support/listener-fakes';

describe('the watched store', () => {
  let clock = 0;
  const setup = () => {
    const inner = new MemoryAuditStore();
    const logger = fakeLogger();
    const watched = watchStore(inner, { logger, deadlineMs: 50, retryAfterMs: 1_000, now: () => clock });
    return { inner, logger, watched };
  };

  it('passes calls through while the database answers', async () => {
    const { watched } = setup();
    expect(await watched.store.claim('r1')).toBe(true);
    expect(await watched.store.claim('r1')).toBe(false);
    expect(await watched.probe()).toBe('ok');
  });

  it('gives up on a read that does not answer within the deadline, and says the store is unreachable once', async () => {
    const { inner, logger, watched } = setup();
    inner.wasExecuted = () => new Promise(() => {});
    const started = Date.now();
    await expect(watched.store.wasExecuted('r1')).rejects.toThrow('no answer within 50 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await watched.probe()).toBe('unreachable');
    // While it is known to be down, calls fail at once rather than each waiting out the deadline.
    const spy = jest.spyOn(inner, 'claim');
    await expect(watched.store.claim('r1')).rejects.toThrow('failing fast');
    expect(spy).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('AUDIT STORE UNREACHABLE'));
  });

  it('tries again after a while, and says so when the database is back', async () => {
    const { inner, logger, watched } = setup();
    inner.unreadable = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    await expect(watched.store.recent(1)).rejects.toThrow('ECONNREFUSED');
    inner.unreadable = undefined;
    await expect(watched.store.recent(1)).rejects.toThrow('failing fast');
    clock += 1_000;
    expect(await watched.store.recent(1)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith('audit store reachable again after 1 s');
  });

  it('lets /healthz ask the database even while calls fail fast, at most once per retry interval', async () => {
    const { inner, watched } = setup();
    inner.unreadable = new Error('connect ECONNREFUSED');
    expect(await watched.probe()).toBe('unreachable');
    inner.unreadable = undefined;
    clock += 10;
    expect(await watched.probe()).toBe('unreachable');
    clock += 1_000;
    expect(await watched.probe()).toBe('ok');
  });
});
