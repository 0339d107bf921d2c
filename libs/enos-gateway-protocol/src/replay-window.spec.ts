import { ReplayWindow } from './replay-window';

describe('ReplayWindow', () => {
  function clocked(windowMs: number, maxEntries?: number) {
    let now = 1_000_000;
    const window = new ReplayWindow(windowMs, maxEntries, () => now);
    return { window, advance: (ms: number) => (now += ms) };
  }

  it('refuses a value again within the window and accepts it once the window has passed', () => {
    const { window, advance } = clocked(1000);
    expect(window.firstUse('a')).toBe(true);
    advance(999);
    expect(window.firstUse('a')).toBe(false);
    advance(1);
    expect(window.firstUse('a')).toBe(true);
  });

  it('measures the window from the first use, so repeated replays do not extend it', () => {
    const { window, advance } = clocked(1000);
    window.firstUse('a');
    advance(600);
    expect(window.firstUse('a')).toBe(false);
    advance(400);
    expect(window.firstUse('a')).toBe(true);
  });

  it('forgets expired values, so memory follows the request rate rather than the uptime', () => {
    const { window, advance } = clocked(1000);
    for (let i = 0; i < 50; i += 1) window.firstUse(`k${i}`);
    expect(window.size).toBe(50);
    advance(1000);
    window.firstUse('fresh');
    expect(window.size).toBe(1);
  });

  it('stays within its size bound, forgetting the oldest first', () => {
    const { window } = clocked(60_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) expect(window.firstUse(key)).toBe(true);
    expect(window.size).toBe(3);
    expect(window.firstUse('a')).toBe(true);
    expect(window.firstUse('d')).toBe(false);
  });

  it('refuses a window that is not positive', () => {
    expect(() => new ReplayWindow(0)).toThrow(RangeError);
  });
});
