/**
 * Every write of the embedded store goes through this one ordered pipeline. Operations queued while
 * a LevelDB batch is being written are gathered into the next "round" and written as one atomic
 * batch, so callers get large batches without asking for them, and rounds are applied strictly in
 * the order they were issued.
 *
 * Read-modify-write operations (increment, compare-and-set) and whole-row or family deletes run inside
 * a round: they read the store as left by earlier rounds plus the writes queued before them in the same
 * round (an overlay), so they are atomic with respect to every other write of the process. LevelDB's
 * LOCK keeps every other process out, which makes that enough for HBase's row atomicity.
 */
import type { ClassicLevel } from 'classic-level';
import { NotACounterError, StoreClosedError } from '../errors';

type BatchOp = { type: 'put'; key: Buffer; value: Buffer } | { type: 'del'; key: Buffer };

/** Reads that a round may need, resolved against LevelDB plus the round's overlay. */
export interface RoundContext {
  read(key: Buffer): Promise<Buffer | undefined>;
  put(key: Buffer, value: Buffer): void;
  del(key: Buffer): void;
  /** Deletes every key in [gte, lt), including keys written earlier in this round. */
  deleteRange(gte: Buffer, lt: Buffer): Promise<void>;
}

/** One queued operation: `apply` adds its writes to the round and returns its result. */
interface PendingOp<T> {
  readonly needsReads: boolean;
  apply(ctx: RoundContext): Promise<T> | T;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export interface PipelineStats {
  rounds: number;
  ops: number;
  writes: number;
}

export class WritePipeline {
  #queue: PendingOp<unknown>[] = [];
  #running = false;
  #closed = false;
  readonly stats: PipelineStats = { rounds: 0, ops: 0, writes: 0 };

  constructor(
    private readonly db: ClassicLevel<Buffer, Buffer>,
    private readonly sync: boolean,
  ) {}

  /** Queues an operation; `needsReads` marks read-modify-write or range deletes. */
  submit<T>(needsReads: boolean, apply: (ctx: RoundContext) => Promise<T> | T): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreClosedError('the embedded store'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ needsReads, apply, resolve, reject } as PendingOp<unknown>);
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  /** Resolves when everything queued before it is written; the pipeline then refuses new work. */
  async close(): Promise<void> {
    await this.submit(false, () => undefined);
    this.#closed = true;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const ops = this.#queue;
      this.#queue = [];
      await this.#round(ops);
    }
    this.#running = false;
  }

  async #round(ops: PendingOp<unknown>[]): Promise<void> {
    const batch: BatchOp[] = [];
    const tracked = ops.some((o) => o.needsReads);
    const overlay = new Map<string, Buffer | null>();
    const db = this.db;
    const ctx: RoundContext = {
      async read(key) {
        const k = key.toString('latin1');
        if (overlay.has(k)) return overlay.get(k) ?? undefined;
        return db.get(key);
      },
      put(key, value) {
        batch.push({ type: 'put', key, value });
        if (tracked) overlay.set(key.toString('latin1'), value);
      },
      del(key) {
        batch.push({ type: 'del', key });
        if (tracked) overlay.set(key.toString('latin1'), null);
      },
      async deleteRange(gte, lt) {
        for await (const key of db.keys({ gte, lt })) ctx.del(key);
        const lo = gte.toString('latin1');
        const hi = lt.toString('latin1');
        for (const [k, v] of overlay) {
          if (v !== null && k >= lo && k < hi) ctx.del(Buffer.from(k, 'latin1'));
        }
      },
    };
    const results: { ok: boolean; value: unknown }[] = [];
    for (const op of ops) {
      try {
        results.push({ ok: true, value: await op.apply(ctx) });
      } catch (e) {
        results.push({ ok: false, value: e });
      }
    }
    try {
      if (batch.length > 0) {
        // The chained batch skips the per-operation option merging of the array form (3x faster here).
        const chained = db.batch();
        for (const op of batch) {
          if (op.type === 'put') chained.put(op.key, op.value);
          else chained.del(op.key);
        }
        await chained.write({ sync: this.sync });
      }
    } catch (e) {
      for (const op of ops) op.reject(e);
      return;
    }
    this.stats.rounds++;
    this.stats.ops += ops.length;
    this.stats.writes += batch.length;
    ops.forEach((op, i) => (results[i].ok ? op.resolve(results[i].value) : op.reject(results[i].value)));
  }
}

/** Reads an 8-byte signed counter as HBase stores it; absent = 0. */
export function readCounter(table: string, stored: Buffer | undefined): bigint {
  if (stored === undefined) return 0n;
  if (stored.length !== 8) throw new NotACounterError(table, stored.length);
  return stored.readBigInt64BE(0);
}

export function counterBytes(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigInt64BE(BigInt.asIntN(64, value), 0);
  return out;
}
