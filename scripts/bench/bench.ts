/**
 * `npm run bench`: tsd-ts side by side with its peers, in one run, on one machine and one dataset.
 * Ingest (telnet and /api/put) into tsd-ts on the embedded store, tsd-ts on HBase, OpenTSDB 2.4.1 on
 * the same HBase and VictoriaMetrics' OpenTSDB listeners; queries and lookup on the three that speak
 * OpenTSDB's HTTP API. Prints markdown tables, the ratios of tsd-ts to each peer, and the issue's
 * targets as met or missed.
 *
 *   npm run bench [-- --quick] [--rounds 3] [--runs 20] [--targets embedded,hbase,opentsdb,vm]
 *                 [--skip-ingest] [--skip-queries] [--json out.json] [--profile dir]
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { argFlag, argNumber, argText } from './bench-args';
import { BenchHBase } from './bench-hbase';
import { runIngest, type IngestRun, type IngestSettings } from './ingest-phase';
import { profileSummary } from './profile-summary';
import { load1 } from './proc-stats';
import { runQueries, type QueryRun, type QuerySettings } from './query-phase';
import { goalLines, goals, ingestRows, ingestTable, queryTable } from './report';
import { openTsdbOnHBase } from './targets/opentsdb-target';
import type { TargetKind } from './targets/target';
import { tsdTsEmbedded, tsdTsOnHBase } from './targets/tsd-ts-target';
import { victoriaMetrics } from './targets/victoria-metrics-target';

const QUICK = argFlag('quick');
const START = 1_700_000_000 - (1_700_000_000 % 3600);
const TARGETS = new Set(argText('targets', 'embedded,hbase,opentsdb,vm').split(','));
const PROFILE = argText('profile', '') || undefined;

const ingestSettings: IngestSettings = {
  hosts: argNumber('hosts', QUICK ? 50 : 1000),
  metrics: argNumber('metrics', 10),
  // A full telnet run is one whole hour of every series, so rows are complete when bytes are measured.
  steps: { telnet: argNumber('telnet-steps', QUICK ? 120 : 360), http: argNumber('http-steps', QUICK ? 40 : 100) },
  connections: 4,
  batch: 50,
  inflight: argNumber('inflight', 8),
  rounds: argNumber('rounds', QUICK ? 1 : 3),
  start: START,
};

const querySettings: QuerySettings = {
  wideHosts: QUICK ? 10 : 100,
  wideHours: QUICK ? 2 : 24,
  groupedHosts: QUICK ? 100 : 1000,
  groupedHours: 1,
  runs: argNumber('runs', QUICK ? 3 : 20),
  warmups: QUICK ? 1 : 2,
  start: START,
  // A JRuby Admin run costs ~10 s: the quick run keeps its one for the bytes-per-point figures.
  compact: !QUICK,
};

const log = (line: string): void => console.log(line);

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

async function main(): Promise<void> {
  const began = Date.now();
  log(`# tsd-ts benchmark${QUICK ? ' (quick)' : ''}\n\nmachine: ${machine()}; load average at start ${load1()}`);
  log(`command: npm run bench --${process.argv.slice(2).map((a) => ` ${a}`).join('')}`);
  const needsHBase = TARGETS.has('hbase') || TARGETS.has('opentsdb');
  const vm = TARGETS.has('vm') ? victoriaMetrics() : undefined;
  const hbase = needsHBase ? await BenchHBase.start(argNumber('hbase-heap', QUICK ? 1024 : 2048)) : undefined;
  let ingest: IngestRun[] = [];
  let queries: QueryRun[] = [];
  try {
    const kinds: TargetKind[] = [];
    if (TARGETS.has('embedded')) kinds.push(tsdTsEmbedded({ profileDir: PROFILE }));
    if (hbase && TARGETS.has('hbase')) kinds.push(tsdTsOnHBase(hbase, { profileDir: PROFILE }));
    const opentsdb = hbase && TARGETS.has('opentsdb') ? openTsdbOnHBase(hbase) : undefined;
    if (opentsdb) kinds.push(opentsdb);
    if (vm) kinds.push(vm);
    if (!argFlag('skip-ingest')) {
      const s = ingestSettings;
      log(`\n## Ingest: ${(s.hosts * s.metrics).toLocaleString('en-US')} series (${s.hosts} hosts × ${s.metrics} metrics), ` +
        `telnet ${s.steps.telnet} steps over ${s.connections} connections, /api/put ${s.steps.http} steps in batches of ${s.batch} ` +
        `(${s.inflight} in flight), ${s.rounds} round(s)\n`);
      ingest = await runIngest(kinds, s, hbase, log);
    }
    if (!argFlag('skip-queries')) {
      log(`\n## Queries: ${querySettings.runs} timed runs per query and target after ${querySettings.warmups} warm-up(s)\n`);
      queries = await runQueries(kinds.filter((k) => k.speaksQueries), querySettings, hbase, log);
    }
    const rows = ingestRows(ingest);
    const met = goals(rows, queries, opentsdb?.name ?? 'OpenTSDB', vm?.name ?? 'VictoriaMetrics');
    log(`\n## Results (${((Date.now() - began) / 1000).toFixed(0)} s; load average now ${load1()})\n`);
    if (rows.length) log(`${ingestTable(rows)}\n`);
    if (queries.length) log(`${queryTable(queries)}\n`);
    log(`### Targets\n\n${goalLines(met)}`);
    if (PROFILE) log(`\n### Where tsd-ts spends its time (CPU profiles in ${PROFILE})\n\n${profileSummary(PROFILE)}`);
    const json = argText('json', '');
    if (json) writeFileSync(json, JSON.stringify({ machine: machine(), quick: QUICK, ingestSettings, querySettings, ingest, rows, queries, goals: met }, null, 2));
  } finally {
    await hbase?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
