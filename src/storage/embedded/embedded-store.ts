/**
 * The default backend: HBase's data model on LevelDB (classic-level), in this process, no setup.
 * Chosen over LMDB by measurement (shared/spec/embedded-store.md): LevelDB holds compacted OpenTSDB
 * qualifiers (thousands of bytes) in keys and stores about 3 bytes per point after compaction.
 *
 * One process at a time: LevelDB's LOCK file makes a second opener fail with StoreLockedError.
 */
import { mkdirSync } from 'node:fs';
import { ClassicLevel } from 'classic-level';
import { compileFilter } from '../filters';
import { StoreClosedError, StoreLockedError } from '../errors';
import type {
  Cell,
  CellWrite,
  ColumnSelection,
  Mutation,
  ScanOptions,
  Store,
  StoredRow,
  TableSpec,
} from '../store';
import { Catalog, type TableEntry } from './catalog';
import {
  cellKey,
  decodeRow,
  encodeValue,
  familyStart,
  rowEnd,
  rowLowerBound,
  rowPrefix,
  rowUpperBound,
  valueBytes,
  valueTimestamp,
} from './key-codec';
import { counterBytes, readCounter, WritePipeline, type RoundContext } from './write-pipeline';

export interface EmbeddedStoreOptions {
  /** Directory of the LevelDB files; created if missing. */
  readonly path: string;
  /** fsync every write batch (survives power loss, not only a killed process). Default false. */
  readonly fsync?: boolean;
  /** Clock for cell timestamps; injectable for tests. */
  readonly now?: () => number;
}

const DEFAULT_SCAN_BATCH = 128;
const ENTRIES_PER_READ = 1024;

export class EmbeddedStore implements Store {
  readonly description: string;
  #closed = false;

