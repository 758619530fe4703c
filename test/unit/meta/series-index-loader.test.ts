import { RowKeyCodec, DEFAULT_LAYOUT } from '../../../src/core/row-key';
import { globalAnnotationRow } from '../../../src/meta/annotation';
import { SeriesIndex } from '../../../src/meta/series-index';
import { addRowKey } from '../../../src/meta/series-index-loader';

const uid = (n: number): Buffer => Buffer.from([0, 0, n]);

describe('addRowKey', () => {
  test.each([0, 1, 2])('strips salt (width %i) and base time, so every hour of a series counts once', (saltWidth) => {
    const codec = new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth, saltBuckets: 8 });
    const index = new SeriesIndex(codec.layout);
    const pairs = [Buffer.concat([uid(2), uid(9)]), Buffer.concat([uid(1), uid(7)])];
    for (let hour = 0; hour < 5; hour++) addRowKey(index, codec, codec.build(uid(4), pairs, 1700000000 - (1700000000 % 3600) + hour * 3600));
    expect(index.size).toBe(1);
    expect(index.tsuid(0).toString('hex')).toBe('000004000001000007000002000009');
  });

  test('skips global annotation rows and keys of the wrong shape', () => {
    const codec = new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth: 1 });
    const index = new SeriesIndex(codec.layout);
    expect(addRowKey(index, codec, globalAnnotationRow(codec, 1700000000))).toBe(false);
    expect(addRowKey(index, codec, Buffer.alloc(6))).toBe(false);
    expect(addRowKey(index, codec, Buffer.alloc(codec.prefixLength + 4, 1))).toBe(false);
    expect(index.size).toBe(0);
  });
});
