/**
 * Sorts the cells of a data-table row into what they are (storage spec §8.4), deciding on qualifier
 * length first as OpenTSDB's query and compaction paths do: data columns (single points and compacted
 * cells), the append column, annotations, histograms, and unknown cells to skip.
 */
import type { Cell } from '../storage/store';
import { ANNOTATION_PREFIX, APPEND_PREFIX, FLAG_FLOAT, HISTOGRAM_PREFIX, LENGTH_MASK } from './const';
import { IllegalDataError } from './value-codec';

export interface ClassifiedRow {
  readonly data: Cell[];
  readonly appends: Cell[];
  readonly annotations: Cell[];
  readonly histograms: Cell[];
  readonly unknown: Cell[];
}

export function classifyCells(cells: readonly Cell[]): ClassifiedRow {
  const out: ClassifiedRow = { data: [], appends: [], annotations: [], histograms: [], unknown: [] };
  for (const c of cells) {
    const q = c.qualifier;
    if (q.length % 2 === 0) {
      if (q.length > 0) out.data.push(c);
      else out.unknown.push(c);
      continue;
    }
    if (q[0] === ANNOTATION_PREFIX && (q.length === 3 || q.length === 5)) out.annotations.push(c);
    else if (q[0] === APPEND_PREFIX && q.length === 3) out.appends.push(c);
    else if (q[0] === HISTOGRAM_PREFIX && (q.length === 3 || q.length === 5)) out.histograms.push(c);
    else out.unknown.push(c);
  }
  return out;
}

/**
 * Applies the legacy fix-ups readers owe single 2-byte-qualifier cells (Internal.fixFloatingPointValue,
 * fixQualifierFlags): an 8-byte value flagged as a 4-byte float keeps its last 4 bytes (the first 4
 * must be zero), and otherwise the length bits are recomputed from the value's length. Returns the
 * cell unchanged when nothing needed fixing.
 */
export function fixupSingleCell(cell: Cell): { cell: Cell; fixed: boolean } {
  const q = cell.qualifier;
  if (q.length !== 2) return { cell, fixed: false };
  const flags = q[1] & 0x0f;
  let value = cell.value;
  if ((flags & FLAG_FLOAT) !== 0 && (flags & LENGTH_MASK) === 3 && value.length === 8) {
    if (value.readUInt32BE(0) !== 0) {
      throw new IllegalDataError(`Corrupted floating point value: ${value.toString('hex')} flags=0x${flags.toString(16)}`);
    }
    value = value.subarray(4);
  }
  const lengthBits = (value.length - 1) & LENGTH_MASK;
  if (value === cell.value && (flags & LENGTH_MASK) === lengthBits) return { cell, fixed: false };
  const fixedQ = Buffer.from([q[0], (q[1] & ~LENGTH_MASK) | lengthBits]);
  return { cell: { ...cell, qualifier: fixedQ, value }, fixed: true };
}
