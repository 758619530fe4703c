/**
 * `tsdb uid fsck [fix] [delete_unknown]` (UidManager.fsck): reads the whole UID table, then checks per
 * kind that every forward mapping (name → UID) has the matching reverse mapping (UID → name) and the
 * other way round, that UIDs have one width, and that the MAXID counter is not below the highest UID
 * in use. `fix` restores missing reverse mappings, drops stray ones, renames names that collide on a
 * UID to `fsck.<name1>.<name2>…`, and raises MAXID; `delete_unknown` removes cells of unknown
 * qualifiers. The exit code is the number of errors (capped at 255), 0 when clean.
 */
import type { Cell } from '../../../storage/store';
import { toHex, fromHex } from '../../../core/row-key';
import { TS_COUNTER_QUALIFIER, TS_META_QUALIFIER } from '../../../meta/ts-meta';
import { bytesToName, nameToBytes } from '../../../uid/name-codec';
import { ID_FAMILY, MAXID_ROW, NAME_FAMILY, UID_KINDS, metaQualifier, type UidKind } from '../../../uid/uid-kind';
import type { UidContext } from './uid-context';

/** What one kind's mappings look like after the scan. UIDs are upper-case hex. */
class KindMappings {
  errors = 0;
  maxId = 0n;
  maxFoundId = 0n;
  width = 0;
  readonly idToName = new Map<string, string>();
  readonly nameToId = new Map<string, string>();
}

const SKIPPED = new Set([TS_META_QUALIFIER, TS_COUNTER_QUALIFIER, ...UID_KINDS.map(metaQualifier)].map((q) => q.toString('latin1')));

const describe = (c: Cell, key: Buffer): string =>
  `kv=[row=${toHex(key)}, family=${c.family}, qualifier=${c.qualifier.toString('latin1')}, value=${toHex(c.value)}]`;

class UidFsck {
  readonly kinds = new Map<UidKind, KindMappings>();
  kvCount = 0;

  constructor(
    private readonly ctx: UidContext,
    private readonly fix: boolean,
    private readonly deleteUnknown: boolean,
  ) {}

