/**
 * One kind of UID (metrics, tagk or tagv) in tsdb-uid, as OpenTSDB's UniqueId: forward map
 * name → UID in family `id`, reverse map UID → name in family `name`, the MAXID counter in row 0x00,
 * and caches both ways.
 *
 * Assignment (UniqueId.UniqueIdAllocator, storage spec §3.4) is race-free across processes sharing a
 * store: increment MAXID, then create the reverse mapping only if absent, then the forward mapping only
 * if absent. Losing the forward race means another TSD named it first: its UID is used and ours leaks
 * (an orphan reverse mapping, as in OpenTSDB). Within a process, concurrent requests for one new name
 * share one assignment.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/store';
import { FailedToAssignUniqueIdError, javaByteArray, NoSuchUniqueId, NoSuchUniqueName, RenameConflictError, UidsExhaustedError } from './errors';
import { bytesToName, nameToBytes } from './name-codec';
import { ID_FAMILY, kindQualifier, MAXID_ROW, NAME_FAMILY, type UidKind } from './uid-kind';

const MAX_ATTEMPTS_SERIAL = 3;
const MAX_ATTEMPTS_RANDOM = 10;
const MAX_RANDOM_WIDTH = 7;

export interface UniqueIdOptions {
  readonly store: Store;
  readonly table: string;
  readonly kind: UidKind;
  readonly width: number;
  /** RandomUniqueId: draw UIDs at random instead of from MAXID (metrics only in OpenTSDB). */
  readonly randomIds?: boolean;
  /** Called after a new UID is stored (realtime UID meta). */
  readonly onAssigned?: (name: string, uid: Buffer) => Promise<void>;
  /** Called when an assignment lost a race or hit a collision, for logs and stats. */
  readonly onConflict?: (message: string) => void;
}

export interface UidCacheStats {
  hits: number;
  misses: number;
  assigned: number;
  collisions: number;
}

export class UniqueId {
  readonly kind: UidKind;
  readonly width: number;
  readonly stats: UidCacheStats = { hits: 0, misses: 0, assigned: 0, collisions: 0 };
  readonly #qualifier: Buffer;
  #nameToId = new Map<string, Buffer>();
  #idToName = new Map<string, string>();
  readonly #pending = new Map<string, Promise<Buffer>>();

  constructor(private readonly options: UniqueIdOptions) {
    if (!(options.width >= 1 && options.width <= 8)) throw new RangeError(`Invalid width: ${options.width}`);
    if (options.randomIds && options.width > MAX_RANDOM_WIDTH) {
      throw new RangeError(`Invalid width for random UIDs: ${options.width} (at most ${MAX_RANDOM_WIDTH})`);
    }
    this.kind = options.kind;
    this.width = options.width;
    this.#qualifier = kindQualifier(options.kind);
  }

  /** The UID of `name` if it is cached: the write path's allocation-free fast path. */
  getIdCached(name: string): Buffer | undefined {
    const id = this.#nameToId.get(name);
    if (id) this.stats.hits++;
    return id;
  }

