/**
 * The HBase 2.x client: finds hbase:meta and the master through ZooKeeper, locates regions (cache,
 * then a reverse meta scan), keeps one connection per server and service, and runs every call
 * through the one retry loop. Knows rows, families and cells only.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Mutation } from '../store';
import type { HCall } from './calls/hcall';
import { type MultiFailure, type RegionMutations, decodeMulti, encodeMulti } from './calls/multi';
import { type Clock, systemClock } from './clock';
import { encodeMessage } from './proto/hbase-proto';
import { type LongBits, randomLong } from './proto/long';
import { checkLookup, decodeMetaLookup, metaLookupScan } from './regions/meta-lookup';
import { RegionCache } from './regions/region-cache';
import { META_REGION_NAME, type RegionLocation } from './regions/region-info';
import { HBaseError, RetryLaterError } from './rpc/hbase-errors';
import { RpcConnection, type RpcReply } from './rpc/rpc-connection';
import type { HBaseService } from './rpc/rpc-codec';
import { Memo } from './memo';
import { type RetryOptions, withRetries } from './retry';
import { readZnodes } from './zk/zk-client';
import { type ServerAddress, parseMaster, parseMetaRegionServer } from './zk/znode';

export interface HBaseClientOptions {
  /** `tsd.storage.hbase.zk_quorum`: comma-separated host[:port]. */
  readonly zkQuorum: string;
  /** `tsd.storage.hbase.zk_basedir`: HBase's zookeeper.znode.parent. */
  readonly zkBasedir?: string;
  /** Time one RPC may take before it is retried. */
  readonly rpcTimeoutMs?: number;
  /** Time one operation may take across all its retries. */
  readonly operationTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxFrameBytes?: number;
  readonly clock?: Clock;
}

type Resolved = Required<Omit<HBaseClientOptions, 'clock'>> & { clock: Clock };

function resolveOptions(o: HBaseClientOptions): Resolved {
  const r = {
    zkBasedir: '/hbase',
    rpcTimeoutMs: 30_000,
    operationTimeoutMs: 60_000,
    connectTimeoutMs: 5_000,
    maxFrameBytes: 256 * 1024 * 1024,
    clock: systemClock,
    // An option given as undefined keeps its default.
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
  } as Resolved;
  if (typeof r.zkQuorum !== 'string' || r.zkQuorum.trim() === '') {
    throw new RangeError(`Cannot start the HBase client as 'tsd.storage.hbase.zk_quorum' is empty`);
  }
  if (!r.zkBasedir.startsWith('/')) {
    throw new RangeError(`Cannot start the HBase client as 'tsd.storage.hbase.zk_basedir' must start with '/': current value is '${r.zkBasedir}'`);
  }
  for (const k of ['rpcTimeoutMs', 'operationTimeoutMs', 'connectTimeoutMs', 'maxFrameBytes'] as const) {
    if (!(r[k] > 0)) throw new RangeError(`Cannot start the HBase client as ${k} must be > 0: current value is ${r[k]}`);
  }
  return r;
}

/** Counters, as asynchbase's ClientStats feeds OpenTSDB's /api/stats. */
export interface HBaseClientStats {
  /** Calls retried after a relocation, backoff or dead server. */
  retries: number;
  /** Reverse scans of hbase:meta. */
  metaLookups: number;
}

export class HBaseClient {
  readonly options: Resolved;
  readonly stats: HBaseClientStats = { retries: 0, metaLookups: 0 };
  readonly regions = new RegionCache();
  /** Sent with every increment, so the server can recognise a retried one. */
  readonly nonceGroup: LongBits = randomLong(randomBytes);
  readonly #connections = new Map<string, Promise<RpcConnection>>();
  readonly #lookups = new Map<string, Promise<RegionLocation>>();
  readonly #user = userInfo().username;
  readonly #meta = new Memo(() => this.#readZnode('meta-region-server', parseMetaRegionServer));
  readonly #master = new Memo(() => this.#readZnode('master', parseMaster));
  #closed = false;

  constructor(options: HBaseClientOptions) {
    this.options = resolveOptions(options);
  }

  get description(): string {
    return `hbase:zk=${this.options.zkQuorum}${this.options.zkBasedir === '/hbase' ? '' : this.options.zkBasedir}`;
  }

