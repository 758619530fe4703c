/**
 * The two TSDs a compat test talks to, on one table set: the reference OpenTSDB 2.4.1 (one JVM per
 * worker and configuration) and tsd-ts (in this process, one per test file). Both get the same
 * settings where OpenTSDB's defaults would make them differ for reasons no test is about.
 */
import type { Oracle } from './oracle';
import { getOracle } from './oracle';
import { getTableSet, type TableSet } from './table-set';
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

/** Settings both sides run with, beyond the table set's. */
export const COMMON_CONFIG: Readonly<Record<string, string>> = {
  'tsd.core.auto_create_metrics': 'true',
};

export interface OracleOptions {
  /** tsd.storage.enable_compaction: off keeps rows as written (reads compact in memory only). */
  readonly compaction: boolean;
  readonly extraConfig?: Readonly<Record<string, string>>;
  /** Distinguishes oracles that differ in `extraConfig`. */
  readonly variant?: string;
}

/** The worker's OpenTSDB on `set`. */
export function oracleOn(set: TableSet, options: OracleOptions): Promise<Oracle> {
  const name = [set.name, options.compaction ? 'compacting' : 'nocompact', options.variant].filter(Boolean).join('-');
  return getOracle({
    name,
    tables: set.tables,
    extraConfig: {
      ...set.config,
      ...COMMON_CONFIG,
      'tsd.storage.enable_compaction': String(options.compaction),
      // Its default (4096) drops any body over 8 KiB unanswered; ours takes up to 16 MiB.
      'tsd.http.request.max_chunk': String(16 * 1024 * 1024),
      // asynchbase sends buffered puts once a second; `?sync` puts would each wait for that.
      'hbase.rpcs.buffered_flush_interval': '20',
      ...options.extraConfig,
    },
  });
}

/** A tsd-ts on `set`; stop it in afterAll. */
export function oursOn(set: TableSet, overrides: Readonly<Record<string, string>> = {}): Promise<TestTsd> {
  return startTestTsd({ ...set.config, ...COMMON_CONFIG, ...overrides }, 'hbase', { createTables: false });
}

export interface Pair {
  readonly ours: TestTsd;
  readonly oracle: Oracle;
}

/**
 * Registers beforeAll/afterAll for the test file's pair on the worker's `plain` table set (OpenTSDB
 * compacting as by default); the pair is ready inside the tests.
 */
export function plainPair(): Pair {
  const pair = {} as { ours: TestTsd; oracle: Oracle };
  beforeAll(async () => {
    const set = await getTableSet('plain');
    pair.oracle = await oracleOn(set, { compaction: true });
    pair.ours = await oursOn(set);
  }, 180_000);
  afterAll(() => pair.ours?.stop());
  return pair;
}
