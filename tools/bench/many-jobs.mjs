// Equal work needs many distinct jobs: with one hot job the service coalesces or caches and calls EnOS
// for a few percent of requests while the proxy calls it for every one. This writes a simulator data
// file holding the committed seed plus `count` more jobs (copies of the readable seeded jobs under new
// ids), and the REST paths of the new ones for round-robin load (tools/bench/paced-load.mjs).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `<dir>/many-jobs.json` (the data) and `<dir>/many-jobs-paths.json`; returns both file names and the first path. */
export function writeManyJobs(root, dir, count) {
  const seed = JSON.parse(readFileSync(join(root, 'apps/enos-simulator/data/seed.json'), 'utf8'));
  const readable = new Set(seed.orgs.filter((org) => org.readable).map((org) => org.orgId));
  const templates = seed.jobs.filter((job) => readable.has(job.orgId));
  const extra = Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length];
    // 24 hex digits like EnOS job ids, stable from run to run.
    const jobId = createHash('sha256').update(`bench-job-${i}`).digest('hex').slice(0, 24);
    return { ...template, jobId };
  });
  const dataFile = join(dir, 'many-jobs.json');
  writeFileSync(dataFile, JSON.stringify({ ...seed, jobs: [...seed.jobs, ...extra] }));
  // A file, not an argument: 10,000 paths are longer than one command-line argument may be.
  const pathsFile = join(dir, 'many-jobs-paths.json');
  const paths = extra.map((job) => `/api/v1/orgs/${job.orgId}/ota-jobs/${job.jobId}`);
  writeFileSync(pathsFile, JSON.stringify(paths));
  return { dataFile, pathsFile, firstPath: paths[0], count };
}
