/**
 * Every configuration key tsd-ts knows, with OpenTSDB 2.4.1's default (Config.setDefaults, plus the
 * static defaults of Const/TSDB for salt, UID widths and max tags), as strings like the Java config.
 * Keys under `tsd.storage.embedded.*` and `tsd.storage.backend` are ours; so are the few marked limits
 * OpenTSDB lacks (body size, query time and size).
 */
export const DEFAULTS: Readonly<Record<string, string>> = {
  // Network and daemon.
  'tsd.network.port': '4242',
  'tsd.network.bind': '0.0.0.0',
  'tsd.network.backlog': '3072',
  'tsd.network.keep_alive': 'true',
  'tsd.network.reuse_address': 'true',
  'tsd.network.tcp_no_delay': 'true',
  'tsd.network.worker_threads': '',
  'tsd.network.async_io': 'true',
  'tsd.mode': 'rw',
  'tsd.no_diediedie': 'false',
  'tsd.core.enable_api': 'true',
  'tsd.core.enable_ui': 'true',
  'tsd.core.socket.timeout': '0',
  'tsd.core.connections.limit': '0',
  'tsd.core.stats_with_port': 'false',
  'tsd.stats.canonical': 'false',
  'tsd.rpc.telnet.return_errors': 'true',
  'tsd.http.staticroot': '',
  'tsd.http.cachedir': '',
  'tsd.http.show_stack_trace': 'true',
  'tsd.http.request.enable_chunked': 'false',
  'tsd.http.request.max_chunk': '4096',
  'tsd.http.request.cors_domains': '',
  'tsd.http.request.cors_headers':
    'Authorization, Content-Type, Accept, Origin, User-Agent, DNT, Cache-Control, X-Mx-ReqToken, Keep-Alive, X-Requested-With, If-Modified-Since',
  'tsd.http.query.allow_delete': 'false',
  // Limits OpenTSDB lacks (ours): the largest request body, and the longest telnet line (OpenTSDB: 1024).
  'tsd.http.request.max_body_size': '16777216',
  'tsd.network.telnet.max_line_length': '1024',
  'tsd.http.header_tag': '',
  // Core: UIDs, names, meta.
  'tsd.core.auto_create_metrics': 'false',
  'tsd.core.auto_create_tagks': 'true',
  'tsd.core.auto_create_tagvs': 'true',
  'tsd.core.uid.random_metrics': 'false',
  'tsd.core.tag.allow_specialchars': '',
  'tsd.core.meta.enable_realtime_uid': 'false',
  'tsd.core.meta.enable_realtime_ts': 'false',
  'tsd.core.meta.enable_tsuid_tracking': 'false',
  'tsd.core.meta.enable_tsuid_incrementing': 'false',
  'tsd.core.preload_uid_cache': 'false',
  'tsd.core.preload_uid_cache.max_entries': '300000',
  'tsd.core.bulk.allow_out_of_order_timestamps': 'false',
  // Storage.
  'tsd.storage.backend': 'embedded',
  'tsd.storage.embedded.path': './data',
  'tsd.storage.embedded.fsync': 'false',
  // The write path (ours): bytes of unpacked points kept in memory before the idlest rows are packed
  // early, and points accepted but not yet durable before sockets stop being read.
  'tsd.storage.write.max_open_bytes': '268435456',
  'tsd.storage.write.max_pending_points': '200000',
  'tsd.storage.hbase.data_table': 'tsdb',
  'tsd.storage.hbase.uid_table': 'tsdb-uid',
  'tsd.storage.hbase.tree_table': 'tsdb-tree',
  'tsd.storage.hbase.meta_table': 'tsdb-meta',
  'tsd.storage.hbase.zk_quorum': 'localhost',
  'tsd.storage.hbase.zk_basedir': '/hbase',
  'tsd.storage.hbase.scanner.maxNumRows': '128',
  'tsd.storage.hbase.prefetch_meta': 'false',
  'tsd.storage.salt.width': '0',
  'tsd.storage.salt.buckets': '20',
  'tsd.storage.uid.width.metric': '3',
  'tsd.storage.uid.width.tagk': '3',
  'tsd.storage.uid.width.tagv': '3',
  'tsd.storage.max_tags': '8',
  'tsd.storage.enable_compaction': 'true',
  'tsd.storage.compaction.flush_interval': '10',
  'tsd.storage.compaction.min_flush_threshold': '100',
  'tsd.storage.compaction.max_concurrent_flushes': '10000',
  'tsd.storage.compaction.flush_speed': '2',
  'tsd.storage.fix_duplicates': 'false',
  'tsd.storage.enable_appends': 'false',
  'tsd.storage.repair_appends': 'false',
  'tsd.storage.use_otsdb_timestamp': 'false',
  'tsd.storage.use_max_value': 'true',
  'tsd.storage.get_date_tiered_compaction_start': '0',
  'tsd.storage.flush_interval': '1000',
  // Query.
  'tsd.query.enable_fuzzy_filter': 'true',
  'tsd.query.filter.expansion_limit': '4096',
  'tsd.query.skip_unresolved_tagvs': 'false',
  'tsd.query.allow_simultaneous_duplicates': 'true',
  // OpenTSDB's default is 0 (no limit); ours stops a runaway query after two minutes.
  'tsd.query.timeout': '120000',
  // Ours: the most data points and series one query may read (0 = no limit).
  'tsd.query.limits.max_points': '200000000',
  'tsd.query.limits.max_series': '1000000',
  'tsd.query.multi_get.enable': 'false',
  'tsd.query.multi_get.get_all_salts': 'false',
  // Features that are off in a default OpenTSDB.
  'tsd.search.enable': 'false',
  'tsd.rollups.enable': 'false',
  'tsd.core.histograms.config': '',
};

/** Keys whose values /api/config masks, as OpenTSDB masks any key containing "PASS". */
export const isSecretKey = (key: string): boolean => key.toUpperCase().includes('PASS');
