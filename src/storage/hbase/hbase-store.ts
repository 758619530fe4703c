/**
 * The Store on a real HBase 2.x cluster, through our own client (client.ts). Every method is one
 * HBase operation: get = Get, put/delete = Mutate, batch = Multi grouped by region server,
 * increment/append = Mutate INCREMENT/APPEND with a nonce (once across retries), compareAndSet =
 * checkAndPut EQUAL with a BinaryComparator (empty expected = "absent"), scan = Scan RPCs.
 */
import { randomBytes } from 'node:crypto';
import type { CellWrite, ColumnSelection, Mutation, ScanOptions, Store, StoredRow, TableSpec } from '../store';
import { StoreClosedError, TableNotFoundError } from '../errors';
import { Admin } from './admin/admin';
import { familyNames } from './admin/table-schema';
import { getCall } from './calls/get';
import { type Nonce, appendCall, checkAndPutCall, incrementCall, mutateCall } from './calls/mutate';
import { HBaseClient, type HBaseClientOptions } from './client';
import { randomLong } from './proto/long';
import { scanTable } from './scanner';
import { toStoreError } from './store-errors';

export type HBaseStoreOptions = HBaseClientOptions;

export class HBaseStore implements Store {
  readonly #client: HBaseClient;
  readonly #admin: Admin;
  #closed = false;

  private constructor(client: HBaseClient) {
    this.#client = client;
    this.#admin = new Admin(client);
  }

  /** Connects lazily: this checks the options and that ZooKeeper knows a master. */
  static async open(options: HBaseStoreOptions): Promise<HBaseStore> {
    const store = new HBaseStore(new HBaseClient(options));
    try {
      await store.#admin.listTables();
    } catch (err) {
      await store.#client.close();
      throw err;
    }
    return store;
  }

  get description(): string {
    return this.#client.description;
  }

  /** The underlying client (tests and tools: admin operations such as splits). */
  get client(): HBaseClient {
    return this.#client;
  }

  get admin(): Admin {
    return this.#admin;
  }

  async createTable(spec: TableSpec): Promise<void> {
    this.#check('createTable');
    await this.#wrap(spec.name, () => this.#admin.createTable(spec));
  }

  async deleteTable(name: string): Promise<void> {
    this.#check('deleteTable');
    await this.#wrap(name, () => this.#admin.deleteTable(name));
  }

  async tableExists(name: string): Promise<boolean> {
    this.#check('tableExists');
    return (await this.#wrap(name, () => this.#admin.describe(name))) !== null;
  }

  async listTables(): Promise<string[]> {
    this.#check('listTables');
    return this.#admin.listTables();
  }

  async tableFamilies(name: string): Promise<string[]> {
    this.#check('tableFamilies');
    const schema = await this.#wrap(name, () => this.#admin.describe(name));
    if (!schema) throw new TableNotFoundError(name);
    return familyNames(schema);
  }

  async get(table: string, row: Buffer, select?: ColumnSelection): Promise<StoredRow | null> {
    this.#check('get');
    return this.#wrap(table, () => this.#client.send(getCall(table, row, select)));
  }

  async put(table: string, row: Buffer, cells: readonly CellWrite[]): Promise<void> {
    this.#check('put');
    if (cells.length === 0) return Promise.resolve();
    return this.#wrap(table, () => this.#client.send(mutateCall(table, { type: 'put', table, row, cells })));
  }

  async delete(table: string, row: Buffer, family?: string, qualifiers?: readonly Buffer[]): Promise<void> {
    this.#check('delete');
    if (qualifiers !== undefined && qualifiers.length === 0) return Promise.resolve();
    return this.#wrap(table, () => this.#client.send(mutateCall(table, { type: 'delete', table, row, family, qualifiers })));
  }

  async batch(mutations: readonly Mutation[]): Promise<void> {
    this.#check('batch');
    const todo = mutations.filter((m) => (m.type === 'put' ? m.cells.length > 0 : m.qualifiers?.length !== 0));
    if (todo.length === 0) return;
    await this.#wrap(todo[0].table, () => this.#client.multi((m) => m.table, todo));
  }

  async atomicIncrement(table: string, row: Buffer, family: string, qualifier: Buffer, delta: bigint): Promise<bigint> {
    this.#check('atomicIncrement');
    return this.#wrap(table, () => this.#client.send(incrementCall(table, row, family, qualifier, delta, this.#nonce())));
  }

  async append(table: string, row: Buffer, family: string, qualifier: Buffer, value: Buffer): Promise<void> {
    this.#check('append');
    return this.#wrap(table, () => this.#client.send(appendCall(table, row, family, qualifier, value, this.#nonce())));
  }

  /** One nonce for all retries of one increment or append: the server applies it once. */
  #nonce(): Nonce {
    return { group: this.#client.nonceGroup, nonce: randomLong(randomBytes) };
  }

  async compareAndSet(table: string, row: Buffer, cell: CellWrite, expected: Buffer | null): Promise<boolean> {
    this.#check('compareAndSet');
    return this.#wrap(table, () => this.#client.send(checkAndPutCall(table, row, cell, expected ?? Buffer.alloc(0))));
  }

  async *scan(table: string, options?: ScanOptions): AsyncIterable<StoredRow[]> {
    this.#check('scan');
    try {
      yield* scanTable(this.#client, table, options);
    } catch (err) {
      throw toStoreError(err, table);
    }
  }

  /** Every acknowledged write is already in HBase's WAL: nothing is buffered client-side. */
  async flush(): Promise<void> {
    this.#check('flush');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.close();
  }

  #check(what: string): void {
    if (this.#closed) throw new StoreClosedError(what);
  }

  async #wrap<T>(table: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw toStoreError(err, table);
    }
  }
}
