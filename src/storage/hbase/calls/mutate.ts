/**
 * ClientService.Mutate: put, delete, increment and append (with a nonce, so a retried one is
 * applied once) and check-and-put (spec/hbase.md §2.7). `mutationProto` is shared with Multi.
 */
import type { CellWrite, Mutation } from '../../store';
import { decodeMessage, encodeMessage } from '../proto/hbase-proto';
import { type LongBits, toLong } from '../proto/long';
import type { MutateResponse } from '../proto/messages';
import { cellBlockOf, resultToRow } from './cells';
import { type HCall, regionSpecifier } from './hcall';

const APPEND = 0;
const INCREMENT = 1;
const PUT = 2;
const DELETE = 3;
const DELETE_MULTIPLE_VERSIONS = 1;
const DELETE_FAMILY = 2;
const COMPARE_EQUAL = 2;

/** Cells grouped by family as ColumnValue messages; a cell without timestamp gets server time. */
function columnValues(cells: readonly CellWrite[]): object[] {
  const byFamily = new Map<string, object[]>();
  for (const c of cells) {
    const list = byFamily.get(c.family) ?? [];
    const qv: Record<string, unknown> = { qualifier: c.qualifier, value: c.value };
    if (c.timestamp !== undefined) qv.timestamp = toLong(BigInt(c.timestamp));
    list.push(qv);
    byFamily.set(c.family, list);
  }
  return [...byFamily].map(([family, qualifier_value]) => ({ family: Buffer.from(family, 'utf8'), qualifier_value }));
}

/** The MutationProto of a Store mutation. */
export function mutationProto(m: Mutation): object {
  if (m.type === 'put') return { row: m.row, mutate_type: PUT, column_value: columnValues(m.cells) };
  if (m.family === undefined) return { row: m.row, mutate_type: DELETE }; // no columns: the whole row
  const qualifier_value =
    m.qualifiers === undefined
      ? [{ delete_type: DELETE_FAMILY }]
      : m.qualifiers.map((q) => ({ qualifier: q, delete_type: DELETE_MULTIPLE_VERSIONS }));
  return { row: m.row, mutate_type: DELETE, column_value: [{ family: Buffer.from(m.family, 'utf8'), qualifier_value }] };
}

/** A Mutate without condition that answers nothing worth reading (put, delete). */
export function mutateCall(table: string, m: Mutation): HCall<void> {
  const mutation = mutationProto(m);
  return {
    method: 'Mutate',
    table,
    row: m.row,
    encode: (regionName) => encodeMessage('MutateRequest', { region: regionSpecifier(regionName), mutation }),
    decode: () => undefined,
  };
}

/** What makes a retried increment or append safe: the server applies one (group, nonce) once. */
export interface Nonce {
  readonly group: LongBits;
  readonly nonce: LongBits;
}

/** A one-cell INCREMENT or APPEND carrying a nonce; `decode` reads the answer. */
function nonceCall<R>(
  table: string,
  row: Buffer,
  cell: { type: number; family: string; qualifier: Buffer; value: Buffer; attribute?: object[] },
  nonce: Nonce,
  decode: HCall<R>['decode'],
): HCall<R> {
  const mutation = {
    row,
    mutate_type: cell.type,
    column_value: [{ family: Buffer.from(cell.family, 'utf8'), qualifier_value: [{ qualifier: cell.qualifier, value: cell.value }] }],
    attribute: cell.attribute ?? [],
    nonce: nonce.nonce,
  };
  return {
    method: 'Mutate',
    table,
    row,
    encode: (regionName) =>
      encodeMessage('MutateRequest', { region: regionSpecifier(regionName), mutation, nonce_group: nonce.group }),
    decode,
  };
}

/** Adds `delta` to an 8-byte counter and resolves with the new value. */
export function incrementCall(table: string, row: Buffer, family: string, qualifier: Buffer, delta: bigint, nonce: Nonce): HCall<bigint> {
  const value = Buffer.alloc(8);
  value.writeBigInt64BE(BigInt.asIntN(64, delta));
  return nonceCall(table, row, { type: INCREMENT, family, qualifier, value }, nonce, (reply) => {
    const cell = resultToRow(decodeMessage<MutateResponse>('MutateResponse', reply.body).result, cellBlockOf(reply))?.cells[0];
    if (!cell || cell.value.length !== 8) throw new TypeError(`Increment answered without an 8-byte value in table '${table}'`);
    return cell.value.readBigInt64BE(0);
  });
}

/**
 * Appends `value` to a cell (absent = empty). The attribute `_rr_` = false (Append's
 * setReturnResults(false)) spares sending back a value that grows with every append.
 */
export function appendCall(table: string, row: Buffer, family: string, qualifier: Buffer, value: Buffer, nonce: Nonce): HCall<void> {
  const attribute = [{ name: '_rr_', value: Buffer.from([0]) }];
  return nonceCall(table, row, { type: APPEND, family, qualifier, value, attribute }, nonce, () => undefined);
}

/**
 * checkAndPut with EQUAL and a BinaryComparator: an empty `expected` holds when the cell is absent
 * (or empty), which is how asynchbase's compareAndSet(put, EMPTY) says "create only if absent".
 */
export function checkAndPutCall(table: string, row: Buffer, cell: CellWrite, expected: Buffer): HCall<boolean> {
  const comparator = {
    name: 'org.apache.hadoop.hbase.filter.BinaryComparator',
    serialized_comparator: encodeMessage('BinaryComparator', { comparable: { value: expected } }),
  };
  const condition = { row, family: Buffer.from(cell.family, 'utf8'), qualifier: cell.qualifier, compare_type: COMPARE_EQUAL, comparator };
  const mutation = mutationProto({ type: 'put', table, row, cells: [cell] });
  return {
    method: 'Mutate',
    table,
    row,
    encode: (regionName) =>
      encodeMessage('MutateRequest', { region: regionSpecifier(regionName), mutation, condition }),
    decode: (reply) => decodeMessage<MutateResponse>('MutateResponse', reply.body).processed === true,
  };
}
