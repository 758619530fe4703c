/**
 * ClientService.Scan in its three shapes (spec/hbase.md §2.8): open (a Scan on a region, first
 * batch included), next (by scanner id, numbered by next_call_seq), and close.
 */
import type { ColumnSelection, ScanFilter, StoredRow } from '../../store';
import { filterProto } from '../filters/filter-proto';
import { decodeMessage, encodeMessage, has } from '../proto/hbase-proto';
import { type LongBits, fromLong, toLong } from '../proto/long';
import type { ScanResponse } from '../proto/messages';
import type { RpcReply } from '../rpc/rpc-connection';
import { blockRow, cellBlockOf, columnsProto, resultToRow } from './cells';
import { type HCall, regionSpecifier } from './hcall';

/** What one scan RPC answered. */
export interface ScanBatch {
  readonly scannerId: bigint;
  readonly rows: StoredRow[];
  /** False: the whole scan is over (a filter said so). */
  readonly moreResults: boolean;
  /** False: this region is exhausted and the server closed the scanner. */
  readonly moreResultsInRegion: boolean;
  /** An empty keep-alive during a long filtered scan: just ask again. */
  readonly heartbeat: boolean;
}

export interface ScanSpec {
  readonly select?: ColumnSelection;
  readonly filter?: ScanFilter;
  readonly reverse: boolean;
  /** Whether `start` itself is returned (false when resuming after the last row seen). */
  readonly includeStart: boolean;
  readonly start: Buffer;
  readonly stop: Buffer;
}

/** Rows are kept whole by the server (we never ask for partials); this bounds one answer's bytes. */
const MAX_RESULT_SIZE = toLong(2n * 1024n * 1024n, true);

/** Decodes any ScanResponse (open, next or close). */
export function decodeScanBatch(reply: RpcReply): ScanBatch {
  const res = decodeMessage<ScanResponse>('ScanResponse', reply.body);
  const rows: StoredRow[] = [];
  const block = cellBlockOf(reply);
  // With a cell-block codec the rows are counts in cells_per_result, their cells in the block.
  for (const count of res.cells_per_result) {
    const row = blockRow(block, count);
    if (row) rows.push(row);
  }
  for (const r of res.results) {
    const row = resultToRow(r, block);
    if (row) rows.push(row);
  }
  return {
    scannerId: fromLong(res.scanner_id),
    rows,
    moreResults: has(res, 'more_results') ? res.more_results : true,
    // Servers before 1.1 did not send it: then only an empty answer ends the region.
    moreResultsInRegion: has(res, 'more_results_in_region') ? res.more_results_in_region : rows.length > 0,
    heartbeat: res.heartbeat_message === true,
  };
}

export function openScanCall(table: string, spec: ScanSpec, rows: number): HCall<ScanBatch> {
  const scan = {
    column: columnsProto(spec.select),
    start_row: spec.start,
    stop_row: spec.stop,
    max_versions: 1,
    reversed: spec.reverse,
    include_start_row: spec.includeStart,
    // Sent explicitly: without it HBase 2 takes start == stop as an old client's Get.
    include_stop_row: false,
    max_result_size: MAX_RESULT_SIZE,
    caching: rows,
    ...(spec.filter ? { filter: filterProto(spec.filter) } : {}),
  };
  return {
    method: 'Scan',
    table,
    row: spec.start,
    encode: (regionName) =>
      encodeMessage('ScanRequest', {
        region: regionSpecifier(regionName),
        scan,
        number_of_rows: rows,
        client_handles_heartbeats: true,
      }),
    decode: decodeScanBatch,
  };
}

/** The ScanRequest of a next call on an open scanner. */
export function nextScanRequest(scannerId: bigint, rows: number, seq: bigint): Uint8Array {
  const id: LongBits = toLong(scannerId, true);
  return encodeMessage('ScanRequest', {
    scanner_id: id,
    number_of_rows: rows,
    next_call_seq: toLong(seq, true),
    client_handles_heartbeats: true,
  });
}


/** The ScanRequest that closes a scanner (and fetches nothing). */
export function closeScanRequest(scannerId: bigint): Uint8Array {
  return encodeMessage('ScanRequest', { scanner_id: toLong(scannerId, true), number_of_rows: 0, close_scanner: true });
}