  #error(m: KindMappings, message: string): void {
    this.ctx.logger.error(message);
    m.errors++;
  }

  async #put(row: Buffer, family: string, kind: UidKind, value: Buffer): Promise<void> {
    await this.ctx.tsdb.store.put(this.ctx.tsdb.tables.uid, row, [{ family, qualifier: Buffer.from(kind, 'latin1'), value }]);
  }

  async scan(): Promise<void> {
    for await (const batch of this.ctx.tsdb.store.scan(this.ctx.tsdb.tables.uid, { batchSize: 1024 })) {
      for (const row of batch) for (const cell of row.cells) await this.#cell(row.key, cell);
    }
  }

  async #cell(key: Buffer, c: Cell): Promise<void> {
    this.kvCount++;
    const q = c.qualifier.toString('latin1');
    if (SKIPPED.has(q)) return;
    const { logger } = this.ctx;
    if (!(UID_KINDS as readonly string[]).includes(q)) {
      logger.warn(`Unknown qualifier ${toHex(c.qualifier)} in row ${toHex(key)}`);
      if (this.fix && this.deleteUnknown) {
        await this.ctx.tsdb.store.delete(this.ctx.tsdb.tables.uid, key, c.family, [c.qualifier]);
        logger.info(`FIX: Removed unknown qualifier ${toHex(c.qualifier)} in row ${toHex(key)}`);
      }
      return;
    }
    const kind = q as UidKind;
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new KindMappings()));
    if (key.equals(MAXID_ROW)) {
      if (c.value.length !== 8) this.#error(m, `Invalid maximum ID for ${kind}: should be on 8 bytes: .  ${describe(c, key)}`);
      else {
        m.maxId = c.value.readBigInt64BE(0);
        logger.info(`Maximum ID for ${kind}: ${m.maxId}`);
      }
      return;
    }
    let width = 0;
    if (c.family === ID_FAMILY) {
      width = c.value.length;
      let id = 0n;
      for (const b of c.value) id = (id << 8n) | BigInt(b);
      if (id > m.maxFoundId) m.maxFoundId = id;
      m.nameToId.set(bytesToName(key), toHex(c.value));
    } else if (c.family === NAME_FAMILY) {
      width = key.length;
      m.idToName.set(toHex(key), bytesToName(c.value));
    }
    if (m.width === 0) m.width = width;
    else if (m.width !== width) this.#error(m, `Invalid ${kind} ID of length ${width} (expected: ${m.width}).  ${describe(c, key)}`);
  }

  async #restoreReverse(kind: UidKind, m: KindMappings, name: string, id: string): Promise<void> {
    await this.#put(fromHex(id), NAME_FAMILY, kind, nameToBytes(name));
    m.idToName.set(id, name);
    this.ctx.logger.info(`FIX: Restoring ${kind} reverse mapping: ${id} -> ${name}`);
  }

  async #removeReverse(kind: UidKind, name: string, id: string): Promise<void> {
    await this.ctx.tsdb.store.delete(this.ctx.tsdb.tables.uid, fromHex(id), NAME_FAMILY, [Buffer.from(kind, 'latin1'), metaQualifier(kind)]);
    this.ctx.logger.info(`FIX: Removed ${kind} reverse mapping: ${id} -> ${name}`);
  }

  /** Forward mappings need their reverse mapping; two names on one UID are a collision. */
  async #checkForward(kind: UidKind, m: KindMappings): Promise<Map<string, string[]> | null> {
    let collisions: Map<string, string[]> | null = null;
    for (const [name, id] of [...m.nameToId]) {
      const found = m.idToName.get(id);
      if (found === undefined) {
        this.#error(m, `Forward ${kind} mapping is missing reverse mapping: ${name} -> ${id}`);
        if (this.fix) await this.#restoreReverse(kind, m, name, id);
        continue;
      }
      if (found === name) continue;
      this.#error(m, `Forward ${kind} mapping ${name} -> ${id} is different than reverse mapping: ${id} -> ${found}`);
      const id2 = m.nameToId.get(found);
      if (id2 === undefined) {
        this.#error(m, `Duplicate forward ${kind} mapping ${name} -> ${id} and ${id2} -> ${found}`);
        if (this.fix) await this.#restoreReverse(kind, m, name, id);
        continue;
      }
      this.#error(m, `Inconsistent forward ${kind} mapping ${name} -> ${id} vs ${name} -> ${found} / ${found} -> ${id2}`);
      if (!this.fix) continue;
      if (!collisions) {
        collisions = new Map();
        for (const [n, i] of m.nameToId) collisions.set(i, [...(collisions.get(i) ?? []), n]);
      }
      if ((collisions.get(id)?.length ?? 0) <= 1) await this.#restoreReverse(kind, m, name, id);
    }
    return collisions;
  }

  /** Names sharing a UID: their forward mappings go, and the UID is renamed `fsck.<names…>`. */
  async #fixCollisions(kind: UidKind, m: KindMappings, collisions: Map<string, string[]>): Promise<void> {
    const { logger } = this.ctx;
    for (const [id, names] of collisions) {
      if (names.length <= 1) continue;
      const sorted = [...names].sort();
      for (const name of sorted) {
        await this.ctx.tsdb.store.delete(this.ctx.tsdb.tables.uid, nameToBytes(name), ID_FAMILY, [Buffer.from(kind, 'latin1')]);
        m.nameToId.delete(name);
        logger.info(`FIX: Removed forward ${kind} mapping for ${name} -> ${id}`);
      }
      const fsckName = ['fsck', ...sorted].join('.');
      await this.#put(nameToBytes(fsckName), ID_FAMILY, kind, fromHex(id));
      logger.info(`FIX: Created forward ${kind} mapping for fsck'd UID ${fsckName} -> ${id}`);
      m.nameToId.set(fsckName, id);
      await this.#restoreReverse(kind, m, fsckName, id);
      logger.error(`UID collision: corrupted UID [${id}] renamed to [${fsckName}]`);
    }
  }

  /** Reverse mappings without their forward mapping are harmless leftovers (lost assignment races). */
  async #checkReverse(kind: UidKind, m: KindMappings): Promise<void> {
    for (const [id, name] of [...m.idToName]) {
      const found = m.nameToId.get(name);
      if (found === undefined) {
        this.ctx.logger.warn(`Reverse ${kind} mapping is missing forward mapping: ${name} -> ${id}`);
        if (this.fix) await this.#removeReverse(kind, name, id);
        continue;
      }
      if (found === id) continue;
      const name2 = m.idToName.get(found);
      if (name2 !== undefined) this.#error(m, `Inconsistent reverse ${kind} mapping ${id} -> ${name} vs ${found} -> ${name} / ${name2} -> ${found}`);
      else this.#error(m, `Duplicate reverse ${kind} mapping ${id} -> ${name} and ${found} -> ${name2}`);
      if (this.fix) await this.#removeReverse(kind, name, id);
    }
  }

  async #checkMaxId(kind: UidKind, m: KindMappings): Promise<void> {
    const size = BigInt(Math.max(m.idToName.size, m.nameToId.size));
    if (m.maxId > size) {
      this.ctx.logger.warn(`Max ID for ${kind} is ${m.maxId} but only ${size} entries were found.  Maybe ${m.maxId - size} IDs were deleted?`);
    } else if (m.maxId < m.maxFoundId) {
      this.#error(m, `We found an ID of ${m.maxFoundId} for ${kind} but the max ID is only ${m.maxId}!  Future IDs may be double-assigned!`);
      if (this.fix) {
        // Raise by the difference: a TSD assigning meanwhile only wastes a few IDs, never reuses one.
        await this.ctx.tsdb.store.atomicIncrement(this.ctx.tsdb.tables.uid, MAXID_ROW, ID_FAMILY, Buffer.from(kind, 'latin1'), m.maxFoundId - m.maxId);
        this.ctx.logger.info(`FIX: Updated max ID for ${kind} to ${m.maxFoundId}`);
      }
    }
  }

  async check(): Promise<number> {
    let errors = 0;
    for (const [kind, m] of this.kinds) {
      const collisions = await this.#checkForward(kind, m);
      if (collisions) await this.#fixCollisions(kind, m, collisions);
      await this.#checkReverse(kind, m);
      await this.#checkMaxId(kind, m);
      if (m.errors > 0) {
        this.ctx.logger.error(`${kind}: Found ${m.errors} errors.`);
        errors += m.errors;
      }
    }
    return errors;
  }
}

export async function uidFsck(ctx: UidContext, args: readonly string[]): Promise<number> {
  const fix = args.includes('fix');
  const deleteUnknown = args.includes('delete_unknown');
  const { logger } = ctx;
  if (fix) logger.info(`Running fsck in FIX mode (remove unknowns: ${deleteUnknown})`);
  else logger.info('Running in log only mode');
  const started = Date.now();
  const fsck = new UidFsck(ctx, fix, deleteUnknown);
  await fsck.scan();
  const errors = await fsck.check();
  const ms = Math.max(1, Date.now() - started);
  logger.info(`${fsck.kvCount} KVs analyzed in ${ms}ms (~${Math.floor((fsck.kvCount * 1000) / ms)} KV/s)`);
  if (errors === 0) {
    logger.info('No errors found.');
    return 0;
  }
  logger.warn(`${errors} errors found.`);
  return Math.min(errors, 255);
}
