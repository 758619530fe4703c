/**
 * Assembles the daemon from a TSDB: the HTTP routes and telnet commands of this build, the express
 * app, the statistics, and the one-port server. `startDaemon` resolves once it listens.
 */
import type { AddressInfo } from 'node:net';
import type { TSDB } from '../tsdb';
import { corsPolicy } from './http/cors';
import { createHttpApp } from './http/http-app';
import type { HttpRoutes, HttpRpc } from './http/http-rpc';
import { versionRpc } from './http/version-rpc';
import { queryRpc } from './http/query-rpc';
import { aggregatorNames, findTimeZone, loadedFilters, parseDateTimeString } from '../query';
import { UTC } from '../query/time/time-zone';
import { annotationRpc } from './rpcs/annotation-rpc';
import { aggregatorsRpc, configRpc } from './rpcs/config-rpc';
import { searchRpc } from './rpcs/search-rpc';
import { suggestRpc } from './rpcs/suggest-rpc';
import { tsMetaRpc } from './rpcs/ts-meta-rpc';
import { uidMetaRpc } from './rpcs/uid-meta-rpc';
import { uidRpc } from './rpcs/uid-rpc';
import { httpPutRpc } from './put/http-put';
import { SeriesCache } from './put/series-cache';
import { telnetPutCommand, telnetPutFastPath, type PutDeps } from './put/telnet-put';
import { TsdServer } from './server';
import { TsdStats, type StatLine } from './stats';
import { dropCachesCommand, dropCachesRpc, statsCommand, statsRpc } from './stats-rpc';
import { exitCommand, helpCommand, versionCommand } from './telnet/basic-commands';
import { dieDieDieCommand, histogramCommand, rollupCommand } from './telnet/disabled-commands';
import { serveTelnet } from './telnet/telnet-connection';
import type { TelnetRpc } from './telnet/telnet-rpc';

export interface Daemon {
  readonly address: AddressInfo;
  readonly server: TsdServer;
  readonly stats: TsdStats;
  close(): Promise<void>;
}

export interface DaemonOptions {
  /** Called by `diediedie`; the CLI shuts the process down. */
  readonly onShutdownRequest?: () => void;
}

/** Registers the live figures of the layers below as statistics. */
function statsSources(stats: TsdStats, tsdb: TSDB, server: () => TsdServer | undefined, series: SeriesCache): void {
  stats.addSource(() => {
    const s = server()?.stats;
    const w = tsdb.writer.stats;
    const c = tsdb.compactor.stats;
    const lines: StatLine[] = [
      { metric: 'tsd.connectionmgr.connections', value: s?.open ?? 0, tags: { type: 'open' } },
      { metric: 'tsd.connectionmgr.connections', value: s?.rejected ?? 0, tags: { type: 'rejected' } },
      { metric: 'tsd.connectionmgr.connections', value: s?.total ?? 0, tags: { type: 'total' } },
      { metric: 'tsd.datapoints.added', value: w.pointsAdded, tags: { type: 'all' } },
      { metric: 'tsd.storage.write.batches', value: w.storeBatches, tags: {} },
      { metric: 'tsd.storage.write.errors', value: w.storeErrors, tags: {} },
      { metric: 'tsd.storage.write.log_records', value: w.walRecords, tags: {} },
      { metric: 'tsd.storage.write.latency_ms', value: Math.round(w.flushMsTotal / Math.max(1, w.walRecords + w.storeBatches)), tags: { type: 'avg' } },
      { metric: 'tsd.storage.write.latency_ms', value: Math.round(w.flushMsMax), tags: { type: 'max' } },
      { metric: 'tsd.storage.write.backlog', value: tsdb.writer.backlog, tags: {} },
      { metric: 'tsd.storage.open_rows', value: tsdb.openRows.size, tags: {} },
      { metric: 'tsd.storage.open_rows.bytes', value: tsdb.openRows.bytes, tags: {} },
      { metric: 'tsd.compaction.count', value: c.rowsPacked, tags: { type: 'packed' } },
      { metric: 'tsd.compaction.count', value: c.rowsMerged, tags: { type: 'merged' } },
      { metric: 'tsd.compaction.count', value: c.rowsPackedEarly, tags: { type: 'early' } },
      { metric: 'tsd.compaction.deletes', value: c.cellsDeleted, tags: {} },
      { metric: 'tsd.compaction.errors', value: c.errors, tags: {} },
      { metric: 'tsd.compaction.duplicates', value: c.duplicateRows, tags: { type: 'rows' } },
      { metric: 'tsd.series.cache', value: series.hits, tags: { type: 'hit' } },
      { metric: 'tsd.series.cache', value: series.misses, tags: { type: 'miss' } },
      { metric: 'tsd.search.index.series', value: tsdb.seriesIndex.size, tags: {} },
      { metric: 'tsd.search.index.bytes', value: tsdb.seriesIndex.memoryBytes, tags: {} },
      { metric: 'tsd.search.index.rows_scanned', value: tsdb.seriesIndexLoader.stats.rowsScanned, tags: {} },
      { metric: 'tsd.search.index.loaded', value: tsdb.seriesIndexLoader.stats.loaded ? 1 : 0, tags: {} },
    ];
    for (const [kind, uid] of Object.entries(tsdb.uids)) {
      lines.push({ metric: 'tsd.uid.cache-hit', value: uid.stats.hits, tags: { kind } });
      lines.push({ metric: 'tsd.uid.cache-miss', value: uid.stats.misses, tags: { kind } });
      lines.push({ metric: 'tsd.uid.cache-size', value: uid.cacheSize, tags: { kind } });
      lines.push({ metric: 'tsd.uid.ids-assigned', value: uid.stats.assigned, tags: { kind } });
    }
    return lines;
  });
}

