import { FrameDecoder, FrameTooLargeError } from '../../../src/storage/hbase/rpc/frame-decoder';

const frame = (body: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
};
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('FrameDecoder', () => {
  const a = Buffer.from('first frame body');
  const b = Buffer.from([0, 1, 2, 0xff]);
  const two = Buffer.concat([frame(a), frame(b)]);

  it.each(range(1, two.length))('decodes two frames split at byte %i', (cut) => {
    const d = new FrameDecoder(1024);
    const out = [...d.push(two.subarray(0, cut)), ...d.push(two.subarray(cut))];
    expect(out.map((f) => f.toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
    expect(d.buffered).toBe(0);
  });

  it('decodes byte by byte and an empty frame', () => {
    const d = new FrameDecoder(1024);
    const stream = Buffer.concat([frame(Buffer.alloc(0)), two]);
    const out: Buffer[] = [];
    for (const byte of stream) out.push(...d.push(Buffer.from([byte])));
    expect(out.map((f) => f.length)).toEqual([0, a.length, b.length]);
  });

  it('keeps an incomplete tail until the rest arrives', () => {
    const d = new FrameDecoder(1024);
    expect(d.push(frame(a).subarray(0, 7))).toEqual([]);
    expect(d.buffered).toBe(7);
  });

  it('refuses a frame larger than its limit before buffering it', () => {
    const d = new FrameDecoder(16);
    const header = Buffer.from([0x7f, 0xff, 0xff, 0xff]);
    expect(() => d.push(header)).toThrow(FrameTooLargeError);
    expect(() => new FrameDecoder(3).push(frame(Buffer.from('four')))).toThrow('Cannot accept a frame of 4 bytes: the limit is 3');
  });
});
