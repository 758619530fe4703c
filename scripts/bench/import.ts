/**
 * `tsdb import` benchmark: writes a deterministic file of N points (hosts × metrics series, one point
 * per series every 10 s, time-major like a collector's dump, integers and decimals mixed), then times
 * `tsdb import` on a fresh embedded store in its own process: from start to exit, so UID assignment,
 * packing every row and closing the store are included. Prints the points/s the command reported
 * and the wall-clock rate.
 *
 *   node dist/scripts/bench/import.js [--points 10000000] [--series 1000] [--gzip] [--cpu-prof DIR] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const POINTS = Number(arg('points', '10000000'));
const SERIES = Number(arg('series', '1000'));
const METRICS = 10;
const START = 1_600_000_000 - (1_600_000_000 % 3600);

/** Deterministic values: integers for a third of the series, two-decimal gauges for the rest. */
function value(series: number, step: number): string {
  const x = (Math.imul(series + 1, 2654435761) ^ Math.imul(step + 1, 40503)) >>> 0;
  return series % 3 === 0 ? String(x % 100000) : (x % 1000000 / 100).toFixed(2);
}

async function writeFile(path: string, gzip: boolean): Promise<void> {
  const file = createWriteStream(path);
  const out: Writable = gzip ? createGzip({ level: 1 }) : file;
  if (gzip) (out as ReturnType<typeof createGzip>).pipe(file);
  const names = Array.from({ length: SERIES }, (_, s) => {
    const host = Math.floor(s / METRICS);
    return [`bench.metric${s % METRICS}`, `host=h${host} dc=dc${host % 8}`];
  });
  const steps = Math.ceil(POINTS / SERIES);
  let written = 0;
  for (let step = 0; step < steps && written < POINTS; step++) {
    let text = '';
    for (let s = 0; s < SERIES && written < POINTS; s++, written++) {
      text += `${names[s][0]} ${START + step * 10} ${value(s, step)} ${names[s][1]}\n`;
    }
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise<void>((r) => {
    file.once('close', () => r());
    out.end();
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-import-'));
  const gzip = flag('gzip');
  const input = join(dir, gzip ? 'points.txt.gz' : 'points.txt');
  try {
    const t0 = Date.now();
    await writeFile(input, gzip);
    console.log(`generated ${POINTS} points of ${SERIES} series in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${input} (${(statSync(input).size / 1e6).toFixed(0)} MB)`);
    const main = resolve(__dirname, '../../src/cli/main.js');
    const prof = arg('cpu-prof', '');
    const nodeArgs = prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [];
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [...nodeArgs, main, 'import', '--auto-metric', '--data-dir', join(dir, 'data'), input], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`tsdb import failed (${run.status}):\n${run.stderr.slice(-4000)}`);
    console.log(run.stdout.trim());
    console.log(`wall clock: ${POINTS} points in ${seconds.toFixed(2)}s = ${Math.round(POINTS / seconds)} points/s (process start to exit)`);
  } finally {
    if (!flag('keep')) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
