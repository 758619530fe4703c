/**
 * A data table's cells in a form two tables can be compared in: every row key rewritten from the UIDs
 * of the table set that wrote it to the UIDs another set gave the same names (tags re-sorted, salt
 * recomputed), then each cell as hex (qualifier, value). Cell timestamps are left out.
 */
import { RowKeyCodec } from '../../src/core/row-key';
import type { Store } from '../../src/storage/store';
import type { UidKind } from '../../src/uid/uid-kind';
import type { UidTable } from './uid-table';

export interface DumpedRow {
  readonly key: string;
  readonly cells: string[];
}

/** Maps a UID of `from` to the UID `to` holds for the same name. */
function mapper(from: UidTable, to: UidTable): (kind: UidKind, uid: Buffer) => Buffer {
  return (kind, uid) => {
    const name = from.reverse.get(kind)?.get(uid.toString('hex').toUpperCase());
    const id = name === undefined ? undefined : to.forward.get(kind)?.get(name);
    if (id === undefined) throw new Error(`No ${kind} UID in the other table for ${uid.toString('hex')} (${name})`);
    return Buffer.from(id, 'hex');
  };
}

/**
 * Every row of `table` whose metric is one of `metrics`, keys mapped from the UIDs of `from` (the
 * writing set's UID table) into those of `to` (identity when both are the same table).
 */
export async function dumpRows(
  store: Store, table: string, codec: RowKeyCodec, from: UidTable, to: UidTable, metrics: readonly string[],
): Promise<DumpedRow[]> {
  const map = mapper(from, to);
  const out: DumpedRow[] = [];
  for await (const batch of store.scan(table, {})) {
    for (const row of batch) {
      const metric = from.reverse.get('metrics')?.get(codec.metric(row.key).toString('hex').toUpperCase());
      if (metric === undefined || !metrics.includes(metric)) continue;
      const salt = row.key.subarray(0, codec.layout.saltWidth);
      // The salt a row carries must be the one computed from its own key.
      const resalted = codec.prefixKeyWithSalt(Buffer.from(row.key));
      if (!resalted.subarray(0, salt.length).equals(salt)) throw new Error(`Row ${row.key.toString('hex')} has a wrong salt`);
      const pairs = codec.tags(row.key).map(([k, v]) => Buffer.concat([map('tagk', k), map('tagv', v)]));
      const key = codec.build(map('metrics', codec.metric(row.key)), pairs, codec.baseTime(row.key));
      out.push({ key: key.toString('hex'), cells: row.cells.map((c) => `${c.family}:${c.qualifier.toString('hex')}=${c.value.toString('hex')}`) });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
