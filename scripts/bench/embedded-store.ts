/**
 * The embedded store measured through the Store interface, on the workload of
 * shared/spec/embedded-store.md: 1,000 series × 10 h × one point per 10 s (3.6 M cells) written in
 * time order, then packed hour by hour (read row, put one packed cell, delete the loose ones), then
 * scanned. Prints cells/s, rows/s and bytes on disk per cell next to the raw-engine figures.
 *
 *   node dist/scripts/bench/embedded-store.js [--batch 10000] [--hours 10] [--series 1000]
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import type { Mutation } from '../../src/storage/store';
import { argNumber } from './bench-args';

const BATCH = argNumber('batch', 10_000);
const HOURS = argNumber('hours', 10);
const SERIES = argNumber('series', 1000);
const STEPS = 360;
const T = 't';
const BASE = 1_356_998_400;

function rowKey(series: number, hour: number): Buffer {
  const k = Buffer.alloc(25);
  k.writeUIntBE(1 + (series % 10), 0, 3);
  k.writeUInt32BE(BASE + hour * 3600, 3);
  k.writeUIntBE(1, 7, 3);
  k.writeUIntBE(1 + Math.floor(series / 10), 10, 3);
  k.writeUIntBE(2, 13, 3);
  k.writeUIntBE(1 + (series % 4), 16, 3);
  k.writeUIntBE(3, 19, 3);
  k.writeUIntBE(1 + (series % 10), 22, 3);
  return k;
}

let seed = 42;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

function qualifier(step: number): Buffer {
  const q = Buffer.alloc(2);
  q.writeUInt16BE((step * 10) << 4);
  return q;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-store-'));
  const store = await EmbeddedStore.open({ path: dir });
  await store.createTable({ name: T, families: [{ name: 't', versions: 1 }] });
  const cells = SERIES * HOURS * STEPS;
  const values = new Uint8Array(SERIES).map(() => Math.floor(rand() * 100));

  let t0 = performance.now();
  let batch: Mutation[] = [];
  for (let h = 0; h < HOURS; h++) {
    for (let step = 0; step < STEPS; step++) {
      const q = qualifier(step);
      for (let s = 0; s < SERIES; s++) {
        values[s] = (values[s] + Math.floor(rand() * 5) - 2) & 0x7f;
        batch.push({ type: 'put', table: T, row: rowKey(s, h), cells: [{ family: 't', qualifier: q, value: Buffer.from([values[s]]) }] });
        if (batch.length === BATCH) {
          await store.batch(batch);
          batch = [];
        }
      }
    }
  }
  if (batch.length) await store.batch(batch);
  await store.flush();
  const writeS = (performance.now() - t0) / 1000;
  console.log(`put (batches of ${BATCH}, awaited): ${Math.round(cells / writeS).toLocaleString()} cells/s (${writeS.toFixed(1)} s for ${cells.toLocaleString()} cells)`);

  t0 = performance.now();
  let rows = 0;
  for (let h = 0; h < HOURS; h++) {
    for (let s = 0; s < SERIES; s++) {
      const key = rowKey(s, h);
      const row = await store.get(T, key);
      if (!row) continue;
      const qual = Buffer.concat(row.cells.map((c) => c.qualifier));
      const val = Buffer.concat([...row.cells.map((c) => c.value), Buffer.from([0])]);
      await store.batch([
        { type: 'put', table: T, row: key, cells: [{ family: 't', qualifier: qual, value: val }] },
        { type: 'delete', table: T, row: key, family: 't', qualifiers: row.cells.map((c) => c.qualifier) },
      ]);
      rows++;
    }
  }
  const compactS = (performance.now() - t0) / 1000;
  console.log(`compaction (get row, put packed, delete ${STEPS}; one row at a time): ${Math.round(rows / compactS).toLocaleString()} rows/s`);

  t0 = performance.now();
  let scanned = 0;
  let points = 0;
  for await (const b of store.scan(T, { batchSize: 128 })) {
    scanned += b.length;
    for (const r of b) points += r.cells[0].qualifier.length / 2;
  }
  const scanS = (performance.now() - t0) / 1000;
  if (points !== cells) throw new Error(`scan found ${points} points, wrote ${cells}`);
  console.log(`full scan of packed rows: ${Math.round(scanned / scanS).toLocaleString()} rows/s (${scanned} rows)`);
  await store.close();
  const bytes = Number(execSync(`du -sb ${dir}`).toString().split('\t')[0]);
  console.log(`bytes on disk after close (no forced LevelDB compaction): ${(bytes / cells).toFixed(2)} B/point (${(bytes / 2 ** 20).toFixed(1)} MiB)`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
