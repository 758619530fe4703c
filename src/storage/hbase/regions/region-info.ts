/**
 * Regions as hbase:meta describes them (spec/hbase.md §2.6): the meta row key is the region name
 * `<table>,<start key>,<region id>.<encoded name>.`, family `info` holds `regioninfo` (PBUF +
 * RegionInfo) and `server` (`host:port`).
 */
import { decodeMessage } from '../proto/hbase-proto';
import { longToNumber } from '../proto/long';
import type { StoredRow } from '../../store';
import type { RegionInfoProto, TableNameProto } from '../proto/messages';

export interface RegionLocation {
  /** The full region name (meta row key): what RegionSpecifier REGION_NAME carries. */
  readonly name: Buffer;
  readonly table: string;
  readonly startKey: Buffer;
  /** Empty = the table's last region. */
  readonly endKey: Buffer;
  readonly regionId: number;
  readonly host: string;
  readonly port: number;
  readonly offline: boolean;
  readonly split: boolean;
}

/** The meta region itself; it never splits in HBase 2. */
export const META_TABLE = 'hbase:meta';
export const META_REGION_NAME = Buffer.from('hbase:meta,,1', 'latin1');

/** Unsigned byte order, as HBase sorts rows. */
export const compareBytes = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

/** `ns:table` → TableName proto; no namespace means `default`. */
export function tableNameProto(table: string): { namespace: Buffer; qualifier: Buffer } {
  const i = table.indexOf(':');
  return i < 0
    ? { namespace: Buffer.from('default'), qualifier: Buffer.from(table) }
    : { namespace: Buffer.from(table.slice(0, i)), qualifier: Buffer.from(table.slice(i + 1)) };
}

/** TableName proto → `table` (default namespace omitted, as HBase prints it) or `ns:table`. */
export function tableNameString(t: TableNameProto): string {
  const ns = Buffer.from(t.namespace).toString('utf8');
  const q = Buffer.from(t.qualifier).toString('utf8');
  return ns === 'default' ? q : `${ns}:${q}`;
}

/** Whether `row` falls inside [startKey, endKey). */
export function regionContains(region: Pick<RegionLocation, 'startKey' | 'endKey'>, row: Uint8Array): boolean {
  return compareBytes(region.startKey, row) <= 0 && (region.endKey.length === 0 || compareBytes(row, region.endKey) < 0);
}

const PBUF = Buffer.from('PBUF', 'latin1');
const FAMILY_INFO = 'info';

/** Reads a meta row into a location; null when it lacks `regioninfo` (`server` is optional). */
export function regionFromMetaRow(row: StoredRow): RegionLocation | null {
  let info: RegionInfoProto | undefined;
  let server = '';
  for (const cell of row.cells) {
    if (cell.family !== FAMILY_INFO) continue;
    const q = cell.qualifier.toString('latin1');
    if (q === 'regioninfo') {
      const v = cell.value;
      info = decodeMessage<RegionInfoProto>('RegionInfo', v.subarray(0, 4).equals(PBUF) ? v.subarray(4) : v);
    } else if (q === 'server') {
      server = cell.value.toString('utf8');
    }
  }
  if (!info) return null;
  const colon = server.lastIndexOf(':');
  return {
    name: Buffer.from(row.key),
    table: tableNameString(info.table_name),
    startKey: Buffer.from(info.start_key ?? Buffer.alloc(0)),
    endKey: Buffer.from(info.end_key ?? Buffer.alloc(0)),
    regionId: longToNumber(info.region_id),
    host: colon > 0 ? server.slice(0, colon) : '',
    port: colon > 0 ? Number(server.slice(colon + 1)) : 0,
    offline: info.offline === true,
    split: info.split === true,
  };
}
