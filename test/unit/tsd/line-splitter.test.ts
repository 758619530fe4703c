/** LineSplitter: OpenTSDB's LineBasedFrameDecoder limits the bytes buffered without a newline. */
import { LineSplitter, LineTooLongError } from '../../../src/tsd/telnet/line-splitter';

const lines = (splitter: LineSplitter, ...chunks: string[]): string[] => {
  const out: string[] = [];
  for (const c of chunks) splitter.push(Buffer.from(c, 'latin1'), (b, s, e) => out.push(b.toString('latin1', s, e)));
  return out;
};

describe('LineSplitter', () => {
  it('takes a line longer than the limit when its newline is in the same read', () => {
    expect(lines(new LineSplitter(16), `${'x'.repeat(40)}\nput\r\n`)).toEqual(['x'.repeat(40), 'put']);
  });

  it('refuses more than the limit buffered without a newline, even across reads', () => {
    const s = new LineSplitter(16);
    expect(lines(s, 'x'.repeat(10))).toEqual([]);
    expect(() => lines(s, 'x'.repeat(7))).toThrow(LineTooLongError);
  });

  it('keeps a tail up to the limit for the next read', () => {
    expect(lines(new LineSplitter(16), 'a\nbbbbbbbbbbbbbbbb', 'b\n')).toEqual(['a', 'b'.repeat(17)]);
  });
});
