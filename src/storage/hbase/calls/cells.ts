/**
 * Conversions between the Store's rows and cells and HBase's Cell/Result/Column messages.
 */
import type { Cell, ColumnSelection, StoredRow } from '../../store';
import { longToNumber } from '../proto/long';
import type { ResultProto } from '../proto/messages';

/** A Result as a StoredRow; null when it holds no cell. Cells come sorted from the server. */
export function resultToRow(result: ResultProto | undefined): StoredRow | null {
  if (!result || result.cell.length === 0) return null;
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
