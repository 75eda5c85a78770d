import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config';
import { SECRET_FILE_VARIABLES } from '../../src/config-sources';
import { probeRoutes } from '../../src/http/probes';
import type { AppMetrics } from '../../src/metrics';

/**
 * The deployment examples (Containerfile, deploy/) agree with the code: the probes they call exist, the port is the
 * app's, the grace period outlasts the app's drain, the user is the image's. scripts/verify-image.sh checks the built
 * image itself.
 */
const root = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

const PROBES = probeRoutes({
  started: () => true,
  receiving: () => true,
  store: async () => 'ok',
  tokenProblem: () => undefined,
  metrics: {} as AppMetrics,
}).map((r) => r.path);

// The drain src/app.ts stop() gives submitted plans on SIGTERM, read from the code (index.ts calls stop() bare).
const DRAIN_SECONDS = (() => {
  const found = read('src/app.ts').match(/async stop\(drainMs = ([\d_]+)\)/)?.[1];
  if (!found) throw new Error("src/app.ts: stop()'s default drain not found");
  return Number(found.replaceAll('_', '')) / 1000;
})();
const DEFAULT_PORT = Number(read('src/config.ts').match(/integer\('PORT', (\d+)/)?.[1]);
// Closing the HTTP server and the store after the drain, and a slow node.
const MARGIN_SECONDS = 3;

/** The Containerfile's final stage: each instruction's text, by name (the last one wins, as for an engine). */
function finalStage(): Map<string, string> {
  const text = read('Containerfile').replace(/\\\n/g, ' ');
  const stages = text.split(/^FROM /m);
  const instructions = new Map<string, string>();
  for (const line of (stages.at(-1) ?? '').split('\n')) {
    const m = line.match(/^([A-Z]+)\s+(.*)$/);
    if (m?.[1] && m[2]) instructions.set(m[1], m[2].trim());
  }
  return instructions;
}

/** The parts of the Kubernetes objects these tests read. */
interface Probe {
  httpGet: { path: string; port: string };
}
interface Container {
  env: { name: string; value: string }[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe: Probe;
  lifecycle: { preStop: { sleep: { seconds: number } } };
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string }[];
}
interface Objects {
  Secret: { stringData: Record<string, string> };
  Deployment: {
    spec: {
      replicas: number;
      selector: { matchLabels: Record<string, string> };
      template: {
        metadata: { labels: Record<string, string> };
        spec: {
          terminationGracePeriodSeconds: number;
          securityContext: Record<string, unknown>;
          containers: Container[];
        };
      };
    };
  };
  PodDisruptionBudget: { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } };
  Service: { spec: { selector: Record<string, string>; ports: { targetPort: string }[] } };
  Ingress: {
    spec: {
      tls: { hosts: string[] }[];
      rules: { host: string; http: { paths: { path: string; pathType: string }[] } }[];
    };
  };
}

/** The manifest's objects by kind, once each; a YAML error fails the test. */
function kubernetes(): { kinds: string[]; of: <K extends keyof Objects>(kind: K) => Objects[K] } {
  const docs = parseAllDocuments(read('deploy/kubernetes.yaml'));
  for (const d of docs) expect(d.errors).toEqual([]);
  const objects = docs.map((d) => d.toJS() as { kind: string }).filter((o) => o !== null);
  return {
    kinds: objects.map((o) => o.kind),
    of: (kind) => {
      const found = objects.find((o) => o.kind === kind);
      if (!found) throw new Error(`deploy/kubernetes.yaml has no ${kind}`);
      return found as unknown as Objects[typeof kind];
    },
  };
}

describe('the Containerfile', () => {
  const image = finalStage();
  const env = Object.fromEntries([...(image.get('ENV') ?? '').matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));

  it('runs node on the entry point package.json names, in exec form, stopped by SIGTERM', () => {
    expect(JSON.parse(image.get('CMD') ?? '')).toEqual(['node', JSON.parse(read('package.json')).main]);
    expect(image.get('STOPSIGNAL')).toBe('SIGTERM');
    expect(image.has('ENTRYPOINT')).toBe(false);
  });

  it("exposes the app's port and keeps the SQLite file on its volume", () => {
    expect(env.PORT).toBe(String(DEFAULT_PORT));
    expect(image.get('EXPOSE')).toBe(env.PORT);
    expect(JSON.parse(image.get('VOLUME') ?? '')).toEqual([env.AUDIT_DB_PATH?.replace(/\/[^/]+$/, '')]);
  });

  it('runs as a numeric non-root user and checks its health on /livez', () => {
    expect(image.get('USER')).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(PROBES).toContain('/livez');
    expect(image.get('HEALTHCHECK')).toContain("/livez'");
  });
});

