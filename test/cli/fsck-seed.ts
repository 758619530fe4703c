/**
 * Rows with every kind of damage `tsdb fsck` knows, written cell by cell (explicit cell timestamps) into
 * a data table: duplicates, a legacy 8-byte float flagged as 4 bytes, an 8-byte integer that fits one
 * byte, an unknown cell, an annotation, an object of a future version, a compacted cell with a bad
 * meta byte, an out-of-order compacted cell, a row key of the wrong length and a row of an unknown UID.
 */
import type { TSDB } from '../../src/tsdb';

export const SEED_METRIC = 'fsck.metric';
export const BASE = 1356998400;

const hex = (s: string): Buffer => Buffer.from(s.replace(/ /g, ''), 'hex');

/** The row key of `host=<value>` at BASE (tagv UIDs 1..4 = a..d); `tagv` overrides the UID. */
export async function seedKey(tsdb: TSDB, host: string, tagv?: Buffer): Promise<Buffer> {
  const metric = await tsdb.uids.metrics.getOrCreateId(SEED_METRIC);
  const k = await tsdb.uids.tagk.getOrCreateId('host');
  const v = tagv ?? (await tsdb.uids.tagv.getOrCreateId(host));
  return tsdb.codec.build(metric, [Buffer.concat([k, v])], BASE);
}

export async function seedFsckRows(tsdb: TSDB): Promise<Record<string, Buffer>> {
  const keys = {
    a: await seedKey(tsdb, 'a'),
    b: await seedKey(tsdb, 'b'),
    c: await seedKey(tsdb, 'c'),
    d: await seedKey(tsdb, 'd'),
    orphan: await seedKey(tsdb, 'unused', hex('000099')),
  };
  const badKey = Buffer.concat([keys.a.subarray(0, tsdb.codec.prefixLength), hex('0000')]);
  const t = tsdb.tables.data;
  const put = (row: Buffer, q: string, v: string, ts: number): Promise<void> =>
    tsdb.store.put(t, row, [{ family: 't', qualifier: hex(q), value: hex(v), timestamp: ts }]);
  // a: two values at +0 s (1 byte written first, 2 bytes later), one at +1 s.
  await put(keys.a, '0000', '01', 1000);
  await put(keys.a, '0001', '0002', 2000);
  await put(keys.a, '0010', '05', 1000);
  // b: 8-byte float flagged as 4 bytes (1.5), 8-byte integer 5, a 1-byte qualifier, an annotation, a future object.
  await put(keys.b, '000B', '00000000 3FC00000', 1000);
  await put(keys.b, '0017', '0000000000000005', 1000);
  await put(keys.b, '02', '00', 1000);
  await put(keys.b, '010000', Buffer.from('{"startTime":1356998400,"endTime":0,"description":"x","notes":"","custom":null}').toString('hex'), 1000);
  await put(keys.b, '070000', '00', 1000);
  // c: compacted cell whose meta byte is 5.
  await put(keys.c, '0000 0010', '01 02 05', 1000);
  // d: compacted cell out of order, and a single cell.
  await put(keys.d, '0010 0000', '02 01 00', 1000);
  await put(keys.d, '0020', '03', 1000);
  await put(badKey, '0000', '01', 1000);
  await put(keys.orphan, '0000', '01', 1000);
  return { ...keys, badKey };
}

/** The report OpenTSDB's Fsck gives for the seeded rows, before any fix. */
export const SEEDED_REPORT: Record<string, number> = {
  'Key Values Processed': 11,
  'Rows Processed': 5,
  'Valid Datapoints': 7,
  Annotations: 1,
  'Invalid Row Keys Found': 1,
  'Invalid Rows Deleted': 0,
  'Duplicate Datapoints': 1,
  'Duplicate Datapoints Resolved': 0,
  'Orphaned UID Rows': 1,
  'Orphaned UID Rows Deleted': 0,
  'Possible Future Objects': 1,
  'Unknown Objects': 1,
  'Unknown Objects Deleted': 0,
  'Unparseable Datapoint Values': 0,
  'Unparseable Datapoint Values Deleted': 0,
  'Improperly Encoded Floating Point Values': 1,
  'Improperly Encoded Floating Point Values Fixed': 0,
  'Unparseable Compacted Columns': 1,
  'Unparseable Compacted Columns Deleted': 0,
  'Datapoints Qualified for VLE ': 1,
  'Datapoints Compressed with VLE': 0,
  'Bytes Saved with VLE': 7,
  'Total Errors': 7,
  'Total Correctable Errors': 7,
  'Total Errors Fixed': 0,
};

/** `Name: N` report lines (wherever they are in the output, with or without a log prefix) as a record. */
export function reportOf(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(SEEDED_REPORT)) {
    const m = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\d+)`).exec(text);
    if (m) out[name] = Number(m[1]);
  }
  return out;
}

/** Every cell of the data table as `rowhex qualifierhex=valuehex`, sorted: what a fix left behind. */
export async function dataCells(tsdb: TSDB): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of tsdb.store.scan(tsdb.tables.data)) {
    for (const row of batch) for (const c of row.cells) out.push(`${row.key.toString('hex')} ${c.qualifier.toString('hex')}=${c.value.toString('hex')}`);
  }
  return out.sort();
}
