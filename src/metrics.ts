import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { STEP_IDS } from './actions/workflow-step/ids';
import { type AuditRecord, FINAL_OUTCOMES } from './domain/audit-record';

/** What the gauges read when /metrics is scraped: asked then, never kept in step by hand. */
export interface MetricSources {
  /** Approval requests still waiting for a second admin, in the store every replica shares. */
  pendingApprovals(): Promise<number>;
  /** 1 while the store answers, 0 while it is out (the app goes on, degraded). */
  storeUp(): Promise<boolean>;
  /** 1 while the admin token is valid (auth.test at start and every few minutes, and every admin call's answer). */
  adminTokenValid(): boolean;
  /** Commands answered "busy" since start: the app was at its limit of commands under way. */
  busyAnswers(): number;
}

/**
 * The app's Prometheus metrics, in a registry of its own (one per app, so tests can start several), served as text
 * at GET /metrics. Every name and label is listed in docs/operations.md. Labels are the app's own words and Slack's
 * method names and error codes, never a user ID or free text, so the series stay few.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'session_app_commands_total',
    help: 'Slash commands received, by command and outcome: accepted, or refused by the allowlist.',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly steps = new Counter({
    name: 'session_app_workflow_steps_total',
    help: 'Workflow Builder steps started (function_executed), by step and outcome: accepted, or refused by the allowlist.',
    labelNames: ['step', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly api = new Counter({
    name: 'session_app_api_requests_total',
    help: 'Signed API requests answered, by route and HTTP status (202 accepted, 401 unsigned or refused, 429 over the rate limit, …).',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly records = new Counter({
    name: 'session_app_audit_records_total',
    help: 'Audit records written, by action and outcome: a Submit ends in executed, partial, failed, unknown, queued or dry_run.',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly targets = new Counter({
    name: 'session_app_target_results_total',
    help: 'Per-person results of runs, by action and result (done, queued, failed, unknown, not_attempted, dry_run).',
    labelNames: ['action', 'result'] as const,
    registers: [this.registry],
  });
  private readonly calls = new Counter({
    name: 'session_app_slack_calls_total',
    help: 'Web API calls sent to Slack, by method and outcome (ok, or Slack’s error code).',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'session_app_slack_call_duration_seconds',
    help: 'Time from sending a Web API call to its answer, by method.',
    labelNames: ['method'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly limited = new Counter({
    name: 'session_app_slack_rate_limited_total',
    help: 'HTTP 429 answers from Slack, by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly sinkFailures = new Counter({
    name: 'session_app_audit_sink_failures_total',
    help: 'Audit records a sink did not take, by sink (stdout, store, channel).',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    // The process's own: CPU, resident memory, heap, event-loop lag, open handles (prom-client's standard set).
    collectDefaultMetrics({ register: this.registry, prefix: 'session_app_' });
    new Counter({
      name: 'session_app_busy_answers_total',
      help: 'Commands, workflow steps and API requests answered "busy" because the app was at its limit of work under way.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sources.busyAnswers());
      },
    });
    new Gauge({
      name: 'session_app_approvals_pending',
      help: 'Approval requests waiting for a second admin.',
      registers: [this.registry],
      async collect() {
        this.set(await sources.pendingApprovals().catch(() => Number.NaN));
      },
    });
    new Gauge({
      name: 'session_app_store_up',
      help: '1 while the store answers, 0 while it is unreachable.',
      registers: [this.registry],
      async collect() {
        this.set((await sources.storeUp()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'session_app_admin_token_valid',
      help: '1 while Slack accepts the admin token, 0 once it was revoked or refused.',
      registers: [this.registry],
      collect() {
        this.set(sources.adminTokenValid() ? 1 : 0);
      },
    });
  }

  command(command: string, outcome: 'accepted' | 'refused'): void {
    this.commands.inc({ command, outcome });
  }

  /** A step's callback_id is the app's own word only when it is one of its steps: anything else is counted as other. */
  step(step: string, outcome: 'accepted' | 'refused'): void {
    this.steps.inc({ step: STEP_IDS.includes(step as never) ? step : 'other', outcome });
  }

  /** `route` is the app's own pattern (`POST /api/v1/sign-outs`), never a path a caller sent. */
  apiRequest(route: string, status: number): void {
    this.api.inc({ route, status: String(status) });
  }

  slackCall(method: string, outcome: string, seconds: number): void {
    this.calls.inc({ method, outcome });
    this.latency.observe({ method }, seconds);
    if (outcome === 'ratelimited') this.limited.inc({ method });
  }

  record(record: AuditRecord): void {
    this.records.inc({ action: record.action, outcome: record.outcome });
    // Only a run's final record says what came of each person: the "started" marker, approvals, refusals, the DMs and
    // the checks afterwards list the same people again, for other things.
    if (!FINAL_OUTCOMES.includes(record.outcome)) return;
    for (const target of record.targets) this.targets.inc({ action: record.action, result: target.result });
  }

  sinkFailure(sink: string): void {
    this.sinkFailures.inc({ sink });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
