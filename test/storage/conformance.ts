/**
 * The one conformance suite every Store backend must pass: HBase's data model, byte order, atomic
 * operations, filters, deletes, scans and durability across close/reopen. A backend joins with one
 * call: describeStoreConformance('name', backendFactory).
 */
import type { Store, StoredRow, ScanOptions, TableSpec } from '../../src/storage/store';
import { NotACounterError, TableExistsError, TableNotFoundError, NoSuchColumnFamilyError } from '../../src/storage/errors';

export interface StoreBackend {
  /** Opens a store on the backend's data; called again after close() to check durability. */
  open(): Promise<Store>;
  /** Called once after the suite. */
  dispose?(): Promise<void>;
}

const b = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const s = (text: string): Buffer => Buffer.from(text, 'latin1');

export async function collect(store: Store, table: string, options?: ScanOptions): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for await (const batch of store.scan(table, options)) rows.push(...batch);
  return rows;
}

const keysOf = (rows: StoredRow[]): string[] => rows.map((r) => r.key.toString('hex'));

export function describeStoreConformance(name: string, backend: StoreBackend): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    let counter = 0;
    const unique = `c${Date.now().toString(36)}`;

    /** A fresh table per test, so backends with slow table creation still isolate tests. */
    async function table(families: string[] = ['t']): Promise<string> {
      const spec: TableSpec = { name: `${unique}-${++counter}`, families: families.map((f) => ({ name: f, versions: 1 })) };
      await store.createTable(spec);
      return spec.name;
    }

    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(async () => {
      await store.close();
      await backend.dispose?.();
    });

    test('creates, lists and reports tables; refuses duplicates and unknown tables', async () => {
      const t = await table(['name', 'id']);
      expect(await store.tableExists(t)).toBe(true);
      expect(await store.listTables()).toContain(t);
      expect((await store.tableFamilies(t)).sort()).toEqual(['id', 'name']);
      await expect(store.createTable({ name: t, families: [{ name: 'x' }] })).rejects.toBeInstanceOf(TableExistsError);
      await expect(store.get(`${unique}-missing`, s('r'))).rejects.toBeInstanceOf(TableNotFoundError);
      await expect(store.put(t, s('r'), [{ family: 'nope', qualifier: s('q'), value: s('v') }])).rejects.toBeInstanceOf(
        NoSuchColumnFamilyError,
      );
      await store.deleteTable(t);
      expect(await store.tableExists(t)).toBe(false);
    });

    test('gets what was put, with the selection asked for, cells in family then qualifier order', async () => {
      const t = await table(['id', 'name']);
      await store.put(t, s('row'), [
        { family: 'name', qualifier: s('b'), value: s('2') },
        { family: 'id', qualifier: s('z'), value: s('3') },
        { family: 'name', qualifier: s('a'), value: s('1') },
      ]);
      const all = await store.get(t, s('row'));
      expect(all?.cells.map((c) => `${c.family}:${c.qualifier.toString()}=${c.value.toString()}`)).toEqual([
        'id:z=3',
        'name:a=1',
        'name:b=2',
      ]);
      expect(all?.cells.every((c) => c.timestamp > 1_600_000_000_000)).toBe(true);
      const fam = await store.get(t, s('row'), { families: ['name'] });
      expect(fam?.cells.map((c) => c.qualifier.toString())).toEqual(['a', 'b']);
      const col = await store.get(t, s('row'), { columns: [{ family: 'name', qualifiers: [s('b'), s('missing')] }] });
      expect(col?.cells.map((c) => c.value.toString())).toEqual(['2']);
      expect(await store.get(t, s('other'))).toBeNull();
      // One version per cell, the newest by timestamp: an older explicit timestamp does not replace it…
      await store.put(t, s('row'), [{ family: 'id', qualifier: s('z'), value: s('33'), timestamp: 1234 }]);
      const kept = await store.get(t, s('row'), { families: ['id'] });
      expect(kept?.cells).toHaveLength(1);
      expect(kept?.cells[0].value.toString()).toBe('3');
      // …a newer one does.
      const later = Date.now() + 60_000;
      await store.put(t, s('row'), [{ family: 'id', qualifier: s('z'), value: s('34'), timestamp: later }]);
      const over = await store.get(t, s('row'), { families: ['id'] });
      expect(over?.cells.map((c) => [c.value.toString(), c.timestamp])).toEqual([['34', later]]);
    });

    test('orders rows and qualifiers as unsigned bytes, including 0x00 and bytes >= 0x80', async () => {
      const t = await table();
      const keys = ['00', '0000', '000001', '01', '7f', '80', '8000', 'ff', 'ff00', 'ffff', '00ff', '0080'].map(b);
      await store.batch(keys.map((k) => ({ type: 'put' as const, table: t, row: k, cells: [{ family: 't', qualifier: b('ff'), value: k }] })));
      await store.put(t, b('80'), [
        { family: 't', qualifier: b('00'), value: s('a') },
        { family: 't', qualifier: b('7fff'), value: s('b') },
        { family: 't', qualifier: b('80'), value: s('c') },
      ]);
      const rows = await collect(store, t);
      expect(keysOf(rows)).toEqual(keys.map((k) => k.toString('hex')).sort());
      expect(rows.find((r) => r.key.equals(b('80')))?.cells.map((c) => c.qualifier.toString('hex'))).toEqual(['00', '7fff', '80', 'ff']);
      const range = await collect(store, t, { start: b('0001'), stop: b('8000') });
      expect(keysOf(range)).toEqual(['0080', '00ff', '01', '7f', '80']);
      const reversed = await collect(store, t, { start: b('ff'), stop: b('01'), reverse: true });
      expect(keysOf(reversed)).toEqual(['ff', '8000', '80', '7f']);
      expect(reversed.find((r) => r.key.equals(b('80')))?.cells.map((c) => c.qualifier.toString('hex'))).toEqual(['00', '7fff', '80', 'ff']);
      const batches: number[] = [];
      for await (const batch of store.scan(t, { batchSize: 5 })) batches.push(batch.length);
      expect(batches).toEqual([5, 5, 2]);
    });

    test('compare-and-set writes only when the expectation holds, absent or present', async () => {
      const t = await table(['id']);
      const cell = (v: string) => ({ family: 'id', qualifier: s('metrics'), value: s(v) });
      expect(await store.compareAndSet(t, s('name'), cell('one'), null)).toBe(true);
      expect(await store.compareAndSet(t, s('name'), cell('two'), null)).toBe(false);
      expect(await store.compareAndSet(t, s('name'), cell('two'), Buffer.alloc(0))).toBe(false);
      expect(await store.compareAndSet(t, s('name'), cell('two'), s('wrong'))).toBe(false);
      expect(await store.compareAndSet(t, s('name'), cell('two'), s('one'))).toBe(true);
      expect((await store.get(t, s('name')))?.cells[0].value.toString()).toBe('two');
      expect(await store.compareAndSet(t, s('absent'), cell('x'), s('something'))).toBe(false);
      expect(await store.get(t, s('absent'))).toBeNull();
      // Many racers for one absent cell: exactly one wins.
      const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => store.compareAndSet(t, s('race'), cell(`w${i}`), null)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins.indexOf(true);
      expect((await store.get(t, s('race')))?.cells[0].value.toString()).toBe(`w${winner}`);
    });

    test('1,000 concurrent increments give exactly 1,000; counters are 8-byte big-endian', async () => {
      const t = await table(['id']);
      const row = b('00');
      const results = await Promise.all(Array.from({ length: 1000 }, () => store.atomicIncrement(t, row, 'id', s('metrics'), 1n)));
      expect(new Set(results.map(String)).size).toBe(1000);
      expect(results.reduce((m, v) => (v > m ? v : m), 0n)).toBe(1000n);
      const cell = (await store.get(t, row))?.cells[0];
      expect(cell?.value.toString('hex')).toBe('00000000000003e8');
      expect(await store.atomicIncrement(t, row, 'id', s('metrics'), -1001n)).toBe(-1n);
      expect((await store.get(t, row))?.cells[0].value.toString('hex')).toBe('ffffffffffffffff');
      expect(await store.atomicIncrement(t, row, 'id', s('tagk'), 5n)).toBe(5n);
      await store.put(t, row, [{ family: 'id', qualifier: s('bad'), value: s('abc') }]);
      await expect(store.atomicIncrement(t, row, 'id', s('bad'), 1n)).rejects.toBeInstanceOf(NotACounterError);
    });

    test('appends concatenate atomically, starting from an absent cell', async () => {
      const t = await table();
      const q = b('050000');
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(t, s('row'), 't', q, Buffer.from([i, i]))));
      const value = (await store.get(t, s('row')))?.cells[0].value;
      expect(value?.length).toBe(200);
      // Each append stays whole, whatever the order they were applied in.
      const pairs = new Set<number>();
      for (let i = 0; i < 200; i += 2) {
        expect(value?.[i]).toBe(value?.[i + 1]);
        pairs.add(value?.[i] ?? -1);
      }
      expect(pairs.size).toBe(100);
    });

    test('key regexp filter matches Java regex semantics on binary keys (ISO-8859-1, find, \\Q..\\E)', async () => {
      const t = await table();
      const all: Buffer[] = [];
      for (let i = 0; i < 256; i++) all.push(Buffer.from([0x00, 0x00, 0x01, i, 0x0a, 0xff - i]));
      all.push(b('5c45'), b('0a'), b('410a'), b('41'));
      await store.batch(all.map((row) => ({ type: 'put' as const, table: t, row, cells: [{ family: 't', qualifier: b('00'), value: b('01') }] })));
      const byRegex = async (pattern: string) => keysOf(await collect(store, t, { filter: { type: 'keyRegexp', pattern } }));
      // One char per byte; \Q..\E quotes bytes such as 0x00 and 0xFF; (?s) lets '.' match 0x0A.
      const quoted = (bytes: number[]) => `\\Q${String.fromCharCode(...bytes)}\\E`;
      expect(await byRegex(`(?s)^.{3}${quoted([0x80])}.${quoted([0x7f])}$`)).toEqual(['000001800a7f']);
      expect(await byRegex(`^${quoted([0, 0, 1])}[\\x00-\\x02]`)).toEqual(['000001000aff', '000001010afe', '000001020afd']);
      expect(await byRegex(`${quoted([0xfe, 0x0a])}`)).toEqual(['000001fe0a01']);
      // Without (?s), '.' does not match a line terminator (0x0A).
      expect((await byRegex('^\\Q\u0000\u0000\u0001\\E..')).length).toBe(0);
      expect((await byRegex('(?s)^\\Q\u0000\u0000\u0001\\E..')).length).toBe(256);
      // Java's '$' also matches before a final line terminator.
      expect(await byRegex('^A$')).toEqual(['41', '410a']);
      // UID bytes 5C 45 close OpenTSDB's \Q quoting, so it appends \\E\Q to match them literally.
      expect(await byRegex('^\\Q\\E\\\\E\\Q\\E$')).toEqual(['5c45']);
      expect(await byRegex('^\\\\E$')).toEqual(['5c45']);
    });

    test('fuzzy row filter matches fixed bytes where the mask is 0, any byte where it is 1', async () => {
      const t = await table();
      const rows: Buffer[] = [];
      for (let m = 1; m <= 3; m++) for (let h = 0; h < 3; h++) for (let v = 1; v <= 3; v++) rows.push(Buffer.from([0, 0, m, 0x50, h, 0, 0, 1, 0, 0, v]));
      await store.batch(rows.map((row) => ({ type: 'put' as const, table: t, row, cells: [{ family: 't', qualifier: b('0000'), value: b('01') }] })));
      const mask = b('000000 0101 000000 000000');
      const got = await collect(store, t, {
        filter: { type: 'fuzzyRow', pairs: [{ key: b('000002 0000 000001 000002'), mask }, { key: b('000002 0000 000001 000003'), mask }] },
      });
      const expected = [0, 1, 2].flatMap((h) => [2, 3].map((v) => `000002500${h}00000100000${v}`));
      expect(keysOf(got)).toEqual(expected);
      const combined = await collect(store, t, {
        filter: {
          type: 'all',
          filters: [
            { type: 'fuzzyRow', pairs: [{ key: b('000002 0000 000001 000002'), mask }] },
            { type: 'keyRegexp', pattern: '(?s)^.{4}\\x01' },
          ],
        },
      });
      expect(keysOf(combined)).toEqual(['0000025001000001000002']);
    });

    test('qualifier prefix and key-only filters, and filter lists', async () => {
      const t = await table();
      await store.put(t, s('r1'), [
        { family: 't', qualifier: b('0100'), value: s('annotation') },
        { family: 't', qualifier: b('0000'), value: s('point') },
        { family: 't', qualifier: b('0101'), value: s('another') },
      ]);
      await store.put(t, s('r2'), [{ family: 't', qualifier: b('0200'), value: s('x') }]);
      const prefixed = await collect(store, t, { filter: { type: 'qualifierPrefix', prefix: b('01') } });
      expect(prefixed.map((r) => `${r.key.toString()}:${r.cells.map((c) => c.value.toString()).join(',')}`)).toEqual(['r1:annotation,another']);
      const keyOnly = await collect(store, t, { filter: { type: 'keyOnly' } });
      expect(keyOnly.flatMap((r) => r.cells.map((c) => c.value.length))).toEqual([0, 0, 0, 0]);
      const either = await collect(store, t, {
        filter: { type: 'any', filters: [{ type: 'keyRegexp', pattern: '^r2$' }, { type: 'qualifierPrefix', prefix: b('0000') }] },
      });
      expect(either.map((r) => `${r.key.toString()}:${r.cells.length}`)).toEqual(['r1:1', 'r2:1']);
    });

    test('deletes a row, a family, or given qualifiers', async () => {
      const t = await table(['a', 'b']);
      const put = (row: string) =>
        store.put(t, s(row), [
          { family: 'a', qualifier: s('q1'), value: s('1') },
          { family: 'a', qualifier: s('q2'), value: s('2') },
          { family: 'b', qualifier: s('q1'), value: s('3') },
        ]);
      await Promise.all(['r1', 'r2', 'r3', 'r4'].map(put));
      await store.delete(t, s('r1'));
      await store.delete(t, s('r2'), 'a');
      await store.delete(t, s('r3'), 'a', [s('q2'), s('absent')]);
      await store.batch([{ type: 'delete', table: t, row: s('r4'), family: 'b', qualifiers: [s('q1')] }]);
      const desc = (row: StoredRow | null) => row?.cells.map((c) => `${c.family}:${c.qualifier.toString()}`).join(',') ?? null;
      expect(desc(await store.get(t, s('r1')))).toBeNull();
      expect(desc(await store.get(t, s('r2')))).toBe('b:q1');
      expect(desc(await store.get(t, s('r3')))).toBe('a:q1,b:q1');
      expect(desc(await store.get(t, s('r4')))).toBe('a:q1,a:q2');
      expect(keysOf(await collect(store, t)).map((k) => Buffer.from(k, 'hex').toString())).toEqual(['r2', 'r3', 'r4']);
      // A put after a delete of the same row is visible again.
      await put('r1');
      expect(desc(await store.get(t, s('r1')))).toBe('a:q1,a:q2,b:q1');
    });

    test('refuses row keys longer than 32767 bytes, as HBase does', async () => {
      const t = await table();
      const long = Buffer.alloc(32768, 0x61);
      const cell = { family: 't', qualifier: s('q'), value: s('v') };
      // (HBase's region lookup adds the table name to the row, so exactly 32767 bytes fails there.)
      await store.put(t, long.subarray(768), [cell]);
      expect((await store.get(t, long.subarray(768)))?.cells).toHaveLength(1);
      await expect(store.put(t, long, [cell])).rejects.toThrow('Row length 32768 is > 32767');
      await expect(store.get(t, long)).rejects.toThrow('Row length 32768 is > 32767');
      await expect(store.compareAndSet(t, long, cell, null)).rejects.toThrow('Row length 32768 is > 32767');
      await expect(store.atomicIncrement(t, long, 't', s('c'), 1n)).rejects.toThrow('Row length 32768 is > 32767');
    });

    test('holds a row with 100,000 qualifiers and returns it whole', async () => {
      const t = await table();
      const row = b('000001 50E22700 000001 000001');
      const cells = Array.from({ length: 100_000 }, (_, i) => {
        const q = Buffer.alloc(4);
        q.writeUInt32BE((0xf0000000 | (i << 6)) >>> 0);
        return { family: 't', qualifier: q, value: Buffer.from([i & 0xff]) };
      });
      for (let i = 0; i < cells.length; i += 10_000) await store.put(t, row, cells.slice(i, i + 10_000));
      const got = await store.get(t, row);
      expect(got?.cells).toHaveLength(100_000);
      expect(got?.cells[99_999].qualifier.equals(cells[99_999].qualifier)).toBe(true);
      const scanned = await collect(store, t);
      expect(scanned).toHaveLength(1);
      expect(scanned[0].cells).toHaveLength(100_000);
      // A packed cell with a qualifier of 7,200 bytes, as a compacted hour of 1 s points.
      const packed = Buffer.alloc(7200, 0x12);
      await store.put(t, row, [{ family: 't', qualifier: packed, value: Buffer.alloc(3601, 1) }]);
      const again = await store.get(t, row, { columns: [{ family: 't', qualifiers: [packed] }] });
      expect(again?.cells[0].value.length).toBe(3601);
    }, 120_000);

    test('stops a scan when its signal aborts', async () => {
      const t = await table();
      await store.batch(Array.from({ length: 300 }, (_, i) => ({ type: 'put' as const, table: t, row: Buffer.from([i >> 8, i & 0xff]), cells: [{ family: 't', qualifier: b('00'), value: b('00') }] })));
      const ac = new AbortController();
      let seen = 0;
      await expect(
        (async () => {
          for await (const batch of store.scan(t, { batchSize: 10, signal: ac.signal })) {
            seen += batch.length;
            if (seen >= 20) ac.abort(new Error('client went away'));
          }
        })(),
      ).rejects.toThrow('client went away');
      expect(seen).toBeLessThan(300);
    });

    test('keeps every acknowledged write across close and reopen', async () => {
      const t = await table(['id', 'name']);
      await store.batch(Array.from({ length: 500 }, (_, i) => ({ type: 'put' as const, table: t, row: Buffer.from(`row${String(i).padStart(4, '0')}`), cells: [{ family: 'name', qualifier: s('q'), value: Buffer.from(String(i)) }] })));
      await store.atomicIncrement(t, b('00'), 'id', s('metrics'), 7n);
      await store.delete(t, Buffer.from('row0000'));
      await store.flush();
      await store.close();
      store = await backend.open();
      expect(await store.tableExists(t)).toBe(true);
      const rows = await collect(store, t, { families: ['name'] });
      expect(rows).toHaveLength(499);
      expect(rows[0].key.toString()).toBe('row0001');
      expect(await store.atomicIncrement(t, b('00'), 'id', s('metrics'), 1n)).toBe(8n);
    });
  });
}
