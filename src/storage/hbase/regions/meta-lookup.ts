/**
 * Region lookup as HBase 2's own client does it: a reverse scan of hbase:meta, one row, opened and
 * closed in one RPC, starting at a search key built from (table, row) and stopping at the table's
 * first region (spec/hbase.md §2.6). The answer is checked before it is trusted.
 */
import { TableNotFoundError } from '../../errors';
import { decodeScanBatch } from '../calls/scan';
import type { RpcReply } from '../rpc/rpc-connection';
import { RetryLaterError } from '../rpc/hbase-errors';
import { type RegionLocation, compareBytes, regionContains, regionFromMetaRow } from './region-info';

const NINES = '99999999999999';
const ZEROES = '00000000000000';

/**
 * The meta row to start the reverse scan at. `before` finds the region holding the rows just
 * below `row` (a reverse scan moving on); an empty `row` with `before` finds the last region.
 */
export function metaSearchKey(table: string, row: Uint8Array, before: boolean): Buffer {
  const name = Buffer.from(table, 'utf8');
  if (before && row.length === 0) return Buffer.concat([name, Buffer.from([0])]);
  return Buffer.concat([name, Buffer.from(','), Buffer.from(row), Buffer.from(`,${before ? ZEROES : NINES}`)]);
}

/** Where the reverse meta scan stops (exclusive): just before the table's first region name. */
export function metaStopKey(table: string): Buffer {
  return Buffer.from(`${table},,`, 'utf8');
}

/** The ScanRequest fields (without `region`) of one lookup. */
export function metaLookupScan(table: string, row: Uint8Array, before: boolean): object {
  return {
    scan: {
      start_row: metaSearchKey(table, row, before),
      stop_row: metaStopKey(table),
      column: [{ family: Buffer.from('info') }],
      reversed: true,
      caching: 1,
    },
    number_of_rows: 1,
    close_scanner: true,
    limit_of_rows: 1,
  };
}

/**
 * Checks the meta row a lookup returned: it must belong to the table, hold the row, be online and
 * assigned. A row of another table (or none) means the table does not exist; anything else is a
 * region in transition, to retry after a backoff.
 */
export function checkLookup(table: string, row: Uint8Array, before: boolean, region: RegionLocation | null): RegionLocation {
  if (!region || region.table !== table) throw new TableNotFoundError(table);
  const holds = before
    ? (row.length === 0 ? region.endKey.length === 0 : compareBytes(region.startKey, row) < 0 && (region.endKey.length === 0 || compareBytes(row, region.endKey) <= 0))
    : regionContains(region, row);
  const where = `'${Buffer.from(row).toString('hex')}' of table '${table}'`;
  if (!holds) throw new RetryLaterError(`No region holds row ${where} yet (a split or merge is under way)`);
  if (region.offline || region.split) throw new RetryLaterError(`The region of row ${where} is offline (split parent)`);
  if (!region.host || !region.port) throw new RetryLaterError(`The region of row ${where} is not assigned to a server`);
  return region;
}

/** The region in a lookup's ScanResponse, or null when meta had no row there. */
export function decodeMetaLookup(reply: RpcReply): RegionLocation | null {
  const row = decodeScanBatch(reply).rows[0];
  return row ? regionFromMetaRow(row) : null;
}
