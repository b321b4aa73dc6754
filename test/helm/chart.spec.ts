import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import YAML from 'yaml';

/**
 * The Helm chart, checked the way CI can without a cluster: `helm lint`, `helm template` for the
 * default values and for ci/production-values.yaml, every manifest validated against the Kubernetes
 * schemas (kubernetes-models), and the facts the deployment relies on. helm comes from HELM_BIN
 * (`.ci/run` sets it with `.ci/fetch-helm`) or PATH; without it the spec fails under CI and is skipped
 * elsewhere.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const CHART = path.join(ROOT, 'helm', 'microlend');
const PRODUCTION = path.join(CHART, 'ci', 'production-values.yaml');
const SECRET_ENVS = ['DATABASE_URL', 'APP_DATABASE_URL', 'APP_DB_PASSWORD', 'REDIS_URL', 'MASTER_KEY', 'MASTER_KEY_PREVIOUS', 'JWT_SECRET', 'STRIPE_PLATFORM_SECRET_KEY'];

function findHelm(): string | null {
  const candidates = process.env.HELM_BIN ? [process.env.HELM_BIN] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'helm'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not this one
    }
  }
  return null;
}

const HELM = findHelm();

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };

function helm(...args: string[]): string {
  return execFileSync(HELM!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function render(opts: { production?: boolean; apiVersions?: string[]; set?: string[] } = {}): Manifest[] {
  const args = ['template', 'rel', CHART, '--namespace', 'lending'];
  if (opts.production) args.push('-f', PRODUCTION);
  for (const v of opts.apiVersions ?? []) args.push('--api-versions', v);
  for (const s of opts.set ?? []) args.push('--set', s);
  return YAML.parseAllDocuments(helm(...args))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

const MODELS: Record<string, new (obj: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

function validateAll(manifests: Manifest[]): void {
  for (const m of manifests) {
    const Model = MODELS[`${m.apiVersion}/${m.kind}`];
    if (!Model) throw new Error(`no schema for ${m.apiVersion} ${m.kind} (${m.metadata.name}): add it to MODELS`);
    try {
      new Model(m).validate();
    } catch (err) {
      throw new Error(`${m.kind} ${m.metadata.name} does not match the Kubernetes schema: ${(err as Error).message}`);
    }
  }
}

const byKind = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind);
const named = (ms: Manifest[], kind: string, name: string) => {
  const found = ms.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${ms.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
};
const podSpec = (m: Manifest) => m.spec.template.spec;
const container = (m: Manifest) => podSpec(m).containers[0];
const envOf = (m: Manifest) => new Map<string, any>(container(m).env.map((e: any) => [e.name, e]));
const secretRef = (m: Manifest, name: string) => envOf(m).get(name)?.valueFrom?.secretKeyRef;

const describeWithHelm = HELM ? describe : describe.skip;

if (!HELM) {
  if (process.env.CI) {
    test('helm is available', () => {
      throw new Error('helm not found: CI must set HELM_BIN (export HELM_BIN=$(bash .ci/fetch-helm)) or put helm on PATH');
    });
  } else {
    console.warn('test/helm/chart.spec.ts skipped: no helm (set HELM_BIN=$(bash .ci/fetch-helm) to run it)');
  }
}

describeWithHelm('helm chart helm/microlend', () => {
  const defaults = HELM ? render() : [];
  const production = HELM ? render({ production: true, apiVersions: ['monitoring.coreos.com/v1'] }) : [];

  it('passes helm lint --strict with the default and the production values', () => {
    expect(helm('lint', '--strict', CHART)).toContain('0 chart(s) failed');
    expect(helm('lint', '--strict', CHART, '-f', PRODUCTION)).toContain('0 chart(s) failed');
  });

  it('renders only manifests that match the Kubernetes schemas', () => {
    validateAll(defaults);
    validateAll(production);
    validateAll(render({ apiVersions: ['monitoring.coreos.com/v1'] }));
    validateAll(render({ production: true }));
    validateAll(render({ set: ['secrets.database.appUrlKey=', 'secrets.redis.enabled=false', 'networkPolicy.allowAllEgress=false'] }));
    expect(defaults.map((m) => m.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'Deployment', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'PodDisruptionBudget', 'Service', 'ServiceAccount'],
    );
  });

  it('runs the API and the worker as separate Deployments, the API without an in-process worker', () => {
    for (const ms of [defaults, production]) {
      const api = named(ms, 'Deployment', 'rel-microlend-api');
      const worker = named(ms, 'Deployment', 'rel-microlend-worker');
      expect(container(api).command).toEqual(['node', 'dist/src/main.js']);
      expect(container(worker).command).toEqual(['node', 'dist/src/worker.js']);
      expect(envOf(api).get('IN_PROCESS_WORKER')).toEqual({ name: 'IN_PROCESS_WORKER', value: 'false' });
      expect(envOf(api).get('MIGRATE_ON_BOOT')).toEqual({ name: 'MIGRATE_ON_BOOT', value: 'false' });
      expect(api.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('api');
      expect(worker.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('worker');
    }
    expect(named(defaults, 'Deployment', 'rel-microlend-api').spec.replicas).toBe(2);
    expect(named(defaults, 'ConfigMap', 'rel-microlend').data).toMatchObject({ NODE_ENV: 'production', PORT: '4000', LOG_LEVEL: 'info' });
  });

  it('migrates in a pre-install/pre-upgrade hook Job with the owner URL, before the pods start', () => {
    for (const ms of [defaults, production]) {
      const job = named(ms, 'Job', 'rel-microlend-migrate');
      expect(job.metadata.annotations).toMatchObject({
        'helm.sh/hook': 'pre-install,pre-upgrade',
        'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      });
      expect(container(job).command).toEqual(['node', 'bin/microlend', 'db', 'migrate']);
      expect(podSpec(job).restartPolicy).toBe('Never');
      // A hook runs before the ConfigMap exists: its settings are inline, its secrets by reference.
      expect(container(job).envFrom).toBeUndefined();
      expect(envOf(job).get('NODE_ENV')?.value).toBe('production');
      for (const name of ['DATABASE_URL', 'MASTER_KEY', 'JWT_SECRET']) expect(secretRef(job, name)).toBeDefined();
      expect(secretRef(job, 'REDIS_URL')).toBeUndefined();
      expect(secretRef(job, 'STRIPE_PLATFORM_SECRET_KEY')).toBeUndefined();
    }
    expect(secretRef(named(production, 'Job', 'rel-microlend-migrate'), 'DATABASE_URL')).toEqual({ name: 'microlend-database', key: 'owner-url' });
  });

  it('probes the API and the worker on /healthz (startup, liveness) and /readyz (readiness)', () => {
    for (const ms of [defaults, production]) {
      const api = container(named(ms, 'Deployment', 'rel-microlend-api'));
      expect(api.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(api.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(api.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      const worker = container(named(ms, 'Deployment', 'rel-microlend-worker'));
      expect(worker.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(worker.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(worker.env).toEqual(expect.arrayContaining([{ name: 'WORKER_HTTP_PORT', value: '4001' }]));
      expect(api.ports).toEqual([{ name: 'http', containerPort: 4000, protocol: 'TCP' }, { name: 'metrics', containerPort: 9464, protocol: 'TCP' }]);
      // /metrics on a port of its own (the API port answers 404), which Prometheus scrapes.
      expect(api.env).toEqual(expect.arrayContaining([{ name: 'METRICS_PORT', value: '9464' }]));
    }
  });

  it('runs every pod non-root with a read-only root filesystem, no privilege escalation, a writable /tmp, requests and limits', () => {
    for (const ms of [defaults, production]) {
      for (const m of [...byKind(ms, 'Deployment'), ...byKind(ms, 'Job')]) {
        const pod = podSpec(m);
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const c of pod.containers) {
          expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } });
          expect(c.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
          expect(c.resources.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
          expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        }
        expect(pod.volumes.find((v: any) => v.name === 'tmp').emptyDir).toBeDefined();
      }
    }
  });

  it('takes every secret from existing Secrets by reference and never renders a secret value', () => {
    for (const ms of [defaults, production]) {
      expect(byKind(ms, 'Secret')).toEqual([]);
      for (const m of [...byKind(ms, 'Deployment'), ...byKind(ms, 'Job')]) {
        for (const e of container(m).env) {
          if (SECRET_ENVS.includes(e.name)) expect(e.valueFrom?.secretKeyRef).toEqual({ name: expect.any(String), key: expect.any(String) });
        }
        for (const name of ['APP_DATABASE_URL', 'MASTER_KEY', 'JWT_SECRET']) expect(secretRef(m, name)).toBeDefined();
        // The schema owner's credentials only where they are needed: the migration Job.
        if (m.kind === 'Job') expect(secretRef(m, 'DATABASE_URL')).toBeDefined();
        else expect(secretRef(m, 'DATABASE_URL')).toBeUndefined();
      }
      for (const cm of byKind(ms, 'ConfigMap')) for (const key of Object.keys(cm.data ?? {})) expect(SECRET_ENVS).not.toContain(key);
    }
    const api = named(production, 'Deployment', 'rel-microlend-api');
    expect(secretRef(api, 'APP_DATABASE_URL')).toEqual({ name: 'microlend-database', key: 'app-url' });
    expect(secretRef(api, 'REDIS_URL')).toEqual({ name: 'microlend-redis', key: 'url' });
    expect(secretRef(api, 'MASTER_KEY')).toEqual({ name: 'microlend-keys', key: 'master-key' });
    expect(secretRef(api, 'JWT_SECRET')).toEqual({ name: 'microlend-keys', key: 'jwt-signing-key' });
    expect(secretRef(api, 'STRIPE_PLATFORM_SECRET_KEY')).toEqual({ name: 'microlend-stripe', key: 'platform-secret-key' });
    expect(secretRef(named(defaults, 'Deployment', 'rel-microlend-api'), 'STRIPE_PLATFORM_SECRET_KEY')).toBeUndefined();
    expect(secretRef(named(defaults, 'Deployment', 'rel-microlend-api'), 'MASTER_KEY_PREVIOUS')).toBeUndefined();
    // A master-key rotation: the old key reaches the API and the worker, by reference too.
    const rotating = render({ set: ['secrets.masterKey.previousKey=MASTER_KEY_PREVIOUS'] });
    for (const name of ['rel-microlend-api', 'rel-microlend-worker']) {
      expect(secretRef(named(rotating, 'Deployment', name), 'MASTER_KEY_PREVIOUS')).toEqual({ name: 'microlend-secrets', key: 'MASTER_KEY_PREVIOUS' });
    }
    // Without an app URL, the app role's password comes from the Secret instead.
    const derived = render({ set: ['secrets.database.appUrlKey='] });
    expect(secretRef(named(derived, 'Deployment', 'rel-microlend-api'), 'APP_DB_PASSWORD')).toEqual({ name: 'microlend-secrets', key: 'APP_DB_PASSWORD' });
    expect(() => render({ set: ['secrets.existingSecret='] })).toThrow(/must name an existing Secret/);
  });

  it('holds no secret in values.yaml or the production values: only Secret names and keys', () => {
    for (const file of [path.join(CHART, 'values.yaml'), PRODUCTION]) {
      const secrets = (YAML.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, any> }).secrets;
      const leaves: Array<[string, unknown]> = [];
      const walk = (node: Record<string, unknown>, prefix: string) => {
        for (const [k, v] of Object.entries(node)) v && typeof v === 'object' ? walk(v as Record<string, unknown>, `${prefix}${k}.`) : leaves.push([`${prefix}${k}`, v]);
      };
      walk(secrets, '');
      for (const [key, value] of leaves) {
        expect([key, /(^|\.)(existingSecret|enabled|key|[a-zA-Z]+Key)$/.test(key)]).toEqual([key, true]);
        expect([key, typeof value === 'boolean' || /^[A-Za-z0-9_.-]*$/.test(String(value))]).toEqual([key, true]);
      }
    }
  });

  it('autoscales the API and the worker separately when asked (production), fixed replicas otherwise', () => {
    expect(byKind(defaults, 'HorizontalPodAutoscaler')).toEqual([]);
    const hpas = byKind(production, 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.spec.scaleTargetRef)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'rel-microlend-api' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'rel-microlend-worker' },
    ]);
    expect(hpas.map((h) => [h.spec.minReplicas, h.spec.maxReplicas])).toEqual([[3, 20], [2, 10]]);
    expect(hpas[0].spec.metrics.map((m: any) => m.resource.name)).toEqual(['cpu', 'memory']);
    // The HPA owns the replica count: the Deployments leave it out.
    for (const d of byKind(production, 'Deployment')) expect(d.spec.replicas).toBeUndefined();
  });

  it('keeps a PodDisruptionBudget for each of the API and the worker', () => {
    for (const ms of [defaults, production]) {
      expect(byKind(ms, 'PodDisruptionBudget').map((p) => [p.metadata.name, p.spec.maxUnavailable, p.spec.selector.matchLabels['app.kubernetes.io/component']])).toEqual([
        ['rel-microlend-api', 1, 'api'],
        ['rel-microlend-worker', 1, 'worker'],
      ]);
    }
  });

  it('exposes the API through a Service, and through an Ingress with TLS in production', () => {
    const svc = named(defaults, 'Service', 'rel-microlend');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(svc.spec.selector['app.kubernetes.io/component']).toBe('api');
    expect(byKind(defaults, 'Ingress')).toEqual([]);
    const ingress = named(production, 'Ingress', 'rel-microlend');
    expect(ingress.spec.tls).toEqual([{ secretName: 'microlend-tls', hosts: ['api.lending.example.com'] }]);
    expect(ingress.spec.rules[0]).toMatchObject({ host: 'api.lending.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'rel-microlend', port: { name: 'http' } } } }] } });
  });

  it('renders a ServiceMonitor for /metrics only when the cluster has the Prometheus operator', () => {
    expect(byKind(defaults, 'ServiceMonitor')).toEqual([]);
    expect(byKind(render({ production: true }), 'ServiceMonitor')).toEqual([]);
    const withOperator = render({ apiVersions: ['monitoring.coreos.com/v1'] });
    const monitor = named(withOperator, 'ServiceMonitor', 'rel-microlend');
    expect(monitor.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }]);
    // It scrapes the metrics port through a ClusterIP Service of its own; the public Service never carries it.
    const metricsSvc = named(withOperator, 'Service', 'rel-microlend-metrics');
    expect(metricsSvc.spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'metrics', port: 9464, targetPort: 'metrics', protocol: 'TCP' }] });
    expect(metricsSvc.spec.selector['app.kubernetes.io/component']).toBe('api');
    expect([monitor.spec.selector.matchLabels['app.kubernetes.io/component'], (metricsSvc.metadata as unknown as { labels: Record<string, string> }).labels['app.kubernetes.io/component']]).toEqual(['api-metrics', 'api-metrics']);
    expect(named(withOperator, 'Service', 'rel-microlend').spec.ports.map((p: any) => p.name)).toEqual(['http']);
    // Without the operator: the pod says where to scrape.
    expect(named(defaults, 'Deployment', 'rel-microlend-api').spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9464', 'prometheus.io/path': '/metrics' });
    expect(named(production, 'ServiceMonitor', 'rel-microlend').metadata).toMatchObject({ labels: { release: 'kube-prometheus-stack' } });
    expect(byKind(render({ apiVersions: ['monitoring.coreos.com/v1'], set: ['serviceMonitor.enabled=false'] }), 'ServiceMonitor')).toEqual([]);
  });

  it('lets connections reach only the API port and its metrics port, and limits egress to DNS and the given rules when asked', () => {
    const [apiPolicy, all] = byKind(production, 'NetworkPolicy');
    expect(apiPolicy.spec.podSelector.matchLabels['app.kubernetes.io/component']).toBe('api');
    expect(apiPolicy.spec.ingress).toEqual([
      { ports: [{ port: 'http', protocol: 'TCP' }], from: expect.arrayContaining([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]) },
      { ports: [{ port: 'metrics', protocol: 'TCP' }] },
    ]);
    expect(all.spec).toMatchObject({ policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [{}] });
    expect(all.spec.podSelector.matchLabels['app.kubernetes.io/component']).toBeUndefined();
    const closed = byKind(render({ set: ['networkPolicy.allowAllEgress=false'] }), 'NetworkPolicy')[1];
    expect(closed.spec.egress).toEqual([{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }]);
  });

  it('can set every setting of src/config/config.ts (config: for settings, secrets: for secrets)', () => {
    const source = readFileSync(path.join(ROOT, 'src', 'config', 'config.ts'), 'utf8');
    const schema = source.slice(source.indexOf('const envSchema'), source.indexOf('export class ConfigError'));
    const settings = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+): (?:z\.|\w+Schema\.)/gm)].map((m) => m[1]);
    expect(settings.length).toBeGreaterThan(20);
    const values = YAML.parse(readFileSync(path.join(CHART, 'values.yaml'), 'utf8')) as { config: Record<string, unknown> };
    // Set by the chart itself, or meaningless in a cluster (the embedded PostgreSQL).
    const byChart = ['NODE_ENV', 'PORT', 'IN_PROCESS_WORKER', 'MIGRATE_ON_BOOT', 'WORKER_HTTP_PORT', 'METRICS_PORT', 'TENANTS_DIR', 'MICROLEND_DATA_DIR', 'EMBEDDED_PG_PORT'];
    const missing = settings.filter((s) => !byChart.includes(s) && !SECRET_ENVS.includes(s) && !(s in values.config));
    expect(missing).toEqual([]);
    for (const key of Object.keys(values.config)) expect(settings).toContain(key);
  });

  it('documents every field of values.yaml', () => {
    const doc = YAML.parseDocument(readFileSync(path.join(CHART, 'values.yaml'), 'utf8'));
    // Fields whose values are Kubernetes objects are documented as a whole by their parent.
    const passthrough = ['podSecurityContext', 'securityContext'];
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string[], parentDocumented: boolean, inherited?: string | null) => {
      if (!YAML.isMap(node)) return;
      node.items.forEach((pair, i) => {
        const key = String((pair.key as YAML.Scalar).value);
        const here = [...at, key];
        const documented = Boolean((pair.key as YAML.Scalar).commentBefore || (i === 0 && (node.commentBefore || inherited)));
        const leaf = !YAML.isMap(pair.value) || (pair.value as YAML.YAMLMap).items.length === 0;
        if (leaf && !documented && !parentDocumented && !passthrough.includes(here[0])) undocumented.push(here.join('.'));
        walk(pair.value, here, documented);
      });
    };
    walk(doc.contents, [], false, doc.commentBefore);
    expect(undocumented).toEqual([]);
  });
});
