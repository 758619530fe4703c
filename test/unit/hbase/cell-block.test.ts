import { CellBlockError, CellBlockReader } from '../../../src/storage/hbase/calls/cell-block';
import { blockRow } from '../../../src/storage/hbase/calls/cells';

/** One KeyValueCodec cell: length prefix, then KeyValue (type 4 = Put). */
function keyValue(row: string, family: string, qualifier: Buffer, ts: bigint, value: Buffer): Buffer {
  const r = Buffer.from(row, 'latin1');
  const f = Buffer.from(family);
  const key = Buffer.alloc(2 + r.length + 1 + f.length + qualifier.length + 9);
  let o = key.writeUInt16BE(r.length, 0);
  o += r.copy(key, o);
  o = key.writeUInt8(f.length, o);
  o += f.copy(key, o);
  o += qualifier.copy(key, o);
  o = key.writeBigInt64BE(ts, o);
  key.writeUInt8(4, o);
  const head = Buffer.alloc(12);
  head.writeUInt32BE(8 + key.length + value.length, 0);
  head.writeUInt32BE(key.length, 4);
  head.writeUInt32BE(value.length, 8);
  return Buffer.concat([head, key, value]);
}

describe('CellBlockReader', () => {
  const block = Buffer.concat([
    keyValue('r1', 't', Buffer.from([0x00, 0x10]), 1_700_000_000_123n, Buffer.from([1])),
    keyValue('r1', 't', Buffer.alloc(0), 5n, Buffer.alloc(0)),
    keyValue('r\xff', 'name', Buffer.from('metrics'), 9n, Buffer.from('uid!')),
  ]);

  it('reads KeyValues in order as slices of the block', () => {
    const reader = new CellBlockReader(block);
    const [a, b] = reader.take(2);
    expect([a.row.toString(), a.family, a.qualifier.toString('hex'), a.timestamp, a.value.toString('hex')]).toEqual(['r1', 't', '0010', 1_700_000_000_123, '01']);
    expect([b.qualifier.length, b.value.length, b.timestamp]).toEqual([0, 0, 5]);
    const [c] = reader.take(1);
    expect([c.row.toString('latin1'), c.family, c.qualifier.toString(), c.value.toString()]).toEqual(['r\xff', 'name', 'metrics', 'uid!']);
    expect(reader.remaining).toBe(0);
  });

  it('groups counted cells into rows', () => {
    const reader = new CellBlockReader(block);
    expect(blockRow(reader, 2)?.cells.map((x) => x.qualifier.toString('hex'))).toEqual(['0010', '']);
    expect(blockRow(reader, 1)?.key.toString('latin1')).toBe('r\xff');
    expect(blockRow(reader, 0)).toBeNull();
  });

  it.each([
    ['a block shorter than its counts', block.subarray(0, block.length - 1)],
    ['a cell length past the end', Buffer.from([0, 0, 1, 0, 0, 0])],
    ['lengths that do not add up', (() => { const b = Buffer.from(block); b.writeUInt32BE(3, 8); return b; })()],
    ['a row length overrunning the key', (() => { const b = Buffer.from(block); b.writeUInt16BE(0xffff, 12); return b; })()],
  ])('rejects %s', (_name, bad) => {
    expect(() => new CellBlockReader(bad).take(3)).toThrow(CellBlockError);
  });
});