  retryOptions(signal?: AbortSignal, onRetry?: (err: HBaseError) => void): RetryOptions {
    const count = (err: HBaseError): void => {
      this.stats.retries++;
      onRetry?.(err);
    };
    return { clock: this.options.clock, timeoutMs: this.options.operationTimeoutMs, signal, onRetry: count };
  }

  /** Sends a region call, relocating and retrying as the error classes say. */
  send<R>(call: HCall<R>, signal?: AbortSignal): Promise<R> {
    let region: RegionLocation | undefined;
    return withRetries(
      `${call.method} in table '${call.table}'`,
      async () => {
        region = undefined;
        region = await this.locate(call.table, call.row);
        return call.decode(await this.regionCall(region, call.method, call.encode(region.name)));
      },
      this.retryOptions(signal, (err) => this.forget(err, region)),
    );
  }

  /** One RPC to the server of `region`, without retries. */
  async regionCall(region: RegionLocation, method: string, param: Uint8Array): Promise<RpcReply> {
    const conn = await this.connection('ClientService', region.host, region.port);
    return conn.call(method, param, this.options.rpcTimeoutMs);
  }

  /** Drops what an error says is stale: the region's cache entry, or the whole server. */
  forget(err: HBaseError, region: RegionLocation | undefined): void {
    if (!region) return;
    if (err.kind === 'relocate') this.regions.evict(region);
    if (err.kind === 'server') {
      this.regions.evictServer(region.host, region.port);
      this.#dropConnection('ClientService', region.host, region.port);
    }
  }

  /**
   * The region holding `row`, or with `before` the one holding the rows just below `row` (empty
   * `row`: the last region). Cached; on a miss one reverse scan of hbase:meta.
   */
  async locate(table: string, row: Uint8Array, before = false): Promise<RegionLocation> {
    const find = (): RegionLocation | undefined => (before ? this.regions.findBefore(table, row) : this.regions.find(table, row));
    // One meta lookup per table at a time: a burst of calls to a cold table then costs one lookup
    // per region, not one per call.
    for (let pending = this.#lookups.get(table); pending; pending = this.#lookups.get(table)) {
      await pending.catch(() => undefined);
      const found = find();
      if (found) return found;
    }
    const cached = find();
    if (cached) return cached;
    const lookup = this.#lookupInMeta(table, row, before);
    this.#lookups.set(table, lookup);
    try {
      return await lookup;
    } finally {
      if (this.#lookups.get(table) === lookup) this.#lookups.delete(table);
    }
  }

  async #lookupInMeta(table: string, row: Uint8Array, before: boolean): Promise<RegionLocation> {
    const meta = await this.#meta.get();
    this.stats.metaLookups++;
    const param = encodeMessage('ScanRequest', { region: { type: 1, value: META_REGION_NAME }, ...metaLookupScan(table, row, before) });
    let reply: RpcReply;
    try {
      const conn = await this.connection('ClientService', meta.host, meta.port);
      reply = await conn.call('Scan', param, this.options.rpcTimeoutMs);
    } catch (err) {
      this.#meta.reset(); // meta may have moved: read ZooKeeper again next time
      throw err;
    }
    const region = checkLookup(table, row, before, decodeMetaLookup(reply));
    this.regions.add(region);
    return region;
  }

  /**
   * Applies mutations with Multi, one RPC per region server at a time, retrying only what failed
   * until every mutation is applied or the deadline passes.
   */
  async multi(table: (m: Mutation) => string, mutations: readonly Mutation[]): Promise<void> {
    let todo = mutations.map((mutation, index) => ({ index, mutation }));
    await withRetries(
      `apply a batch of ${mutations.length} mutations`,
      async () => {
        const failures = await this.#multiOnce(table, todo);
        if (failures.length === 0) return;
        const failed = new Set(failures.map((f) => f.index));
        todo = todo.filter((t) => failed.has(t.index));
        // Fatal errors end the batch; otherwise retry the rest after the loop's backoff.
        const fatal = failures.find((f) => f.error.kind === 'fatal');
        throw (fatal ?? failures[0]).error;
      },
      this.retryOptions(),
    );
  }