  #remember(name: string, id: Buffer): void {
    this.#nameToId.set(name, id);
    this.#idToName.set(id.toString('latin1'), name);
  }

  /** Looks a name up (cache, then store); throws NoSuchUniqueName. */
  async getId(name: string): Promise<Buffer> {
    const found = (await this.#lookupId(name)) ?? null;
    if (!found) throw new NoSuchUniqueName(this.kind, name);
    return found;
  }

  async #lookupId(name: string): Promise<Buffer | undefined> {
    const cached = this.getIdCached(name);
    if (cached) return cached;
    this.stats.misses++;
    const row = await this.options.store.get(this.options.table, nameToBytes(name), {
      columns: [{ family: ID_FAMILY, qualifiers: [this.#qualifier] }],
    });
    const id = row?.cells[0]?.value;
    if (!id) return undefined;
    if (id.length !== this.width) {
      throw new Error(`Found id.length = ${id.length} which is != ${this.width} required for '${this.kind}'`);
    }
    this.#remember(name, id);
    return id;
  }

  /** The UID of `name`, assigning one if it has none. */
  getOrCreateId(name: string): Promise<Buffer> {
    const cached = this.getIdCached(name);
    if (cached) return Promise.resolve(cached);
    const pending = this.#pending.get(name);
    if (pending) return pending;
    const p = (async () => (await this.#lookupId(name)) ?? this.#assign(name))();
    this.#pending.set(name, p);
    const clear = (): void => {
      this.#pending.delete(name);
    };
    p.then(clear, clear);
    return p;
  }

  async #assign(name: string): Promise<Buffer> {
    const { store, table, randomIds } = this.options;
    const nameBytes = nameToBytes(name);
    const attempts = randomIds ? MAX_ATTEMPTS_RANDOM : MAX_ATTEMPTS_SERIAL;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let uid: Buffer;
      try {
        uid = randomIds ? this.#randomUid() : await this.#nextSerialUid();
      } catch (e) {
        if (e instanceof UidsExhaustedError) throw e;
        lastError = e;
        continue;
      }
      try {
        const reverseCreated = await store.compareAndSet(table, uid, { family: NAME_FAMILY, qualifier: this.#qualifier, value: nameBytes }, null);
        if (!reverseCreated) {
          this.stats.collisions++;
          this.options.onConflict?.(
            randomIds
              ? `Random UID collision for '${this.kind}' ${uid.toString('hex').toUpperCase()}, retrying`
              : `UID ${uid.toString('hex').toUpperCase()} of '${this.kind}' already has a name: the UID table may need 'tsdb uid fsck'`,
          );
          continue;
        }
        const forwardCreated = await store.compareAndSet(table, nameBytes, { family: ID_FAMILY, qualifier: this.#qualifier, value: uid }, null);
        if (!forwardCreated) {
          // Another TSD assigned this name between our lookup and now: use its UID.
          this.options.onConflict?.(`Lost the race to assign '${this.kind}' '${name}'; UID ${uid.toString('hex').toUpperCase()} leaks`);
          const winner = await this.#lookupId(name);
          if (winner) return winner;
          lastError = new Error(`Forward mapping of '${name}' vanished after a lost race`);
          continue;
        }
        this.#remember(name, uid);
        this.stats.assigned++;
        await this.options.onAssigned?.(name, uid);
        return uid;
      } catch (e) {
        lastError = e;
      }
    }
    throw new FailedToAssignUniqueIdError(this.kind, name, attempts, lastError);
  }

  async #nextSerialUid(): Promise<Buffer> {
    const id = await this.options.store.atomicIncrement(this.options.table, MAXID_ROW, ID_FAMILY, this.#qualifier, 1n);
    if (id <= 0n) throw new Error(`Got a negative ID from the MAXID row for '${this.kind}': ${id}`);
    if (id >= 1n << BigInt(8 * this.width)) throw new UidsExhaustedError(this.kind, this.width);
    return uidBytes(id, this.width);
  }

  #randomUid(): Buffer {
    const uid = randomBytes(this.width);
    if (uid.every((b) => b === 0)) uid[this.width - 1] = 1;
    return uid;
  }

  /** The name of a UID (cache, then store); throws NoSuchUniqueId. */
  async getName(uid: Buffer): Promise<string> {
    const key = uid.toString('latin1');
    const cached = this.#idToName.get(key);
    if (cached !== undefined) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const row = await this.options.store.get(this.options.table, uid, {
      columns: [{ family: NAME_FAMILY, qualifiers: [this.#qualifier] }],
    });
    const bytes = row?.cells[0]?.value;
    if (!bytes) throw new NoSuchUniqueId(this.kind, uid);
    const name = bytesToName(bytes);
    this.#remember(name, Buffer.from(uid));
    return name;
  }

  /** The name of a cached UID, without I/O. */
  getNameCached(uid: Buffer): string | undefined {
    return this.#idToName.get(uid.toString('latin1'));
  }

  /** The highest UID handed out so far (the MAXID counter). */
  async maxId(): Promise<bigint> {
    const row = await this.options.store.get(this.options.table, MAXID_ROW, {
      columns: [{ family: ID_FAMILY, qualifiers: [this.#qualifier] }],
    });
    const v = row?.cells[0]?.value;
    return v && v.length === 8 ? v.readBigInt64BE(0) : 0n;
  }

  /**
   * Names starting with `search`, in byte order, at most `max` (UniqueId.suggest): a scan of the
   * forward map from the prefix to the prefix with its last byte incremented.
   */
  async suggest(search: string, max: number): Promise<string[]> {
    const start = search === '' ? Buffer.from('!', 'latin1') : nameToBytes(search);
    const stop = search === '' ? Buffer.from('~', 'latin1') : incrementLastByte(start);
    const out: string[] = [];
    for await (const rows of this.options.store.scan(this.options.table, {
      start,
      stop,
      columns: [{ family: ID_FAMILY, qualifiers: [this.#qualifier] }],
      batchSize: Math.min(Math.max(max, 1), 4096),
    })) {
      for (const r of rows) {
        const id = r.cells[0]?.value;
        if (!id || id.length !== this.width) continue;
        const name = bytesToName(r.key);
        this.#remember(name, id);
        out.push(name);
        if (out.length >= max) return out;
      }
    }
    return out;
  }

  /** Gives a UID a new name (UniqueId.rename: reverse, forward, then delete the old forward cell). */
  async rename(oldName: string, newName: string): Promise<void> {
    const uid = await this.getId(oldName);
    const taken = await this.#lookupId(newName);
    if (taken) {
      throw new RenameConflictError(
        `When trying rename("${oldName}", "${newName}") on UniqueId(${this.options.table}, ${this.kind}, ${this.width}): ` +
          `new name already assigned ID=${javaByteArray(taken)}`,
      );
    }
    const { store, table } = this.options;
    await store.put(table, uid, [{ family: NAME_FAMILY, qualifier: this.#qualifier, value: nameToBytes(newName) }]);
    await store.put(table, nameToBytes(newName), [{ family: ID_FAMILY, qualifier: this.#qualifier, value: uid }]);
    await store.delete(table, nameToBytes(oldName), ID_FAMILY, [this.#qualifier]);
    this.#nameToId.delete(oldName);
    this.#remember(newName, uid);
  }

  /** Removes a name's mappings and UID meta (UniqueId.deleteAsync); data rows are untouched. */
  async delete(name: string, metaQualifier: Buffer): Promise<void> {
    const uid = await this.getId(name);
    const { store, table } = this.options;
    await store.batch([
      { type: 'delete', table, row: nameToBytes(name), family: ID_FAMILY, qualifiers: [this.#qualifier] },
      { type: 'delete', table, row: uid, family: NAME_FAMILY, qualifiers: [this.#qualifier, metaQualifier] },
    ]);
    this.#nameToId.delete(name);
    this.#idToName.delete(uid.toString('latin1'));
  }

  dropCaches(): void {
    this.#nameToId = new Map();
    this.#idToName = new Map();
  }

  get cacheSize(): number {
    return this.#nameToId.size;
  }
}

/** The last `width` bytes of the 8-byte big-endian form of `id`. */
export function uidBytes(id: bigint | number, width: number): Buffer {
  const full = Buffer.alloc(8);
  full.writeBigUInt64BE(BigInt(id));
  return full.subarray(8 - width);
}

/** A UID as an unsigned integer. */
export function uidToNumber(uid: Buffer): bigint {
  let v = 0n;
  for (const b of uid) v = (v << 8n) | BigInt(b);
  return v;
}

function incrementLastByte(b: Buffer): Buffer {
  const out = Buffer.from(b);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]++;
      return out.subarray(0, i + 1);
    }
  }
  return Buffer.concat([out, Buffer.from([0])]);
}
