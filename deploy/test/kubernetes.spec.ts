/**
 * The Kustomize manifests, rendered offline by `kubectl kustomize` (base and the Redis overlay) and
 * checked without a cluster: every object against its Kubernetes schema (kubernetes-models), then what
 * makes a deployment of this service work: probes on the service's real health routes, matching ports
 * and selectors, an HPA on the Deployment, a grace period that covers preStop and the request
 * deadline, non-root, secrets as files that roll the pods when they change.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { KustomizeTree, type K8sObject, type Secrets } from './support/kustomize';
import { SERVICE_NODE_FLAGS, readText, serviceHealthRoutes } from './support/workspace';

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

const SECRETS: Secrets = { enosAppSecret: 'test-secret\n', apiKeys: '[]\n' };
const SERVICE_CONTAINER = 'ota-service';

/** The service's default request deadline, from its configuration parser. */
function defaultDeadlineMs(): number {
  const match = /integer\('OTA_DEADLINE_MS',\s*([\d_]+)/.exec(
    readText('apps/ota-service/src/config/service-config.ts'),
  );
  if (!match) throw new Error('OTA_DEADLINE_MS has no default in service-config.ts');
  return Number(match[1]!.replace(/_/g, ''));
}

/** The service's memory under load, as measured by the benchmark (bench/RESULTS.md). */
function measuredRssMiB(): number {
  const match = /service RSS under load \(MiB[^|]*\|\s*([\d.]+)/.exec(readText('bench/RESULTS.md'));
  if (!match) throw new Error('bench/RESULTS.md reports no service RSS under load');
  return Number(match[1]);
}

function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`memory quantity ${quantity} is not in Mi or Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(['base', 'overlays/redis'])('the Kubernetes manifests: %s', (target) => {
  let tree: KustomizeTree;
  let objects: K8sObject[];
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const byName = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the rendering`);
    return found;
  };
  const service = () => byName('Deployment', 'enos-ota');
  const container = () => service().spec.template.spec.containers.find((c: any) => c.name === SERVICE_CONTAINER);
  /** The service's environment: its ConfigMap (envFrom) overlaid by `env`. */
  const environment = (): Record<string, string> => {
    const fromMaps = container().envFrom.map((source: any) => byName('ConfigMap', source.configMapRef.name).data);
    const own = Object.fromEntries(container().env.map((e: any) => [e.name, e.value]));
    return Object.assign({}, ...fromMaps, own);
  };

  beforeAll(async () => {
    tree = new KustomizeTree();
    objects = await tree.render(target, SECRETS);
  });
  afterAll(() => tree?.remove());

  it('renders only objects that validate against their Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThanOrEqual(6);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect({ kind: `${object.apiVersion}/${object.kind}`, known: Model !== undefined }).toEqual({
        kind: `${object.apiVersion}/${object.kind}`,
        known: true,
      });
      expect(() => new Model!(object).validate()).not.toThrow();
    }
  });

  it('probes startup, readiness and liveness on the routes the service answers', () => {
    const routes = serviceHealthRoutes();
    const probes = {
      startup: container().startupProbe.httpGet.path,
      readiness: container().readinessProbe.httpGet.path,
      liveness: container().livenessProbe.httpGet.path,
    };
    expect(probes).toEqual({ startup: '/health/startup', readiness: '/health/ready', liveness: '/health/live' });
    for (const path of Object.values(probes)) expect(routes).toContain(path);
  });

  it('points probes and the Service at the container port the image exposes', () => {
    const ports = container().ports;
    const named = (name: string | number) =>
      typeof name === 'number' ? name : ports.find((p: any) => p.name === name)?.containerPort;
    const exposed = Number(/^EXPOSE\s+(\d+)/m.exec(readText('Dockerfile'))?.[1]);
    expect(ports.map((p: any) => p.containerPort)).toEqual([exposed]);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(named(container()[probe].httpGet.port)).toBe(exposed);
    }
    for (const port of byName('Service', 'enos-ota').spec.ports) expect(named(port.targetPort)).toBe(exposed);
  });

  it('selects pods by labels they carry: Services, Deployments and the PodDisruptionBudget', () => {
    const deployments = ofKind('Deployment');
    for (const deployment of deployments) {
      expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
    for (const svc of ofKind('Service')) {
      const selected = deployments.filter((d) => matches(svc.spec.selector, d.spec.template.metadata.labels));
      expect({ service: svc.metadata.name, selects: selected.map((d) => d.metadata.name) }).toEqual({
        service: svc.metadata.name,
        selects: [svc.metadata.name],
      });
    }
    const [pdb] = ofKind('PodDisruptionBudget');
    expect(matches(pdb!.spec.selector.matchLabels, service().spec.template.metadata.labels)).toBe(true);
    expect(pdb!.spec.maxUnavailable).toBe(1);
  });

  it('scales the service Deployment with the HPA, never below two pods', () => {
    const [hpa] = ofKind('HorizontalPodAutoscaler');
    expect(hpa!.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'enos-ota' });
    expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
    expect(container().resources.requests.cpu).toBeDefined();
  });

  it('gives a stopping pod longer than the preStop pause plus the request deadline', () => {
    const [command, seconds] = container().lifecycle.preStop.exec.command;
    expect(command).toBe('sleep');
    const deadlineMs = Number(environment()['OTA_DEADLINE_MS'] ?? defaultDeadlineMs());
    const grace = service().spec.template.spec.terminationGracePeriodSeconds;
    expect(grace).toBeGreaterThan(Number(seconds) + deadlineMs / 1000);
    expect(service().spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
  });

  it('sizes memory from the measured RSS, with the limit above the V8 heap cap', () => {
    const { requests, limits } = container().resources;
    const oldSpace = Number(/--max-old-space-size=(\d+)/.exec(SERVICE_NODE_FLAGS.join(' '))?.[1]);
    expect(mebibytes(requests.memory)).toBeGreaterThanOrEqual(measuredRssMiB());
    expect(mebibytes(limits.memory)).toBeGreaterThan(oldSpace + 64);
    expect(mebibytes(limits.memory)).toBeGreaterThanOrEqual(mebibytes(requests.memory));
  });

  it('runs every container restricted: non-root, no escalation, read-only root, no capabilities, RuntimeDefault', () => {
    for (const deployment of ofKind('Deployment')) {
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect({ container: c.name, ...c.securityContext }).toEqual({
          container: c.name,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  it('pins every image to a version, never latest', () => {
    for (const deployment of ofKind('Deployment')) {
      for (const c of deployment.spec.template.spec.containers) {
        expect(c.image).toMatch(/:\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
      }
    }
  });

  it('spreads the service pods over zones and nodes', () => {
    const spread = service().spec.template.spec.topologySpreadConstraints;
    expect(spread.map((c: any) => c.topologyKey).sort()).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
    for (const constraint of spread) {
      expect(matches(constraint.labelSelector.matchLabels, service().spec.template.metadata.labels)).toBe(true);
    }
  });

  it('mounts the secrets as files the service reads, and sets no secret as a value', () => {
    const [secret] = ofKind('Secret');
    const volume = service().spec.template.spec.volumes.find((v: any) => v.secret);
    expect(volume.secret.secretName).toBe(secret!.metadata.name);
    const mount = container().volumeMounts.find((m: any) => m.name === volume.name);
    expect(mount.readOnly).toBe(true);
    const env = environment();
    expect(env['ENOS_APP_SECRET_FILE']).toBe(`${mount.mountPath}/enos-app-secret`);
    expect(env['OTA_API_KEYS_FILE']).toBe(`${mount.mountPath}/api-keys.json`);
    expect(Object.keys(secret!.data).sort()).toEqual(['api-keys.json', 'enos-app-secret']);
    expect(Object.keys(env).filter((name) => /SECRET|API_KEYS|TOKEN/.test(name) && !name.endsWith('_FILE'))).toEqual(
      [],
    );
  });

  it('rolls the pods when a key changes: the Secret name carries a hash of its contents', async () => {
    const other = new KustomizeTree();
    try {
      const changed = await other.render(target, { ...SECRETS, apiKeys: '[{"name":"new"}]\n' });
      const rolled = changed.find((o) => o.kind === 'Deployment' && o.metadata.name === 'enos-ota')!;
      const volumeOf = (d: K8sObject) => d.spec.template.spec.volumes.find((v: any) => v.secret).secret.secretName;
      expect(volumeOf(rolled)).not.toBe(volumeOf(service()));
      expect(volumeOf(rolled)).toMatch(/^enos-ota-secrets-[a-z0-9]+$/);
    } finally {
      other.remove();
    }
  });

  if (target === 'overlays/redis') {
    it('points the service at the Redis it adds', () => {
      const url = new URL(environment()['OTA_REDIS_URL'] ?? '');
      const redis = byName('Service', url.hostname);
      expect(url.protocol).toBe('redis:');
      expect(redis.spec.ports.map((p: any) => p.port)).toContain(Number(url.port));
      expect(byName('Deployment', url.hostname).spec.replicas).toBe(1);
    });
  } else {
    it('needs no Redis: the base runs each replica on its own', () => {
      expect(environment()['OTA_REDIS_URL']).toBeUndefined();
      expect(ofKind('Deployment').map((d) => d.metadata.name)).toEqual(['enos-ota']);
    });
  }
});
