/**
 * The UID table as stored (tsdb-uid): forward mappings (name row, family `id`), reverse mappings (UID
 * row, family `name`) and the MAXID counters, read directly from HBase to check what two TSDs
 * assigning names side by side left behind.
 */
import { ID_FAMILY, MAXID_ROW, NAME_FAMILY, UID_KINDS, type UidKind } from '../../src/uid/uid-kind';
import type { Store } from '../../src/storage/store';

export interface UidTable {
  /** kind → name → UID hex (every forward mapping). */
  readonly forward: Map<UidKind, Map<string, string>>;
  /** kind → UID hex → name (every reverse mapping). */
  readonly reverse: Map<UidKind, Map<string, string>>;
  /** kind → the MAXID counter. */
  readonly maxId: Map<UidKind, bigint>;
}

export async function readUidTable(store: Store, table: string): Promise<UidTable> {
  const forward = new Map(UID_KINDS.map((k) => [k, new Map<string, string>()]));
  const reverse = new Map(UID_KINDS.map((k) => [k, new Map<string, string>()]));
  const maxId = new Map<UidKind, bigint>();
  for await (const batch of store.scan(table, {})) {
    for (const row of batch) {
      for (const cell of row.cells) {
        const kind = cell.qualifier.toString('latin1') as UidKind;
        if (!UID_KINDS.includes(kind)) continue;
        if (row.key.equals(MAXID_ROW) && cell.family === ID_FAMILY) maxId.set(kind, cell.value.readBigInt64BE(0));
        else if (cell.family === ID_FAMILY) forward.get(kind)?.set(row.key.toString('utf8'), cell.value.toString('hex').toUpperCase());
        else if (cell.family === NAME_FAMILY) reverse.get(kind)?.set(row.key.toString('hex').toUpperCase(), cell.value.toString('utf8'));
      }
    }
  }
  return { forward, reverse, maxId };
}
