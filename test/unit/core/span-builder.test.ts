import { decodeColumn } from '../../../src/core/column-decoder';
import { SpanBuilder } from '../../../src/reader/span-builder';

const h = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe('SpanBuilder.addColumn', () => {
  it.each([
    ['single seconds int', '01E0', '2A'],
    ['compacted mixed types', '000001E103CB', '01012C422A000000'],
    ['mixed s and ms', '0000F0007D00', '010201'],
    ['8-byte ints beyond 32 bits, negative 2-byte', '01E7 03C1', '000000012A05F200 FF7F 00'],
    ['negative 8-byte and 4-byte ints, double', '0007 0013 002F', 'FFFFFFFFFFFFFFFE FFFFFFFF 4045400000000000 00'],
  ])('decodes %s exactly as the generic column decoder', (_name, q, v) => {
    const b = new SpanBuilder('k');
    b.addColumn(h(q), h(v), 1356998400000);
    const expected: [number, number, boolean][] = [];
    decodeColumn(h(q), h(v), 1356998400000, { add: (t, value, isInt) => expected.push([t, Number(value), isInt]) });
    const span = b.build('K', 'm', {}, []);
    expect([...span.timestamps].map((t, i) => [t, span.values[i], span.isInteger[i] === 1])).toEqual(expected);
  });

  test('sorts rows that arrive out of order and keeps the first of equal timestamps', () => {
    const b = new SpanBuilder('k');
    b.addColumn(h('0010'), h('05'), 1356998400000 + 3600_000);
    b.addColumn(h('0010 0020'), h('01 02 00'), 1356998400000);
    b.addColumn(h('0010'), h('09'), 1356998400000 + 3600_000);
    const span = b.build('K', 'm', {}, []);
    expect([...span.values]).toEqual([1, 2, 5]);
  });
});
