/**
 * `tsdb query`, `tsdb scan` and `tsdb fsck <query>` on a temporary embedded store, run as a child
 * process: CliQuery's output lines, DumpSeries' import format round-tripping through `tsdb import`,
 * --delete, and query errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportOf } from './fsck-seed';
import { runTsdb, scratchDir } from './tsdb-cli';

const POINTS = [
  'sys.cpu 1356998400 10 host=a',
  'sys.cpu 1356998410 0.25 host=a',
  'sys.cpu 1356998400 -3 host=b',
  'sys.cpu 1356998460500 5 host=b',
  'sys.mem 1356998400 100 host=a',
].join('\n');

describe('tsdb query and scan on the embedded store', () => {
  let dir: string;
  let remove: () => void;
  const data = (): string => join(dir, 'data');
  const tsdb = (...args: string[]) => runTsdb([...args, '--data-dir', data()]);

  beforeEach(async () => {
    ({ dir, remove } = scratchDir());
    writeFileSync(join(dir, 'points.txt'), `${POINTS}\n`);
    expect((await tsdb('import', '--auto-metric', join(dir, 'points.txt'))).code).toBe(0);
  });
  afterEach(() => remove());

  test('query prints one line per point: ms timestamp, integers as is, other values with six decimals, shared tags', async () => {
    const r = await tsdb('query', '1356998000', '1356999999', 'sum', 'sys.cpu', 'host=*', 'max', 'sys.mem');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        // A series holding a float is aggregated as doubles at every timestamp (OpenTSDB does so too).
        'sys.cpu 1356998400000 10.000000 {host=a}',
        'sys.cpu 1356998410000 0.250000 {host=a}',
        'sys.cpu 1356998400000 -3 {host=b}',
        'sys.cpu 1356998460500 5 {host=b}',
        'sys.mem 1356998400000 100 {host=a}',
      ].join('\n') + '\n',
    );
    const sum = await tsdb('query', '2013/01/01-00:00', '2013/01/01-01:00', 'sum', 'rate', 'sys.cpu');
    expect(sum.stdout.split('\n')[0]).toBe('sys.cpu 1356998410000 -0.975000 {}');
  });

  test('scan --import prints what tsdb import reads back into the same points; --delete removes the rows', async () => {
    const dump = await tsdb('scan', '--import', '1356998000', '1356999999', 'sum', 'sys.cpu');
    expect(dump.code).toBe(0);
    expect(dump.stdout).toBe('sys.cpu 1356998400 10 host=a\nsys.cpu 1356998410 0.25 host=a\nsys.cpu 1356998400 -3 host=b\nsys.cpu 1356998460500 5 host=b\n');
    expect(dump.stderr).toMatch(/^scan: 2 rows, 0 errors in /m);
    const copy = join(dir, 'copy');
    const reimport = await runTsdb(['import', '--auto-metric', '--data-dir', copy, '-'], { input: dump.stdout });
    expect(reimport.code).toBe(0);
    const args = ['query', '1356998000', '1356999999', 'sum', 'sys.cpu', 'host=*'];
    expect((await runTsdb([...args, '--data-dir', copy])).stdout).toBe((await tsdb(...args)).stdout);

    const raw = await tsdb('scan', '1356998000', '1356999999', 'sum', 'sys.cpu', 'host=b');
    expect(raw.stdout).toBe(
      [
        '[0, 0, 1, 80, -30, 39, 0, 0, 0, 1, 0, 0, 2] sys.cpu 1356998400 (Tue Jan 01 00:00:00 UTC 2013) {host=b}',
        '  [0, 0, -16, 59, 21, 0]\t[-3, 5, 1] = 2 values:',
        '    [0, 0]\t[-3]\t0\tl\t1356998400\t(Tue Jan 01 00:00:00 UTC 2013)',
        '    [-16, 59, 21, 0]\t[5]\t60500\tl\t1356998460500\t(Tue Jan 01 00:01:00 UTC 2013)',
      ].join('\n') + '\n',
    );
    const del = await tsdb('scan', '--delete', '1356998000', '1356999999', 'sum', 'sys.cpu', 'host=b');
    expect(del.stdout).toBe('sys.cpu 1356998400 -3 host=b\nsys.cpu 1356998460500 5 host=b\n');
    expect((await tsdb('scan', '1356998000', '1356999999', 'sum', 'sys.cpu', 'host=b')).stdout).toBe('');
    expect((await tsdb('query', '1356998000', '1356999999', 'sum', 'sys.cpu')).stdout).toBe('sys.cpu 1356998400000 10.000000 {host=a}\nsys.cpu 1356998410000 0.250000 {host=a}\n');
  });

  test('fsck with a query checks only the rows the query reads', async () => {
    const r = await tsdb('fsck', '1356998000', '1356999999', 'sum', 'sys.mem');
    expect(r.code).toBe(0);
    expect(reportOf(r.stdout)).toMatchObject({ 'Rows Processed': 1, 'Valid Datapoints': 1, 'Total Errors': 0 });
  });

  test('bad queries fail with a message: unknown metric, unknown aggregator, too few arguments', async () => {
    const unknown = await tsdb('query', '1356998000', 'sum', 'no.such.metric');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No such name for 'metrics': 'no.such.metric'");
    const agg = await tsdb('query', '1356998000', 'bogus', 'sys.cpu');
    expect(agg.code).toBe(1);
    expect(agg.stderr).toContain('No such aggregator: bogus');
    // 'now' is no END (CliQuery's rule): it is read as an aggregator.
    expect((await tsdb('query', '1356998000', 'now', 'sum', 'sys.cpu')).stderr).toContain('No such aggregator: now');
    expect((await tsdb('query', '1356998000', 'sum')).code).toBe(2);
    expect((await tsdb('scan', '1356998000', 'sum')).code).toBe(2);
  });
});