  private constructor(
    private readonly db: ClassicLevel<Buffer, Buffer>,
    private readonly catalog: Catalog,
    private readonly pipeline: WritePipeline,
    private readonly now: () => number,
    path: string,
  ) {
    this.description = `embedded:${path}`;
  }

  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    mkdirSync(options.path, { recursive: true });
    const db = new ClassicLevel<Buffer, Buffer>(options.path, {
      keyEncoding: 'buffer',
      valueEncoding: 'buffer',
      createIfMissing: true,
    });
    try {
      await db.open();
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      if (cause?.code === 'LEVEL_LOCKED') throw new StoreLockedError(options.path);
      throw e;
    }
    const catalog = await Catalog.load(db);
    const pipeline = new WritePipeline(db, options.fsync ?? false);
    return new EmbeddedStore(db, catalog, pipeline, options.now ?? Date.now, options.path);
  }

  /** Counters of the write pipeline, for /api/stats. */
  get writeStats(): Readonly<{ rounds: number; ops: number; writes: number }> {
    return this.pipeline.stats;
  }

  #check(): void {
    if (this.#closed) throw new StoreClosedError(this.description);
  }

  async createTable(spec: TableSpec): Promise<void> {
    this.#check();
    await this.catalog.create(spec);
  }

  async deleteTable(name: string): Promise<void> {
    this.#check();
    const t = this.catalog.get(name);
    await this.pipeline.submit(true, (ctx) =>
      ctx.deleteRange(Buffer.from([t.id]), Buffer.from([t.id + 1])),
    );
    await this.catalog.drop(name);
  }

  async tableExists(name: string): Promise<boolean> {
    this.#check();
    return this.catalog.has(name);
  }

  async listTables(): Promise<string[]> {
    this.#check();
    return this.catalog.names();
  }

  async tableFamilies(name: string): Promise<string[]> {
    this.#check();
    return this.catalog.get(name).families.map((f) => f.name);
  }

  async get(table: string, row: Buffer, select?: ColumnSelection): Promise<StoredRow | null> {
    this.#check();
    const t = this.catalog.get(table);
    const cells: Cell[] = [];
    if (select?.columns) {
      const wanted: { family: string; qualifier: Buffer; key: Buffer }[] = [];
      for (const c of select.columns) {
        const fid = this.catalog.familyId(t, c.family);
        for (const q of c.qualifiers) wanted.push({ family: c.family, qualifier: Buffer.from(q), key: cellKey(t.id, row, fid, q) });
      }
      wanted.sort((a, b) => Buffer.compare(a.key, b.key));
      const values = await this.db.getMany(wanted.map((w) => w.key));
      wanted.forEach((w, i) => {
        const v = values[i];
        if (v !== undefined) cells.push({ family: w.family, qualifier: w.qualifier, value: valueBytes(v), timestamp: valueTimestamp(v) });
      });
    }
    const families = (select?.families ?? (select?.columns ? [] : t.families.map((f) => f.name)))
      .map((family) => ({ family, fid: this.catalog.familyId(t, family) }))
      .sort((a, b) => a.fid - b.fid);
    for (const { family, fid } of families) {
      const lo = familyStart(t.id, row, fid);
      const hi = fid + 1 < 256 ? familyStart(t.id, row, fid + 1) : rowUpperBound(t.id, row);
      for await (const [k, v] of this.db.iterator({ gte: lo, lt: hi })) {
        cells.push({ family, qualifier: k.subarray(lo.length), value: valueBytes(v), timestamp: valueTimestamp(v) });
      }
    }
    if (cells.length === 0) return null;
    if (select?.columns && families.length > 0) sortCells(t, cells);
    return { key: Buffer.from(row), cells };
  }

  put(table: string, row: Buffer, cells: readonly CellWrite[]): Promise<void> {
    return this.batch([{ type: 'put', table, row, cells }]);
  }

  delete(table: string, row: Buffer, family?: string, qualifiers?: readonly Buffer[]): Promise<void> {
    return this.batch([{ type: 'delete', table, row, family, qualifiers }]);
  }

  batch(mutations: readonly Mutation[]): Promise<void> {
    try {
      this.#check();
      const steps = mutations.map((m) => this.#prepare(m));
      const needsReads = steps.some((s) => s.needsReads);
      return this.pipeline.submit(needsReads, async (ctx) => {
        for (const s of steps) await s.apply(ctx);
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Resolves table and family ids up front, so a bad mutation fails before anything is queued. */
  #prepare(m: Mutation): { needsReads: boolean; apply(ctx: RoundContext): Promise<void> | void } {
    const t = this.catalog.get(m.table);
    if (m.type === 'put') {
      const now = this.now();
      const writes = m.cells.map((c) => ({
        key: cellKey(t.id, m.row, this.catalog.familyId(t, c.family), c.qualifier),
        value: encodeValue(c.timestamp ?? now, c.value),
        explicit: c.timestamp !== undefined,
      }));
      if (!writes.some((w) => w.explicit)) {
        return { needsReads: false, apply: (ctx) => writes.forEach((w) => ctx.put(w.key, w.value)) };
      }
      // HBase keeps the newest version by timestamp, so a put with an older explicit timestamp than
      // the stored cell's is not visible. (Server-stamped puts are always the newest.)
      return {
        needsReads: true,
        apply: async (ctx) => {
          for (const w of writes) {
            const stored = w.explicit ? await ctx.read(w.key) : undefined;
            if (stored && valueTimestamp(stored) > valueTimestamp(w.value)) continue;
            ctx.put(w.key, w.value);
          }
        },
      };
    }
    if (m.family !== undefined && m.qualifiers !== undefined) {
      const fid = this.catalog.familyId(t, m.family);
      const keys = m.qualifiers.map((q) => cellKey(t.id, m.row, fid, q));
      return { needsReads: false, apply: (ctx) => keys.forEach((k) => ctx.del(k)) };
    }
    if (m.family !== undefined) {
      const fid = this.catalog.familyId(t, m.family);
      const lo = familyStart(t.id, m.row, fid);
      const hi = fid + 1 < 256 ? familyStart(t.id, m.row, fid + 1) : rowUpperBound(t.id, m.row);
      return { needsReads: true, apply: (ctx) => ctx.deleteRange(lo, hi) };
    }
    const lo = rowPrefix(t.id, m.row);
    const hi = rowUpperBound(t.id, m.row);
    return { needsReads: true, apply: (ctx) => ctx.deleteRange(lo, hi) };
  }

  async atomicIncrement(table: string, row: Buffer, family: string, qualifier: Buffer, delta: bigint): Promise<bigint> {
    this.#check();
    const t = this.catalog.get(table);
    const key = cellKey(t.id, row, this.catalog.familyId(t, family), qualifier);
    return this.pipeline.submit(true, async (ctx) => {
      const stored = await ctx.read(key);
      const next = BigInt.asIntN(64, readCounter(table, stored && valueBytes(stored)) + delta);
      ctx.put(key, encodeValue(this.now(), counterBytes(next)));
      return next;
    });
  }

  async append(table: string, row: Buffer, family: string, qualifier: Buffer, value: Buffer): Promise<void> {
    this.#check();
    const t = this.catalog.get(table);
    const key = cellKey(t.id, row, this.catalog.familyId(t, family), qualifier);
    await this.pipeline.submit(true, async (ctx) => {
      const stored = await ctx.read(key);
      const current = stored ? valueBytes(stored) : Buffer.alloc(0);
      ctx.put(key, encodeValue(this.now(), Buffer.concat([current, value])));
    });
  }

  async compareAndSet(table: string, row: Buffer, cell: CellWrite, expected: Buffer | null): Promise<boolean> {
    this.#check();
    const t = this.catalog.get(table);
    const key = cellKey(t.id, row, this.catalog.familyId(t, cell.family), cell.qualifier);
    const value = encodeValue(cell.timestamp ?? this.now(), cell.value);
    return this.pipeline.submit(true, async (ctx) => {
      const stored = await ctx.read(key);
      const current = stored && valueBytes(stored);
      // HBase: an empty expected value means "the cell must not exist (or be empty)".
      const holds = expected === null || expected.length === 0
        ? current === undefined || current.length === 0
        : current !== undefined && current.equals(expected);
      if (holds) ctx.put(key, value);
      return holds;
    });
  }

  async *scan(table: string, options: ScanOptions = {}): AsyncGenerator<StoredRow[]> {
    this.#check();
    const t = this.catalog.get(table);
    const filter = compileFilter(options.filter);
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_SCAN_BATCH);
    const wanted = familySelector(t, this.catalog, options);
    const range = scanRange(t.id, options);
    const it = this.db.iterator({ ...range, reverse: options.reverse ?? false });
    const signal = options.signal;
    const rows: StoredRow[] = [];
    let current: { prefix: Buffer; key: Buffer; cells: Cell[]; decided: boolean | undefined } | null = null;
    const finishRow = (): void => {
      if (current && current.cells.length > 0 && current.decided !== false) {
        if (options.reverse) current.cells.reverse();
        rows.push({ key: current.key, cells: current.cells });
      }
      current = null;
    };
    try {
      for (;;) {
        signal?.throwIfAborted();
        const entries = await it.nextv(ENTRIES_PER_READ);
        if (entries.length === 0) break;
        for (const [k, v] of entries) {
          const end = rowEnd(k);
          if (current === null || !samePrefix(current.prefix, k, end)) {
            finishRow();
            const key = decodeRow(k, end);
            current = { prefix: k.subarray(0, end), key, cells: [], decided: filter.row(key) };
          }
          const c: { prefix: Buffer; key: Buffer; cells: Cell[]; decided: boolean | undefined } = current;
          if (c.decided === false) continue;
          const qualifier = k.subarray(end + 1);
          const family = wanted(k[end], qualifier);
          if (family === undefined) continue;
          if (!filter.cell(c.key, qualifier)) continue;
          c.cells.push({ family, qualifier, value: filter.keyOnly ? Buffer.alloc(0) : valueBytes(v), timestamp: valueTimestamp(v) });
        }
        while (rows.length >= batchSize) {
          signal?.throwIfAborted();
          yield rows.splice(0, batchSize);
        }
      }
      finishRow();
      while (rows.length > 0) {
        signal?.throwIfAborted();
        yield rows.splice(0, batchSize);
      }
    } finally {
      await it.close();
    }
  }

  flush(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.pipeline.submit(false, () => undefined);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.pipeline.close();
    this.#closed = true;
    await this.db.close();
  }
}

function samePrefix(prefix: Buffer, key: Buffer, end: number): boolean {
  return prefix.length === end && prefix.equals(key.subarray(0, end));
}

function sortCells(t: TableEntry, cells: Cell[]): void {
  cells.sort((a, b) => (t.familyIds.get(a.family) ?? 0) - (t.familyIds.get(b.family) ?? 0) || Buffer.compare(a.qualifier, b.qualifier));
}

/** The LevelDB key range of a scan, in HBase's terms (reverse: start is the upper, inclusive row). */
function scanRange(tableId: number, o: ScanOptions): { gte: Buffer; lt: Buffer } {
  const tableStart = Buffer.from([tableId]);
  const tableEnd = Buffer.from([tableId + 1]);
  const start = o.start && o.start.length > 0 ? o.start : undefined;
  const stop = o.stop && o.stop.length > 0 ? o.stop : undefined;
  if (o.reverse) {
    return {
      gte: stop ? rowUpperBound(tableId, stop) : tableStart,
      lt: start ? rowUpperBound(tableId, start) : tableEnd,
    };
  }
  return {
    gte: start ? rowLowerBound(tableId, start) : tableStart,
    lt: stop ? rowLowerBound(tableId, stop) : tableEnd,
  };
}

/** Maps a family id (and qualifier) to the family name when the scan selects that cell. */
function familySelector(
  t: TableEntry,
  catalog: Catalog,
  o: ColumnSelection,
): (familyId: number, qualifier: Buffer) => string | undefined {
  const names = t.families.map((f) => f.name);
  if (!o.families && !o.columns) return (fid) => names[fid];
  const whole = new Set((o.families ?? []).map((f) => catalog.familyId(t, f)));
  const single = new Map<number, Set<string>>();
  for (const c of o.columns ?? []) {
    const fid = catalog.familyId(t, c.family);
    const set = single.get(fid) ?? new Set<string>();
    for (const q of c.qualifiers) set.add(Buffer.from(q).toString('latin1'));
    single.set(fid, set);
  }
  return (fid, q) => {
    if (whole.has(fid)) return names[fid];
    const set = single.get(fid);
    return set && set.has(q.toString('latin1')) ? names[fid] : undefined;
  };
}
