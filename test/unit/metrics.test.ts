import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppMetrics } from '../../src/metrics';

const sources = {
  pendingApprovals: async () => 2,
  storeUp: async () => false,
  adminTokenValid: () => true,
  busyAnswers: () => 3,
};

describe('AppMetrics', () => {
  it('reads its gauges when scraped, and a pending count the store cannot give is NaN, not a made-up 0', async () => {
    const text = await new AppMetrics(sources).text();
    expect(text).toContain('\nsession_app_approvals_pending 2\n');
    expect(text).toContain('\nsession_app_store_up 0\n');
    expect(text).toContain('\nsession_app_admin_token_valid 1\n');
    expect(text).toContain('\nsession_app_busy_answers_total 3\n');
    const unknown = await new AppMetrics({
      ...sources,
      pendingApprovals: () => Promise.reject(new Error('down')),
    }).text();
    expect(unknown).toMatch(/\nsession_app_approvals_pending nan\n/i);
  });

  it('counts a run’s people from its final record, not from the "started" marker, the DMs or the check afterwards', async () => {
    const metrics = new AppMetrics(sources);
    const targets = [{ userId: 'W0ALICE001', result: 'pending' as const }];
    const base = { time: '', requestId: 'r', invokerId: 'W0ADMIN001', action: 'reset' };
    metrics.record({ ...base, outcome: 'started', targets });
    metrics.record({ ...base, outcome: 'executed', targets: [{ userId: 'W0ALICE001', result: 'done' }] });
    // The DM that followed failed, and the check found her signed out: neither is another result of the run.
    metrics.record({ ...base, outcome: 'notified', targets: [{ userId: 'W0ALICE001', result: 'failed' }] });
    metrics.record({ ...base, outcome: 'verified', targets: [{ userId: 'W0ALICE001', result: 'done' }] });
    const text = await metrics.text();
    expect(text).toContain('session_app_target_results_total{action="reset",result="done"} 1');
    expect(text).not.toContain('result="pending"');
    expect(text).not.toContain('result="failed"');
  });

  it('is documented, every series by name, in docs/operations.md', async () => {
    const doc = readFileSync(resolve(__dirname, '../../docs/operations.md'), 'utf8');
    const names = (await new AppMetrics(sources).registry.getMetricsAsJSON()).map((m) => m.name);
    const own = names.filter((n) => !/^session_app_(process|nodejs)_/.test(n));
    expect(own.length).toBeGreaterThan(10);
    for (const name of own)
      expect({ name, documented: doc.includes(`\`${name}\``) }).toEqual({ name, documented: true });
    expect(doc).toContain('`session_app_process_*`, `session_app_nodejs_*`');
  });
});
