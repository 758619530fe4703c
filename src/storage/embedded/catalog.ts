/**
 * The embedded store's table catalog: which tables exist, the 1-byte id each table's keys start with,
 * and the 1-byte id of each family (given in family-name order so cells sort as HBase sorts them).
 * Kept in LevelDB under table id 0 and cached in memory.
 */
import type { ClassicLevel } from 'classic-level';
import { NoSuchColumnFamilyError, StoreError, TableExistsError, TableNotFoundError } from '../errors';
import type { FamilySpec, TableSpec } from '../store';

export const CATALOG_TABLE_ID = 0;
const MAX_TABLES = 255;
const MAX_FAMILIES = 256;

export interface TableEntry {
  readonly name: string;
  readonly id: number;
  /** Families sorted by name; a family's id is its index. */
  readonly families: readonly FamilySpec[];
  readonly familyIds: ReadonlyMap<string, number>;
}

function catalogKey(name: string): Buffer {
  return Buffer.concat([Buffer.from([CATALOG_TABLE_ID]), Buffer.from('T', 'latin1'), Buffer.from(name, 'latin1')]);
}

function entryOf(name: string, id: number, families: readonly FamilySpec[]): TableEntry {
  return { name, id, families, familyIds: new Map(families.map((f, i) => [f.name, i])) };
}

export class Catalog {
  readonly #tables = new Map<string, TableEntry>();

  private constructor(private readonly db: ClassicLevel<Buffer, Buffer>) {}

  static async load(db: ClassicLevel<Buffer, Buffer>): Promise<Catalog> {
    const catalog = new Catalog(db);
    const prefix = Buffer.from([CATALOG_TABLE_ID]);
    for await (const [, value] of db.iterator({ gte: prefix, lt: Buffer.from([CATALOG_TABLE_ID + 1]) })) {
      const stored = JSON.parse(value.toString('utf8')) as { name: string; id: number; families: FamilySpec[] };
      catalog.#tables.set(stored.name, entryOf(stored.name, stored.id, stored.families));
    }
    return catalog;
  }

  get(name: string): TableEntry {
    const t = this.#tables.get(name);
    if (!t) throw new TableNotFoundError(name);
    return t;
  }

  has(name: string): boolean {
    return this.#tables.has(name);
  }

  names(): string[] {
    return [...this.#tables.keys()].sort();
  }

  familyId(table: TableEntry, family: string): number {
    const id = table.familyIds.get(family);
    if (id === undefined) throw new NoSuchColumnFamilyError(table.name, family);
    return id;
  }

  async create(spec: TableSpec): Promise<TableEntry> {
    if (this.#tables.has(spec.name)) throw new TableExistsError(spec.name);
    if (spec.families.length === 0 || spec.families.length > MAX_FAMILIES) {
      throw new StoreError(`Cannot create table '${spec.name}': it needs 1 to ${MAX_FAMILIES} families`);
    }
    const used = new Set([...this.#tables.values()].map((t) => t.id));
    let id = 1;
    while (used.has(id)) id++;
    if (id > MAX_TABLES) throw new StoreError(`Cannot create table '${spec.name}': the embedded store holds at most ${MAX_TABLES} tables`);
    const families = [...spec.families].sort((a, b) =>
      Buffer.compare(Buffer.from(a.name, 'latin1'), Buffer.from(b.name, 'latin1')),
    );
    const entry = entryOf(spec.name, id, families);
    await this.db.put(catalogKey(spec.name), Buffer.from(JSON.stringify({ name: spec.name, id, families }), 'utf8'));
    this.#tables.set(spec.name, entry);
    return entry;
  }

  /** Forgets a table; the caller clears its keys first. */
  async drop(name: string): Promise<void> {
    this.get(name);
    await this.db.del(catalogKey(name));
    this.#tables.delete(name);
  }
}
