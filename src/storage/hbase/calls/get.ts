/** ClientService.Get of one row (never `closest_row_before`, which HBase 2 rejects). */
import type { ColumnSelection, ScanFilter, StoredRow } from '../../store';
import { filterProto } from '../filters/filter-proto';
import { decodeMessage, encodeMessage } from '../proto/hbase-proto';
import type { GetResponse } from '../proto/messages';
import { cellBlockOf, columnsProto, resultToRow } from './cells';
import { type HCall, regionSpecifier } from './hcall';

export function getCall(table: string, row: Buffer, select?: ColumnSelection, filter?: ScanFilter): HCall<StoredRow | null> {
  const get = { row, column: columnsProto(select), max_versions: 1, ...(filter ? { filter: filterProto(filter) } : {}) };
  return {
    method: 'Get',
    table,
    row,
    encode: (regionName) => encodeMessage('GetRequest', { region: regionSpecifier(regionName), get }),
    decode: (reply) => resultToRow(decodeMessage<GetResponse>('GetResponse', reply.body).result, cellBlockOf(reply)),
  };
}
