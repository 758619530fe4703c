import { decodeMessage, encodeMessage } from '../../../src/storage/hbase/proto/hbase-proto';
import { type WireLong, fromLong, longToNumber, toLong } from '../../../src/storage/hbase/proto/long';

describe('64-bit values on the wire', () => {
  it.each([0n, 1n, 0xffffffffn, 0x100000000n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 64n - 1n, 0x7d3a_1234_5678_9abcn])(
    'uint64 %s survives encode and decode exactly (scanner ids, nonces)',
    (v) => {
      const bytes = encodeMessage('ScanRequest', { scanner_id: toLong(v, true), number_of_rows: 1 });
      const back = decodeMessage<{ scanner_id: WireLong }>('ScanRequest', bytes);
      expect(fromLong(back.scanner_id)).toBe(v);
    },
  );

  it.each([-1n, -(2n ** 63n), 42n, -123456789012345n])('int64-style two\'s complement of %s reads back signed', (v) => {
    expect(fromLong(toLong(v), true)).toBe(v);
  });

  it('reads timestamps as numbers and absent values as zero', () => {
    expect(longToNumber(toLong(1_700_000_000_123n))).toBe(1_700_000_000_123);
    expect(fromLong(undefined)).toBe(0n);
    expect(fromLong(7)).toBe(7n);
  });
});
