/**
 * `npm run bench -- --quick` end to end, so the benchmark cannot rot: it must finish and produce a row
 * for every target (tsd-ts on both backends, OpenTSDB 2.4.1 on the same HBase, VictoriaMetrics), every
 * query on every target that speaks OpenTSDB's query API, and a verdict for each of the issue's
 * targets. Timings are not asserted: the counts are small and the machine is shared.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Goal, IngestRow } from '../../scripts/bench/report';
import type { QueryRun } from '../../scripts/bench/query-phase';

interface BenchJson {
  readonly rows: IngestRow[];
  readonly queries: QueryRun[];
  readonly goals: Goal[];
}

function runQuickBench(json: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', 'bench', '--', '--quick', '--json', json], { cwd: resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer): void => void (output = (output + d.toString()).slice(-8000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => done({ code, output }));
  });
}

const TARGETS = ['tsd-ts (embedded)', 'tsd-ts (HBase)', 'OpenTSDB 2.4.1 (HBase)'];

describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-bench-test-'));
  let result: BenchJson;

  beforeAll(async () => {
    const json = join(dir, 'bench.json');
    const run = await runQuickBench(json);
    if (run.code !== 0) throw new Error(`npm run bench -- --quick exited with ${run.code}:\n${run.output}`);
    result = JSON.parse(readFileSync(json, 'utf8')) as BenchJson;
  }, 600_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures ingest on every target over telnet and /api/put, with bytes per point and RSS', () => {
    const names = result.rows.map((r) => r.target);
    expect(names).toEqual(expect.arrayContaining([...TARGETS, expect.stringMatching(/^VictoriaMetrics v/)]));
    expect(names).toHaveLength(4);
    for (const row of result.rows) {
      expect({ target: row.target, errors: row.errors }).toEqual({ target: row.target, errors: 0 });
      expect(row.pointsPerSec.telnet).toBeGreaterThan(0);
      expect(row.pointsPerSec.http).toBeGreaterThan(0);
      expect(row.httpP50Ms).toBeGreaterThan(0);
      expect(row.bytesPerPoint).toBeGreaterThan(0);
      expect(row.peakRssMiB).toBeGreaterThan(0);
    }
  });

  it('times every query on every OpenTSDB-speaking target and checks the answers', () => {
    const queries = [...new Set(result.queries.map((q) => q.query))];
    expect(queries).toHaveLength(4);
    for (const q of queries) {
      expect(result.queries.filter((r) => r.query === q).map((r) => r.target).sort()).toEqual([...TARGETS].sort());
    }
    for (const run of result.queries) {
      // A TSD without the lookup endpoint reports its 404 instead of a timing; anything else fails.
      if (run.query.startsWith('/api/search/lookup') && run.problem?.startsWith('HTTP 404')) continue;
      expect({ query: run.query, target: run.target, problem: run.problem }).toEqual({ query: run.query, target: run.target, problem: undefined });
      expect(run.p50Ms).toBeGreaterThan(0);
    }
  });

  it('judges each of the issue targets', () => {
    const what = result.goals.map((g) => g.what).join('\n');
    expect(what).toMatch(/ingest telnet, same HBase/);
    expect(what).toMatch(/ingest \/api\/put, same HBase/);
    expect(what).toMatch(/ingest telnet: tsd-ts embedded ÷ VictoriaMetrics/);
    expect(what).toMatch(/ingest \/api\/put: tsd-ts embedded ÷ VictoriaMetrics/);
    expect(what).toMatch(/bytes per point, embedded store/);
    expect(result.goals.filter((g) => g.what.startsWith('query ')).length).toBeGreaterThanOrEqual(3);
  });
});
