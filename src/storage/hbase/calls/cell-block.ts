/**
 * Cell blocks of org.apache.hadoop.hbase.codec.KeyValueCodec (spec/hbase.md §2.3), which we ask for
 * in the ConnectionHeader as asynchbase and gohbase do: results then carry only cell counts in
 * protobuf, and the cells follow the response message as KeyValues, each prefixed by its length:
 *   total(4) | keyLength(4) valueLength(4) | rowLength(2) row familyLength(1) family qualifier
 *   timestamp(8) type(1) | value
 * Cells are slices of the response buffer (no copy).
 */
import type { Cell } from '../../store';

export interface BlockCell extends Cell {
  readonly row: Buffer;
}

export class CellBlockError extends Error {
  override name = 'CellBlockError';
}

/** Reads cells in order from one response's cell block. */
export class CellBlockReader {
  #offset = 0;
  #familyBytes: Buffer | undefined;
  #family = '';

  constructor(private readonly block: Buffer) {}

  get remaining(): number {
    return this.block.length - this.#offset;
  }

  /** The next `count` cells; throws CellBlockError when the block is shorter or malformed. */
  take(count: number): BlockCell[] {
    const cells: BlockCell[] = new Array(count);
    for (let i = 0; i < count; i++) cells[i] = this.#next();
    return cells;
  }

  #next(): BlockCell {
    const b = this.block;
    const start = this.#offset;
    if (start + 4 > b.length) throw new CellBlockError('Cannot read a cell: the cell block ended');
    const total = b.readUInt32BE(start);
    const end = start + 4 + total;
    if (total < 8 || end > b.length) throw new CellBlockError(`Cannot read a cell of ${total} bytes at ${start}: the cell block has ${b.length}`);
    const keyLength = b.readUInt32BE(start + 4);
    const valueLength = b.readUInt32BE(start + 8);
    const key = start + 12;
    if (keyLength < 12 || 8 + keyLength + valueLength !== total) throw new CellBlockError(`Cannot read a cell at ${start}: key ${keyLength} and value ${valueLength} bytes do not add up to ${total}`);
    const timestampAt = key + keyLength - 9;
    const familyAt = key + 2 + b.readUInt16BE(key);
    const qualifierAt = familyAt < timestampAt ? familyAt + 1 + b[familyAt] : Infinity;
    if (qualifierAt > timestampAt) throw new CellBlockError(`Cannot read a cell at ${start}: row and family overrun its key`);
    const familyBytes = b.subarray(familyAt + 1, qualifierAt);
    // Rows usually hold one family: decode its name once.
    if (!this.#familyBytes || !this.#familyBytes.equals(familyBytes)) {
      this.#familyBytes = familyBytes;
      this.#family = familyBytes.toString('utf8');
    }
    this.#offset = end;
    return {
      row: b.subarray(key + 2, familyAt),
      family: this.#family,
      qualifier: b.subarray(qualifierAt, timestampAt),
      timestamp: Number(b.readBigInt64BE(timestampAt)),
      value: b.subarray(key + keyLength, end),
    };
  }
}