  /** One round: group by server and region, one Multi per server, all servers at once. */
  async #multiOnce(table: (m: Mutation) => string, todo: readonly { index: number; mutation: Mutation }[]): Promise<MultiFailure[]> {
    const byServer = new Map<string, { host: string; port: number; regions: Map<string, RegionMutations & { region: RegionLocation }> }>();
    for (const item of todo) {
      const t = table(item.mutation);
      const region = this.regions.find(t, item.mutation.row) ?? (await this.locate(t, item.mutation.row));
      const key = `${region.host}:${region.port}`;
      let server = byServer.get(key);
      if (!server) byServer.set(key, (server = { host: region.host, port: region.port, regions: new Map() }));
      const rkey = region.name.toString('latin1');
      let group = server.regions.get(rkey);
      if (!group) server.regions.set(rkey, (group = { regionName: region.name, region, items: [] }));
      group.items.push(item);
    }
    const failures: MultiFailure[] = [];
    await Promise.all(
      [...byServer.values()].map(async (server) => {
        const groups = [...server.regions.values()];
        try {
          const conn = await this.connection('ClientService', server.host, server.port);
          const reply = await conn.call('Multi', encodeMulti(groups), this.options.rpcTimeoutMs);
          for (const f of decodeMulti(reply, groups)) {
            failures.push(f);
            this.forget(f.error, groups[f.group].region);
          }
        } catch (err) {
          if (!isHBaseError(err)) throw err;
          this.forget(err, groups[0]?.region);
          groups.forEach((g, group) => g.items.forEach((i) => failures.push({ index: i.index, group, error: err })));
        }
      }),
    );
    return failures;
  }

  /** A MasterService call, retried on the master's transient errors. */
  async masterCall(method: string, param: Uint8Array): Promise<RpcReply> {
    let master: ServerAddress | undefined;
    return withRetries(
      `${method} on the master`,
      async () => {
        master = undefined;
        master = await this.#master.get();
        const conn = await this.connection('MasterService', master.host, master.port);
        return conn.call(method, param, this.options.rpcTimeoutMs);
      },
      this.retryOptions(undefined, (err) => {
        if (err.kind !== 'server') return;
        this.#master.reset(); // a new master may have taken over
        if (master) this.#dropConnection('MasterService', master.host, master.port);
      }),
    );
  }

  /** The shared connection for a service on a server, opened on first use. */
  connection(service: HBaseService, host: string, port: number): Promise<RpcConnection> {
    if (this.#closed) return Promise.reject(new Error('Cannot use the HBase client: it is closed'));
    const key = `${service}@${host}:${port}`;
    let conn = this.#connections.get(key);
    if (!conn) {
      conn = RpcConnection.connect({ host, port, service, user: this.#user, connectTimeoutMs: this.options.connectTimeoutMs, maxFrameBytes: this.options.maxFrameBytes });
      this.#connections.set(key, conn);
      conn.then(
        (c) => c.onClose(() => this.#connections.get(key) === conn && this.#connections.delete(key)),
        () => this.#connections.get(key) === conn && this.#connections.delete(key),
      );
    }
    return conn;
  }

  #dropConnection(service: HBaseService, host: string, port: number): void {
    const key = `${service}@${host}:${port}`;
    const conn = this.#connections.get(key);
    this.#connections.delete(key);
    conn?.then((c) => c.close(), () => undefined);
  }

  /** Reads a znode under the base dir; a missing node or a silent quorum is worth a retry. */
  async #readZnode(name: string, parse: (data: Buffer) => ServerAddress): Promise<ServerAddress> {
    const path = `${this.options.zkBasedir}/${name}`;
    try {
      const [data] = await readZnodes(this.options.zkQuorum, [path], this.options.connectTimeoutMs);
      return parse(data);
    } catch (err) {
      throw new RetryLaterError(`Cannot find ${name} in ZooKeeper at '${this.options.zkQuorum}': ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const conns = [...this.#connections.values()];
    this.#connections.clear();
    await Promise.all(conns.map((c) => c.then((x) => x.close(), () => undefined)));
  }
}

const isHBaseError = (err: unknown): err is HBaseError => err instanceof HBaseError;