export async function startDaemon(tsdb: TSDB, options: DaemonOptions = {}): Promise<Daemon> {
  const config = tsdb.config;
  const logger = tsdb.logger.child('tsd');
  // Only a serving TSD needs every series listed (lookups); one-shot tools skip the scan.
  tsdb.seriesIndexLoader.start();
  const mode = config.getString('tsd.mode');
  const stats = new TsdStats({ canonical: config.getBoolean('tsd.stats.canonical'), withPort: config.getBoolean('tsd.core.stats_with_port') });
  for (const type of ['hbase_errors', 'invalid_values', 'illegal_arguments', 'unknown_metrics']) stats.declare('tsd.rpc.errors', { type });
  for (const type of ['telnet', 'http', 'put']) stats.declare('tsd.rpc.received', { type });
  for (const type of ['success', 'invalid_requests', 'exceptions', 'aborted']) stats.declare('tsd.http.query', { type });
  const series = new SeriesCache(1_000_000);
  const dropCaches = (): void => {
    tsdb.dropCaches();
    series.clear();
  };
  const putDeps: PutDeps = { tsdb, stats, series, returnErrors: config.getBoolean('tsd.rpc.telnet.return_errors') };

  // Registration order is what `help` prints (RpcManager.initializeBuiltinRpcs).
  const commands = new Map<string, TelnetRpc>();
  commands.set('stats', statsCommand(stats));
  commands.set('dropcaches', dropCachesCommand(dropCaches));
  commands.set('version', versionCommand);
  commands.set('exit', exitCommand);
  commands.set('help', helpCommand(() => [...commands.keys()]));
  commands.set('put', telnetPutCommand(putDeps));
  commands.set('rollup', rollupCommand);
  commands.set('histogram', histogramCommand);
  if (!config.getBoolean('tsd.no_diediedie')) commands.set('diediedie', dieDieDieCommand(() => options.onShutdownRequest?.()));

  const aggregators = aggregatorsRpc(aggregatorNames);
  const zone = findTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? UTC;
  const annotations = annotationRpc({
    store: tsdb.store,
    table: tsdb.tables.data,
    codec: tsdb.codec,
    nowMs: Date.now,
    parseTime: (text) => parseDateTimeString(text, null, { nowMs: Date.now(), defaultZone: zone }),
  });
  const api = new Map<string, HttpRpc>([
    ['version', versionRpc],
    ['put', httpPutRpc({ ...putDeps, maxPointsPerRequest: 1_000_000 })],
    ['stats', statsRpc(stats)],
    ['dropcaches', dropCachesRpc(dropCaches)],
    ['query', queryRpc(tsdb, (ms, end) => {
      stats.inc('tsd.http.query', { type: end });
      stats.inc('tsd.http.query.time_ms', {}, ms);
    })],
    ['suggest', suggestRpc(tsdb.uids)],
    ['config', configRpc(config, loadedFilters)],
    ['aggregators', aggregators],
    ['annotation', annotations],
    ['annotations', annotations],
    ['search', searchRpc({ uids: tsdb.uids, index: tsdb.seriesIndex, loader: tsdb.seriesIndexLoader })],
    ['uid', uidRpc({
      uids: tsdb.uids,
      specialChars: config.getString('tsd.core.tag.allow_specialchars'),
      uidMeta: uidMetaRpc({ store: tsdb.store, table: tsdb.tables.uid, uids: tsdb.uids }),
      tsMeta: tsMetaRpc({ store: tsdb.store, table: tsdb.tables.meta, uidTable: tsdb.tables.uid, uids: tsdb.uids, widths: tsdb.codec.layout }),
    })],
  ]);
  const legacy = new Map<string, HttpRpc>([
    ['version', versionRpc],
    ['stats', statsRpc(stats)],
    ['suggest', suggestRpc(tsdb.uids)],
    ['aggregators', aggregators],
  ]);
  const routes: HttpRoutes = { api, legacy };

  const app = createHttpApp({
    routes,
    mode,
    maxBodyBytes: config.getInt('tsd.http.request.max_body_size', 1),
    showStackTrace: config.getBoolean('tsd.http.show_stack_trace'),
    logger,
    cors: corsPolicy(config.getString('tsd.http.request.cors_domains'), config.getString('tsd.http.request.cors_headers')),
  });
  let server: TsdServer | undefined;
  statsSources(stats, tsdb, () => server, series);
  const maxLineLength = config.getInt('tsd.network.telnet.max_line_length', 64);
  const putFast = mode === 'ro' ? undefined : telnetPutFastPath(putDeps);
  server = new TsdServer({
    http: app,
    telnet: (socket) =>
      serveTelnet(socket, {
        commands,
        mode,
        maxLineLength,
        logger,
        fastLine: putFast,
        backpressure: () => (tsdb.writer.saturated ? tsdb.writable() : undefined),
      }),
    logger,
    maxConnections: config.getInt('tsd.core.connections.limit', 0),
    idleTimeoutSeconds: config.getInt('tsd.core.socket.timeout', 0),
  });
  const address = await server.listen(
    config.getInt('tsd.network.port', 0, 65535),
    config.getString('tsd.network.bind'),
    config.getInt('tsd.network.backlog', 1),
  );
  logger.info(`Ready to serve on ${address.address}:${address.port}`, { store: tsdb.store.description, write_mode: tsdb.writer.mode });
  const s = server;
  return { address, server: s, stats, close: () => s.close() };
}

