/**
 * Conversions between the Store's rows and cells and HBase's Result/Column messages. A Result's
 * cells are either inside it (protobuf Cell messages) or, with a cell-block codec, counted by
 * `associated_cell_count` and read from the response's cell block.
 */
import type { Cell, ColumnSelection, StoredRow } from '../../store';
import { has } from '../proto/hbase-proto';
import { longToNumber } from '../proto/long';
import type { ResultProto } from '../proto/messages';
import type { RpcReply } from '../rpc/rpc-connection';
import { CellBlockReader } from './cell-block';

/** The cell-block reader of a reply, if it carries a block. */
export function cellBlockOf(reply: RpcReply): CellBlockReader | undefined {
  return reply.cellBlock && reply.cellBlock.length > 0 ? new CellBlockReader(reply.cellBlock) : undefined;
}

/** Cells of `count` from the block as a row; null when there are none. */
export function blockRow(block: CellBlockReader | undefined, count: number): StoredRow | null {
  if (count === 0 || !block) return null;
  const cells = block.take(count);
  return { key: cells[0].row, cells: cells.map(({ family, qualifier, value, timestamp }) => ({ family, qualifier, value, timestamp })) };
}

/** A Result as a StoredRow; null when it holds no cell. Cells come sorted from the server. */
export function resultToRow(result: ResultProto | undefined, block?: CellBlockReader): StoredRow | null {
  if (!result) return null;
  if (has(result, 'associated_cell_count') && result.associated_cell_count > 0) return blockRow(block, result.associated_cell_count);
  if (result.cell.length === 0) return null;
  const cells: Cell[] = new Array(result.cell.length);
  let family = '';
  let familyBytes: Buffer | undefined;
  for (let i = 0; i < result.cell.length; i++) {
    const c = result.cell[i];
    // Rows often carry one family: decode its name once.
    if (!familyBytes || !familyBytes.equals(c.family)) {
      familyBytes = c.family;
      family = c.family.toString('utf8');
    }
    cells[i] = { family, qualifier: c.qualifier, value: c.value, timestamp: longToNumber(c.timestamp) };
  }
  return { key: result.cell[0].row, cells };
}

/** A ColumnSelection as repeated Column messages: a family alone means all its qualifiers. */
export function columnsProto(select: ColumnSelection | undefined): object[] {
  if (!select) return [];
  const whole = new Set(select.families ?? []);
  const byFamily = new Map<string, Buffer[]>();
  for (const col of select.columns ?? []) {
    if (whole.has(col.family)) continue;
    const list = byFamily.get(col.family) ?? [];
    list.push(...col.qualifiers.map((q) => Buffer.from(q)));
    byFamily.set(col.family, list);
  }
  return [
    ...[...whole].map((f) => ({ family: Buffer.from(f, 'utf8'), qualifier: [] })),
    ...[...byFamily].map(([f, qs]) => ({ family: Buffer.from(f, 'utf8'), qualifier: qs })),
  ];
}
