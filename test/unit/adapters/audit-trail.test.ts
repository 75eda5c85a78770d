import type { Logger } from '@slack/bolt';
import { AuditTrail, stdoutSink } from '../../../src/adapters/audit-trail';
import type { AuditRecord } from '../../../src/domain/audit-record';

const record: AuditRecord = {
  time: '2026-11-25T12:00:00.000Z',
  requestId: '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f',
  invokerId: 'W0ADMIN0001',
  action: 'reset',
  outcome: 'executed',
  details: { scope: 'all' },
  targets: [{ userId: 'W0ALICE0001', result: 'done' }],
};

const logger = () => ({ debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() }) as unknown as Logger;

describe('AuditTrail', () => {
  it('writes one JSON line per record on stdout', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      stdoutSink.write(record);
      expect(write).toHaveBeenCalledTimes(1);
      const line = String(write.mock.calls[0]?.[0]);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.trim().includes('\n')).toBe(false);
      expect(JSON.parse(line)).toEqual({ type: 'session_audit', ...record });
    } finally {
      write.mockRestore();
    }
  });

  it('gives every sink the record even when one throws, and logs the failure loudly', async () => {
    const log = logger();
    const kept: AuditRecord[] = [];
    const trail = new AuditTrail(
      [
        { name: 'broken', write: () => Promise.reject(new Error('disk full')) },
        { name: 'memory', write: (r) => void kept.push(r) },
      ],
      log,
    );
    await expect(trail.record(record)).resolves.toBeUndefined();
    expect(kept).toEqual([record]);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('AUDIT FAILURE: the broken sink'));
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('disk full'));
  });
});
