/**
 * LevelDB keys that sort exactly as HBase sorts (table, row, family, qualifier):
 *
 *   [table id: 1][escaped row][00 01][family id: 1][qualifier, raw]
 *
 * The row is escaped (0x00 → 00 FF) and ends with 00 01, so a row that is a prefix of another sorts
 * first, as in HBase, and rows of any length share one key space. Family ids are given in name order
 * when a table is created, so cells of a row come out ordered by family name then qualifier. The
 * qualifier is last and needs no escaping. Table id 0 is the catalog.
 *
 * Values are [cell timestamp ms: 8 bytes big-endian][value bytes].
 */

const ZERO_ESCAPE = 0xff;
const ROW_END = 0x01;

/** Length of the escaped row: one extra byte per zero byte. */
function escapedLength(row: Buffer): number {
  let n = row.length;
  for (let i = 0; i < row.length; i++) if (row[i] === 0) n++;
  return n;
}

function writeEscapedRow(out: Buffer, at: number, row: Buffer): number {
  for (let i = 0; i < row.length; i++) {
    const b = row[i];
    out[at++] = b;
    if (b === 0) out[at++] = ZERO_ESCAPE;
  }
  return at;
}

/** The key prefix of every cell of `row`: table id, escaped row, terminator. */
export function rowPrefix(tableId: number, row: Buffer): Buffer {
  const out = Buffer.allocUnsafe(1 + escapedLength(row) + 2);
  out[0] = tableId;
  let at = writeEscapedRow(out, 1, row);
  out[at++] = 0;
  out[at] = ROW_END;
  return out;
}

/** The key of one cell. */
export function cellKey(tableId: number, row: Buffer, familyId: number, qualifier: Buffer): Buffer {
  const out = Buffer.allocUnsafe(1 + escapedLength(row) + 3 + qualifier.length);
  out[0] = tableId;
  let at = writeEscapedRow(out, 1, row);
  out[at++] = 0;
  out[at++] = ROW_END;
  out[at++] = familyId;
  qualifier.copy(out, at);
  return out;
}

/** The key of a family's first cell in a row; the family's cells are [familyStart, familyStart(id+1)). */
export function familyStart(tableId: number, row: Buffer, familyId: number): Buffer {
  return cellKey(tableId, row, familyId, Buffer.alloc(0));
}

/**
 * Lower bound of the rows ≥ `row`: rows that sort before `row` encode below it, and every cell of
 * `row` and of later rows encodes at or above it.
 */
export function rowLowerBound(tableId: number, row: Buffer): Buffer {
  const out = Buffer.allocUnsafe(1 + escapedLength(row));
  out[0] = tableId;
  writeEscapedRow(out, 1, row);
  return out;
}

/** Upper bound (exclusive) of the cells of `row` itself: rows > `row` encode at or above it. */
export function rowUpperBound(tableId: number, row: Buffer): Buffer {
  const p = rowPrefix(tableId, row);
  p[p.length - 1] = ROW_END + 1;
  return p;
}

/** Index just past the row terminator of an encoded cell key (where the family id sits). */
export function rowEnd(key: Buffer): number {
  let i = 1;
  for (;;) {
    if (key[i] === 0) {
      if (key[i + 1] === ROW_END) return i + 2;
      i += 2;
    } else {
      i++;
    }
  }
}

/** Decodes the row of a cell key whose terminator ends just before `end` (from rowEnd). */
export function decodeRow(key: Buffer, end: number): Buffer {
  const escaped = key.subarray(1, end - 2);
  let zeros = 0;
  for (let i = 0; i < escaped.length; i++) if (escaped[i] === 0) zeros++;
  if (zeros === 0) return Buffer.from(escaped);
  const row = Buffer.allocUnsafe(escaped.length - zeros);
  let at = 0;
  for (let i = 0; i < escaped.length; i++) {
    row[at++] = escaped[i];
    if (escaped[i] === 0) i++;
  }
  return row;
}

export function encodeValue(timestamp: number, value: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + value.length);
  out.writeUInt32BE(Math.floor(timestamp / 0x100000000), 0);
  out.writeUInt32BE(timestamp % 0x100000000, 4);
  value.copy(out, 8);
  return out;
}

export function valueTimestamp(stored: Buffer): number {
  return stored.readUInt32BE(0) * 0x100000000 + stored.readUInt32BE(4);
}

export function valueBytes(stored: Buffer): Buffer {
  return stored.subarray(8);
}
