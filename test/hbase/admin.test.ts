/**
 * Table administration through MasterService: family settings reach HBase as OpenTSDB's
 * create_table.sh sets them, split keys become regions, delete removes the table.
 */
import type { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { TableNotFoundError } from '../../src/storage/errors';
import { openTestStore } from './hbase-env';

describe('HBase admin', () => {
  let store: HBaseStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates a table with VERSIONS, TTL, BLOOMFILTER, COMPRESSION and DATA_BLOCK_ENCODING, pre-split', async () => {
    const name = `admin${Date.now().toString(36)}`;
    await store.createTable({
      name,
      families: [
        { name: 't', versions: 1, ttlSeconds: 86400, bloomFilter: 'row', compression: 'none', dataBlockEncoding: 'diff' },
        { name: 'name' },
      ],
      splitKeys: [Buffer.from([0x40]), Buffer.from([0x80])],
    });
    const schema = await store.admin.describe(name);
    const t = schema?.column_families.find((f) => Buffer.from(f.name).toString() === 't');
    const attrs = Object.fromEntries((t?.attributes ?? []).map((a) => [Buffer.from(a.first).toString(), Buffer.from(a.second).toString()]));
    expect(attrs).toMatchObject({ VERSIONS: '1', TTL: '86400', BLOOMFILTER: 'ROW', COMPRESSION: 'NONE', DATA_BLOCK_ENCODING: 'DIFF' });
    expect((await store.tableFamilies(name)).sort()).toEqual(['name', 't']);
    const starts = await Promise.all([0x00, 0x40, 0x80].map(async (b) => (await store.client.locate(name, Buffer.from([b]))).startKey.toString('hex')));
    expect(starts).toEqual(['', '40', '80']);
    await store.deleteTable(name);
    expect(await store.tableExists(name)).toBe(false);
    expect(await store.listTables()).not.toContain(name);
    await expect(store.deleteTable(name)).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(store.tableFamilies(name)).rejects.toBeInstanceOf(TableNotFoundError);
  });
});
