/** planScans: the row-key filter follows QueryUtil.setDataTableScanFilter. */
import { planScans } from '../../../src/core/read/scan-plan';
import { RowKeyCodec, DEFAULT_LAYOUT } from '../../../src/core/row-key';

const codec = new RowKeyCodec(DEFAULT_LAYOUT);
const base = { metricUid: Buffer.from([0, 0, 1]), startSec: 1356998400, endSec: 1357002000 };

describe('planScans', () => {
  it('sets no filter without filtered keys, explicit tags or not (found by test/compat)', () => {
    expect(planScans(codec, { ...base, literals: [], explicitTags: true })[0]?.filter).toBeUndefined();
    expect(planScans(codec, { ...base, literals: [], explicitTags: false })[0]?.filter).toBeUndefined();
  });

  it('with explicit tags and a filtered key, the regex allows no other tag', () => {
    const [scan] = planScans(codec, { ...base, literals: [{ tagk: Buffer.from([0, 0, 2]), tagvs: null }], explicitTags: true });
    expect(scan?.filter).toEqual({ type: 'keyRegexp', pattern: expect.not.stringContaining('(?:.{6})*') });
  });
});