describe('deploy/kubernetes.yaml', () => {
  const k8s = kubernetes();
  const deployment = k8s.of('Deployment');
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;
  if (!container) throw new Error('the Deployment has no container');
  const envOf = (name: string) => container.env.find((e) => e.name === name)?.value;

  it('holds a Secret, a Deployment of two, a PodDisruptionBudget, a Service and an Ingress', () => {
    expect(k8s.kinds).toEqual(['Secret', 'Deployment', 'PodDisruptionBudget', 'Service', 'Ingress']);
    expect(deployment.spec.replicas).toBe(2);
    const labels = deployment.spec.template.metadata.labels;
    expect(labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(labels).toMatchObject(k8s.of('PodDisruptionBudget').spec.selector.matchLabels);
    expect(labels).toMatchObject(k8s.of('Service').spec.selector);
    expect(k8s.of('PodDisruptionBudget').spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it("probes the app's own routes on its port", () => {
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    // Not /readyz: a revoked admin token, shared by every replica, must not take them all out of the Service.
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/livez');
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      expect(PROBES).toContain(probe.httpGet.path);
      expect(probe.httpGet.port).toBe('http');
    }
    expect(container.ports).toEqual([{ name: 'http', containerPort: Number(envOf('PORT')) }]);
    expect(k8s.of('Service').spec.ports[0]?.targetPort).toBe('http');
  });

  it("gives the pod longer than the preStop pause and the app's drain to stop", () => {
    const preStop = container.lifecycle.preStop.sleep.seconds;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + DRAIN_SECONDS + MARGIN_SECONDS);
  });

  it("runs as the image's user on a read-only root, with every secret from a file of the mounted Secret", () => {
    const [uid, gid] = (finalStage().get('USER') ?? '').split(':').map(Number);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    const mount = container.volumeMounts.find((m) => m.name === 'secrets')?.mountPath;
    const secretFiles = Object.keys(k8s.of('Secret').stringData).map((key) => `${mount}/${key}`);
    const files = container.env.filter((e) => e.name.endsWith('_FILE'));
    expect(files.length).toBeGreaterThan(0);
    for (const { name, value } of files) {
      expect(SECRET_FILE_VARIABLES).toContain(name.replace(/_FILE$/, ''));
      expect(secretFiles).toContain(value);
    }
    // Two replicas share one audit trail: PostgreSQL.
    expect(envOf('DATABASE_URL_FILE')).toBeDefined();
  });

  it('is a configuration the app accepts, once the Secret is filled in', () => {
    const secret = k8s.of('Secret').stringData;
    const mount = container.volumeMounts.find((m) => m.name === 'secrets')?.mountPath ?? '';
    const env: Record<string, string> = {};
    for (const { name, value } of container.env) {
      if (name.endsWith('_FILE')) env[name.replace(/_FILE$/, '')] = secret[value.slice(mount.length + 1)] ?? '';
      else env[name] = value;
    }
    const loaded = loadConfig(env);
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it("lets only Slack's request path through the Ingress, over TLS", () => {
    const ingress = k8s.of('Ingress').spec;
    expect(read('src/receiver.ts')).toContain("endpoints: '/slack/events'");
    expect(ingress.rules.flatMap((r) => r.http.paths.map((p) => [p.path, p.pathType]))).toEqual([
      ['/slack/events', 'Exact'],
    ]);
    expect(ingress.tls.flatMap((t) => t.hosts)).toEqual(ingress.rules.map((r) => r.host));
  });
});

describe('deploy/slack-session-reset.service', () => {
  const unit = read('deploy/slack-session-reset.service');
  const setting = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];

  it("starts node on the entry point, stops it with SIGTERM, and waits longer than the app's drain", () => {
    expect(setting('ExecStart')).toBe(`/usr/bin/node ${JSON.parse(read('package.json')).main}`);
    expect(setting('KillSignal')).toBe('SIGTERM');
    expect(Number(setting('TimeoutStopSec'))).toBeGreaterThanOrEqual(DRAIN_SECONDS + MARGIN_SECONDS);
  });

  it('keeps the SQLite file in the state folder, the one place it may write', () => {
    expect(setting('ProtectSystem')).toBe('strict');
    expect(unit).toContain(`Environment=AUDIT_DB_PATH=/var/lib/${setting('StateDirectory')}/audit.db\n`);
  });

  // Where systemd is (this project's CI machines): verify also checks that ExecStart's binary exists.
  const verifiable = spawnSync('systemd-analyze', ['--version']).status === 0 && existsSync('/usr/bin/node');
  (verifiable ? it : it.skip)('is a unit systemd-analyze verify accepts without a warning', () => {
    const result = spawnSync(
      'systemd-analyze',
      ['verify', '--man=no', resolve(root, 'deploy/slack-session-reset.service')],
      {
        encoding: 'utf8',
      },
    );
    expect({ status: result.status, warnings: result.stderr.trim() }).toEqual({ status: 0, warnings: '' });
  });
});
