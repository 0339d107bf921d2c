import { EXIT_BAD_SETTING, runCli, type CliIo } from './cli';

function fakeIo(env: Record<string, string>) {
  const lines = { out: [] as string[], err: [] as string[] };
  const handlers = new Map<string, () => void>();
  let exitCode: number | undefined;
  let exited: () => void = () => undefined;
  const exitedPromise = new Promise<void>((resolve) => (exited = resolve));
  const io: CliIo = {
    env,
    out: (line) => lines.out.push(line),
    err: (line) => lines.err.push(line),
    exit: (code) => {
      exitCode = code;
      exited();
    },
    onSignal: (signal, handler) => handlers.set(signal, handler),
  };
  return { io, lines, handlers, exitCode: () => exitCode, exited: exitedPromise };
}

describe('runCli', () => {
  it('exits with 2 and names the setting when a value is bad', async () => {
    const fake = fakeIo({ ENOS_SIM_PORT: 'eighty' });
    expect(await runCli(fake.io)).toBeUndefined();
    expect(fake.exitCode()).toBe(EXIT_BAD_SETTING);
    expect(fake.lines.err.join('\n')).toMatch(/ENOS_SIM_PORT must be an integer .* got "eighty"/);
  });

  it('exits with 1 and names the file when the data file is bad', async () => {
    const fake = fakeIo({ ENOS_SIM_PORT: '0', ENOS_SIM_DATA: '/nonexistent/seed.json' });
    expect(await runCli(fake.io)).toBeUndefined();
    expect(fake.exitCode()).toBe(1);
    expect(fake.lines.err.join('\n')).toContain('cannot start: Simulator data file /nonexistent/seed.json');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('prints the URL, serves, and stops on %s', async (signal) => {
    const fake = fakeIo({ ENOS_SIM_PORT: '0', ENOS_SIM_LOG: '0', ENOS_SIM_APP_KEY: 'cli-key' });
    const simulator = (await runCli(fake.io))!;
    expect(fake.lines.out).toEqual([`EnOS simulator listening on ${simulator.url} (appKey "cli-key")`]);
    expect((await fetch(`${simulator.url}/__sim/stats`)).status).toBe(200);
    fake.handlers.get(signal)!();
    await fake.exited;
    expect(fake.exitCode()).toBe(0);
    await expect(fetch(`${simulator.url}/__sim/stats`)).rejects.toThrow();
  });
});
