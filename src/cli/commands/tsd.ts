/** `tsdb tsd`: runs the daemon in the foreground (TSDMain), on the embedded store unless told otherwise. */
import { Command } from 'commander';
import { startDaemon } from '../../tsd/daemon';
import { TSDB } from '../../tsdb';
import { addCommonOptions, cliLogger, loadConfig, type CommonFlags } from '../common-options';

interface TsdFlags extends CommonFlags {
  port?: string;
  bind?: string;
  staticroot?: string;
  cachedir?: string;
  workerThreads?: string;
  asyncIo?: string;
  readOnly?: boolean;
  disableUi?: boolean;
  disableApi?: boolean;
  backlog?: string;
  maxConnections?: string;
  flushInterval?: string;
  statswport?: boolean;
  autoMetric?: boolean;
}

/** TSDMain's flags and the keys they set. */
function tsdOverrides(f: TsdFlags): Record<string, string> {
  const o: Record<string, string> = {};
  const set = (key: string, v: string | undefined): void => {
    if (v !== undefined) o[key] = v;
  };
  set('tsd.network.port', f.port);
  set('tsd.network.bind', f.bind);
  set('tsd.http.staticroot', f.staticroot);
  set('tsd.http.cachedir', f.cachedir);
  set('tsd.network.worker_threads', f.workerThreads);
  set('tsd.network.async_io', f.asyncIo);
  set('tsd.network.backlog', f.backlog);
  set('tsd.core.connections.limit', f.maxConnections);
  set('tsd.storage.flush_interval', f.flushInterval);
  if (f.readOnly) o['tsd.mode'] = 'ro';
  if (f.disableUi) o['tsd.core.enable_ui'] = 'false';
  if (f.disableApi) o['tsd.core.enable_api'] = 'false';
  if (f.statswport) o['tsd.core.stats_with_port'] = 'true';
  if (f.autoMetric) o['tsd.core.auto_create_metrics'] = 'true';
  return o;
}

export function tsdCommand(): Command {
  const cmd = new Command('tsd').description('Run the time series daemon (HTTP and telnet on one port)');
  addCommonOptions(cmd)
    .option('--port <num>', 'port to listen on (tsd.network.port, default 4242)')
    .option('--bind <addr>', 'address to bind to (tsd.network.bind, default 0.0.0.0)')
    .option('--staticroot <path>', 'static files root (accepted for compatibility)')
    .option('--cachedir <path>', 'cache directory (accepted for compatibility)')
    .option('--worker-threads <num>', 'accepted for compatibility')
    .option('--async-io <bool>', 'accepted for compatibility')
    .option('--read-only', 'serve reads only (tsd.mode=ro)')
    .option('--disable-ui', 'disable the legacy UI routes')
    .option('--disable-api', 'disable the /api routes')
    .option('--backlog <num>', 'listen backlog (tsd.network.backlog)')
    .option('--max-connections <num>', 'connection limit (tsd.core.connections.limit)')
    .option('--flush-interval <ms>', 'store flush interval (tsd.storage.flush_interval)')
    .option('--statswport', 'add a port tag to stats')
    .option('--auto-metric', 'create metrics on first use (tsd.core.auto_create_metrics)')
    .action(async (flags: TsdFlags) => {
      const config = loadConfig(flags, tsdOverrides(flags));
      const logger = cliLogger(flags, 'tsd');
      if (config.file) logger.info('Loaded configuration', { file: config.file });
      const unknown = config.unknownKeys();
      if (unknown.length > 0) logger.warn('Configuration keys tsd-ts does not use', { keys: unknown.join(',') });
      const tsdb = await TSDB.open(config, logger);
      let stop: (signal: string) => Promise<void> = async () => undefined;
      const daemon = await startDaemon(tsdb, { onShutdownRequest: () => void stop("diediedie") });
      let stopping = false;
      stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        logger.info('Shutting down', { signal });
        await daemon.close();
        await tsdb.shutdown();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
  return cmd;
}
