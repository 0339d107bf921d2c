import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { run } from './processes';
import { ROOT } from './workspace';

/** A rendered Kubernetes object, as `kubectl kustomize` prints it. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: any;
}

export interface Secrets {
  readonly enosAppSecret: string;
  readonly apiKeys: string;
}

/**
 * A copy of deploy/k8s with the secret files the base expects (they are never committed), rendered
 * offline by `kubectl kustomize`.
 */
export class KustomizeTree {
  private readonly dir = mkdtempSync(join(tmpdir(), 'enos-ota-k8s-'));

  constructor() {
    cpSync(join(ROOT, 'deploy/k8s'), this.dir, { recursive: true });
  }

  async render(target: string, secrets: Secrets): Promise<K8sObject[]> {
    writeFileSync(join(this.dir, 'base/secrets/enos-app-secret'), secrets.enosAppSecret);
    writeFileSync(join(this.dir, 'base/secrets/api-keys.json'), secrets.apiKeys);
    const { stdout } = await run('kubectl', ['kustomize', join(this.dir, target)], { timeout: 60_000 });
    return parseAllDocuments(stdout).map((document) => document.toJS() as K8sObject);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
