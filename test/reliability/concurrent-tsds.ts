/**
 * Two TSD processes on one HBase (issue 11, part 5): both write the same series — one the even
 * minutes, the other the odd ones, both some points of the other with the same value — hour after
 * hour, so both compact the same rows at the same time, and both assign the same new names at once.
 * Afterwards every point reads back once, and every UID found in the data is the one its name maps to.
 */
import { Config } from '../../src/config/config';
import { tableNames } from '../../src/core/tables';
import type { Store } from '../../src/storage/store';
import { ID_FAMILY, NAME_FAMILY, UID_KINDS, type UidKind } from '../../src/uid/uid-kind';
import { hbaseTables, telnet } from '../helpers/tsd-harness';
import { startTsdProcess, type TsdProcess } from '../helpers/tsd-process';
import { checkDataTable, type IntegrityReport } from './store-integrity';
import { queryByTag, sleep } from './tsd-client';

const BASE = 1356998400;

export interface ConcurrentOptions {
  readonly hours: number;
  readonly hosts: number;
  /** New metric names both TSDs create at once, spread over the hours. */
  readonly newMetricsPerHour: number;
}

export interface ConcurrentFigures {
  expectedPoints: number;
  /** Points missing or with another value, and points read that nobody wrote. */
  wrongPoints: number;
  /** Hour buckets whose `1h-count` differs from the points written (a double count shows here). */
  wrongCounts: number;
  /** Names with no forward mapping, UIDs in data rows that are not their name's UID. */
  unmappedNames: string[];
  strayUids: string[];
  /** UIDs assigned by the loser of a race (reverse mapping only), as OpenTSDB leaks them. */
  leakedUids: number;
  rows: IntegrityReport;
}

/** Minute `k` of hour `h` for host `i`: process 0 writes even minutes, process 1 odd ones and every 6th. */
function linesOf(o: ConcurrentOptions, proc: 0 | 1, h: number): string {
  let text = '';
  for (let i = 0; i < o.hosts; i++) {
    for (let k = 0; k < 60; k++) {
      if (k % 2 !== proc && !(proc === 1 && k % 6 === 0)) continue;
      const ts = BASE + h * 3600 + k * 60;
      text += `put conc.m ${ts} ${i * 10_000 + h * 60 + k} host=h${i} run=r${h}\n`;
    }
  }
  for (let m = 0; m < o.newMetricsPerHour; m++) text += `put conc.new.h${h}.m${m} ${BASE + h * 3600} ${m} host=new${m}\n`;
  return text;
}

export async function concurrentTsds(o: ConcurrentOptions): Promise<ConcurrentFigures> {
  const { store, overrides } = await hbaseTables();
  const config = { ...overrides, 'tsd.core.auto_create_metrics': 'true' };
  const tables = tableNames(new Config(config));
  const tsds: TsdProcess[] = [];
  try {
    tsds.push(...(await Promise.all([startTsdProcess({ config }), startTsdProcess({ config })])));
    for (let h = 0; h < o.hours; h++) {
      // Each hour's rows go idle together in both TSDs, which then pack them at the same moment.
      await Promise.all(([0, 1] as const).map((p) => telnet(tsds[p].port, `${linesOf(o, p, h)}version\n`, 2, 60_000)));
      await sleep(1500);
    }
    await sleep(3000);
    await Promise.all(tsds.splice(0).map((t) => t.kill('SIGTERM')));
    const reader = await startTsdProcess({ config });
    tsds.push(reader);
    const f: ConcurrentFigures = { expectedPoints: 0, wrongPoints: 0, wrongCounts: 0, unmappedNames: [], strayUids: [], leakedUids: 0, rows: await checkDataTable(store, tables.data) };
    await checkPoints(reader.url, o, f);
    await checkUids(store, tables.uid, tables.data, f);
    return f;
  } finally {
    await Promise.all(tsds.map((t) => t.kill('SIGKILL')));
    await store.close();
  }
}

async function checkPoints(url: string, o: ConcurrentOptions, f: ConcurrentFigures): Promise<void> {
  const end = BASE + o.hours * 3600;
  const got = await queryByTag(url, 'conc.m', 'host', BASE, end);
  const counts = await queryByTag(url, '1h-count:conc.m', 'host', BASE, end);
  for (let i = 0; i < o.hosts; i++) {
    const dps = got.get(`h${i}`) ?? new Map<number, number>();
    for (let h = 0; h < o.hours; h++) {
      for (let k = 0; k < 60; k++) if (dps.get(BASE + h * 3600 + k * 60) !== i * 10_000 + h * 60 + k) f.wrongPoints++;
      if (counts.get(`h${i}`)?.get(BASE + h * 3600) !== 60) f.wrongCounts++;
    }
    f.expectedPoints += o.hours * 60;
    f.wrongPoints += Math.max(0, dps.size - o.hours * 60);
  }
  for (let h = 0; h < o.hours; h++) {
    for (let m = 0; m < o.newMetricsPerHour; m++) {
      const dps = (await queryByTag(url, `conc.new.h${h}.m${m}`, 'host', BASE, end)).get(`new${m}`);
      f.expectedPoints++;
      if (dps?.get(BASE + h * 3600) !== m || dps.size !== 1) f.wrongPoints++;
    }
  }
}

/** Every name maps to one UID, and every UID a data row uses is the UID its name maps to. */
async function checkUids(store: Store, uidTable: string, dataTable: string, f: ConcurrentFigures): Promise<void> {
  const forward = new Map<string, string>();
  const reverse = new Map<string, string>();
  for await (const rows of store.scan(uidTable, { families: [ID_FAMILY, NAME_FAMILY] })) {
    for (const row of rows) {
      if (row.key.length === 1 && row.key[0] === 0) continue;
      for (const c of row.cells) {
        const kind = c.qualifier.toString('latin1') as UidKind;
        if (!UID_KINDS.includes(kind)) continue;
        if (c.family === ID_FAMILY) forward.set(`${kind}:${row.key.toString('latin1')}`, c.value.toString('hex'));
        else reverse.set(`${kind}:${row.key.toString('hex')}`, c.value.toString('latin1'));
      }
    }
  }
  for (const [uid, name] of reverse) {
    const kind = uid.split(':')[0];
    const mapped = forward.get(`${kind}:${name}`);
    if (mapped === undefined) f.unmappedNames.push(`${kind} ${name}`);
    else if (`${kind}:${mapped}` !== uid) f.leakedUids++;
  }
  const used = new Set<string>();
  for await (const rows of store.scan(dataTable, { filter: { type: 'keyOnly' } })) {
    for (const row of rows) {
      used.add(`metrics:${row.key.toString('hex', 0, 3)}`);
      for (let at = 7; at + 6 <= row.key.length; at += 6) {
        used.add(`tagk:${row.key.toString('hex', at, at + 3)}`);
        used.add(`tagv:${row.key.toString('hex', at + 3, at + 6)}`);
      }
    }
  }
  for (const uid of used) {
    const name = reverse.get(uid);
    const kind = uid.split(':')[0];
    if (name === undefined || forward.get(`${kind}:${name}`) !== uid.slice(kind.length + 1)) f.strayUids.push(`${uid} (${name ?? 'no name'})`);
  }
}
