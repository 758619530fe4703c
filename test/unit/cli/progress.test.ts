import { Progress, summaryLine } from '../../../src/cli/progress';

function fakeStream(tty: boolean): { stream: { write: (s: string) => void; isTTY: boolean }; text: () => string } {
  let out = '';
  return { stream: { write: (s: string) => void (out += s), isTTY: tty }, text: () => out };
}

describe('Progress', () => {
  test('off a terminal it prints one plain line per interval, and nothing in between', () => {
    let now = 1000;
    const { stream, text } = fakeStream(false);
    const p = new Progress({ label: 'import', unit: 'points', stream, intervalMs: 10_000, now: () => now });
    p.add(500);
    now += 5000;
    p.render();
    expect(text()).toBe('');
    now += 5000;
    p.add(500);
    p.error(2);
    p.render();
    expect(text()).toBe('import: 1000 points, 2 errors, 100 points/s, 00:00:10\n');
    expect(p.finish()).toEqual({ count: 1000, errors: 2, elapsedMs: 10_000, rate: 100 });
    expect(text()).not.toContain('\r');
  });

  test('on a terminal it redraws one line with a bar, and clears it when done', () => {
    let now = 0;
    const { stream, text } = fakeStream(true);
    const p = new Progress({ label: 'import', unit: 'points', stream, now: () => now });
    p.position(25, 100);
    p.add(40);
    now = 2000;
    p.render();
    expect(text()).toBe(`\rimport: [${'#'.repeat(6)}${'-'.repeat(18)}]  25% 40 points, 20 points/s, 00:00:02\x1b[K`);
    p.finish();
    expect(text().endsWith('\r\x1b[K')).toBe(true);
  });

  test('summaryLine gives count, errors, time and rate', () => {
    expect(summaryLine('fsck', 'rows', { count: 3, errors: 1, elapsedMs: 1500, rate: 2 })).toBe('fsck: 3 rows, 1 errors in 1.500s (2.0 rows/s)');
  });
});
