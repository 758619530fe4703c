/**
 * Fsck's checks of one point's value (Fsck.fsckFloat, fsckInteger): lengths that disagree with the
 * qualifier, legacy 8-byte floats flagged as 4 bytes (with zero or sign-extended high bytes), and
 * 8-byte integers that fit fewer bytes (VLE). With --fix the point is corrected — in the row's new
 * compacted cell when the row is rewritten, else in place — or, with --delete-bad-values, its cell is
 * deleted. Each returns true when an error was left uncorrected, so the row is not rewritten.
 */
import type { Logger } from '../../logging/logger';
import type { Mutation } from '../../storage/store';
import { DATA_FAMILY } from '../../core/const';
import type { FsckCounters } from './fsck-counters';
import { declaredLength, describeCell, type FsckPoint } from './fsck-cells';
import type { FsckOptions } from './fsck-options';

export interface RowRepair {
  readonly key: Buffer;
  readonly table: string;
  readonly options: FsckOptions;
  readonly counters: FsckCounters;
  readonly logger: Logger;
  /** Whether the row will be rewritten as one compacted cell (it holds one, or --compact). */
  readonly compacting: boolean;
  /** Adds a point to the row's new compacted cell. */
  appendPoint(qualifier: Buffer, value: Buffer): void;
  /** Queues a change applied, in order, before the row's rewrite. */
  queue(m: Mutation): void;
}

const deleteCell = (r: RowRepair, p: FsckPoint): Mutation => ({ type: 'delete', table: r.table, row: r.key, family: p.cell.family, qualifiers: [p.cell.qualifier] });
const putCell = (r: RowRepair, qualifier: Buffer, value: Buffer): Mutation => ({ type: 'put', table: r.table, row: r.key, cells: [{ family: DATA_FAMILY, qualifier, value }] });

/** A bad value: deleted with --fix --delete-bad-values (single cells only); true when left as is. */
function badValue(r: RowRepair, p: FsckPoint, message: string, compactedIsError: boolean): boolean {
  r.counters.badValues++;
  r.logger.error(`${message}\n\t${describeCell(r.key, p.cell)}`);
  if (r.options.fix && r.options.deleteBadValues && !p.compacted) {
    r.queue(deleteCell(r, p));
    r.counters.badValuesDeleted++;
    return false;
  }
  if (p.compacted) {
    r.logger.error('The previous value was in a compacted column. This should not be possible.');
    r.counters.badCompactedColumns++;
    return compactedIsError;
  }
  return true;
}

/** An 8-byte float flagged as 4 bytes: keep its low 4 bytes. */
function shrinkFloat(r: RowRepair, p: FsckPoint): boolean {
  if (!r.options.fix || p.compacted) return true;
  const value = p.value.subarray(4);
  if (r.compacting) r.appendPoint(p.qualifier, value);
  else r.queue(putCell(r, p.qualifier, value));
  r.counters.valueEncodingFixed++;
  return false;
}

export function fsckFloat(r: RowRepair, p: FsckPoint): boolean {
  const length = declaredLength(p.qualifier);
  const v = p.value;
  if (length === 4 && v.length === 8) {
    if (v.readUInt32BE(0) === 0xffffffff && p.qualifier.length === 2) {
      r.counters.valueEncoding++;
      r.logger.error(`Floating point value with 0xFF most significant bytes, probably caused by the sign extension bug of old OpenTSDB versions.\n\t${describeCell(r.key, p.cell)}`);
      return shrinkFloat(r, p);
    }
    if (v.readUInt32BE(0) !== 0) {
      return badValue(r, p, 'Floating point value was marked as 4 bytes long but was actually 8 bytes long and the first four bytes were not zeroed', true);
    }
    r.counters.valueEncoding++;
    r.logger.warn(`Floating point value was marked as 4 bytes long but was actually 8 bytes long\n\t${describeCell(r.key, p.cell)}`);
    return shrinkFloat(r, p);
  }
  if (length === 8 && v.length === 4) {
    return badValue(r, p, `This floating point value was marked as 8 bytes long but was only ${v.length} bytes.`, false);
  }
  if (v.length !== 4 && v.length !== 8) {
    return badValue(r, p, `This floating point value must be encoded either on 4 or 8 bytes, but it's on ${v.length} bytes.`, true);
  }
  if (r.compacting) r.appendPoint(p.qualifier, v);
  return false;
}

/** The shortest of 1, 2, 4 bytes holding an 8-byte integer, or the 8 bytes when none does. */
function shortestInteger(v: Buffer): Buffer {
  const n = v.readBigInt64BE(0);
  if (n >= -128n && n <= 127n) return Buffer.from([Number(n) & 0xff]);
  const out = Buffer.alloc(n >= -32768n && n <= 32767n ? 2 : n >= -2147483648n && n <= 2147483647n ? 4 : 8);
  if (out.length === 2) out.writeInt16BE(Number(n));
  else if (out.length === 4) out.writeInt32BE(Number(n));
  else return v;
  return out;
}

export function fsckInteger(r: RowRepair, p: FsckPoint): boolean {
  const length = declaredLength(p.qualifier);
  if (p.value.length !== length) {
    // Fsck deletes the cell even when it is a compacted one; a compacted cell cannot get here.
    r.counters.badValues++;
    r.logger.error(`The integer value is ${p.value.length} bytes long but should be ${length} bytes.\n\t${describeCell(r.key, p.cell)}`);
    if (r.options.fix && r.options.deleteBadValues) {
      r.queue(deleteCell(r, p));
      r.counters.badValuesDeleted++;
      return false;
    }
    return true;
  }
  if (length !== 8) {
    if (r.compacting) r.appendPoint(p.qualifier, p.value);
    return false;
  }
  const value = shortestInteger(p.value);
  if (value.length < 8) {
    r.counters.vle++;
    r.counters.vleBytes += 8 - value.length;
  }
  if (value.length === 8 || !r.options.fix) {
    // OpenTSDB leaves such points out of the rewritten cell and then deletes their cells; keep them.
    if (r.compacting) r.appendPoint(p.qualifier, p.value);
    return false;
  }
  const qualifier = Buffer.from(p.qualifier);
  qualifier[qualifier.length - 1] = (qualifier[qualifier.length - 1] & 0xf0) | (value.length - 1);
  if (r.compacting) r.appendPoint(qualifier, value);
  else {
    r.queue(putCell(r, qualifier, value));
    r.queue(deleteCell(r, p));
  }
  r.counters.vleFixed++;
  return false;
}
