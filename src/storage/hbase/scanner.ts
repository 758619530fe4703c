/**
 * A scan over a whole table as an async iterator of row batches (STYLE §6.7): one region at a
 * time, hopping on `more_results_in_region=false` (forward to the end key, reverse to the region
 * below the start key), riding heartbeats, and reopening from the last row returned after a
 * moved region, a dead server or a lost scanner. Rows are never split; the server keeps them whole.
 * One RPC runs ahead of the consumer.
 */
import type { ScanOptions, StoredRow } from '../store';
import { type ScanBatch, closeScanRequest, decodeScanBatch, nextScanRequest, openScanCall } from './calls/scan';
import type { HBaseClient } from './client';
import { type RegionLocation, compareBytes } from './regions/region-info';
import { withRetries } from './retry';

const EMPTY = Buffer.alloc(0);

interface Position {
  /** Where the next scanner opens. */
  start: Buffer;
  includeStart: boolean;
  /** Locate the region below `start` (reverse hop, or a reverse scan from the table's end). */
  before: boolean;
}

interface OpenScanner {
  region: RegionLocation;
  id: bigint;
  seq: bigint;
}

/** Whether the scan ends with `region` (no region after it holds rows inside the range). */
function lastRegion(region: RegionLocation, stop: Buffer, reverse: boolean): boolean {
  if (reverse) return region.startKey.length === 0 || (stop.length > 0 && compareBytes(region.startKey, stop) <= 0);
  return region.endKey.length === 0 || (stop.length > 0 && compareBytes(region.endKey, stop) >= 0);
}

export async function* scanTable(client: HBaseClient, table: string, opts: ScanOptions = {}): AsyncGenerator<StoredRow[]> {
  const batchSize = opts.batchSize ?? 128;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`Cannot scan with batchSize ${batchSize}: must be a positive integer`);
  const reverse = opts.reverse === true;
  const stop = opts.stop ?? EMPTY;
  const signal = opts.signal;
  const pos: Position = { start: opts.start ?? EMPTY, includeStart: true, before: reverse && (opts.start ?? EMPTY).length === 0 };
  let scanner: OpenScanner | undefined;
  let pending: StoredRow[] = [];
  let done = false;

  // One scan RPC: a next on the open scanner, or (first, after a hop, or after an error) an open.
  const step = (): Promise<ScanBatch> => {
    let region: RegionLocation | undefined;
    return withRetries(
      `scan table '${table}'`,
      async (attempt) => {
        region = undefined;
        if (scanner && attempt === 0) {
          region = scanner.region;
          const reply = await client.regionCall(scanner.region, 'Scan', nextScanRequest(scanner.id, batchSize, scanner.seq));
          scanner.seq++;
          return decodeScanBatch(reply);
        }
        scanner = undefined;
        region = await client.locate(table, pos.start, pos.before);
        const call = openScanCall(table, { ...opts, select: opts, reverse, start: pos.start, includeStart: pos.includeStart, stop }, batchSize);
        const batch = call.decode(await client.regionCall(region, 'Scan', call.encode(region.name)));
        scanner = { region, id: batch.scannerId, seq: 0n };
        return batch;
      },
      client.retryOptions(signal, (err) => {
        client.forget(err, region);
        // Reopen from the last row returned; a scanner the server may still hold is released.
        if (scanner && err.kind === 'backoff') closeQuietly(client, scanner);
        scanner = undefined;
      }),
    );
  };

  // The next RPC runs while the consumer works on the rows just handed over (one batch ahead).
  let prefetch: Promise<ScanBatch> | undefined;
  try {
    while (!done) {
      signal?.throwIfAborted();
      const batch = await (prefetch ?? step());
      prefetch = undefined;
      signal?.throwIfAborted();
      const region = scanner?.region;
      if (batch.rows.length > 0) {
        const last = batch.rows[batch.rows.length - 1];
        pos.start = last.key;
        pos.includeStart = false;
        pos.before = false;
        pending = pending.length === 0 ? batch.rows : pending.concat(batch.rows);
      }
      if (!batch.moreResults || !batch.moreResultsInRegion) {
        scanner = undefined; // the server closed it
        if (!batch.moreResults || !region || lastRegion(region, stop, reverse)) done = true;
        else if (reverse) Object.assign(pos, { start: region.startKey, includeStart: false, before: true });
        else Object.assign(pos, { start: region.endKey, includeStart: true, before: false });
      }
      if (!done) {
        prefetch = step();
        prefetch.catch(() => undefined); // observed when awaited; not an unhandled rejection meanwhile
      }
      while (pending.length >= batchSize || (done && pending.length > 0)) {
        const out = pending.slice(0, batchSize);
        pending = pending.slice(batchSize);
        yield out;
      }
    }
  } finally {
    // Let a call in flight settle first, so the scanner it may have opened is the one closed.
    if (prefetch) await prefetch.catch(() => undefined);
    if (scanner) closeQuietly(client, scanner);
    scanner = undefined;
  }
}

/** Releases a server-side scanner now rather than at its lease timeout; nobody waits for the answer. */
function closeQuietly(client: HBaseClient, scanner: OpenScanner): void {
  client.regionCall(scanner.region, 'Scan', closeScanRequest(scanner.id)).catch(() => undefined);
}
