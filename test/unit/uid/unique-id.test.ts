import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../../src/storage/embedded/embedded-store';
import type { Store } from '../../../src/storage/store';
import { NoSuchUniqueName, UidsExhaustedError, javaByteArray } from '../../../src/uid/errors';
import { nameToBytes } from '../../../src/uid/name-codec';
import { validateName, validateSeriesNames } from '../../../src/uid/name-validation';
import { UniqueId } from '../../../src/uid/unique-id';
import type { UidKind } from '../../../src/uid/uid-kind';
import { collect } from '../../storage/conformance';

const UID_TABLE = 'tsdb-uid';
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsd-ts-uid-'));
  store = await EmbeddedStore.open({ path: dir });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let tableNo = 0;
async function freshTable(): Promise<string> {
  const name = `${UID_TABLE}-${++tableNo}`;
  await store.createTable({ name, families: [{ name: 'id' }, { name: 'name' }] });
  return name;
}
const uid = (table: string, kind: UidKind, width = 3, randomIds = false) => new UniqueId({ store, table, kind, width, randomIds });

describe('UniqueId', () => {
  test('§14.7: the UID table cells after assigning the five names of the spec', async () => {
    const table = await freshTable();
    const metrics = uid(table, 'metrics');
    const tagk = uid(table, 'tagk');
    const tagv = uid(table, 'tagv');
    expect((await metrics.getOrCreateId('sys.cpu.user')).toString('hex')).toBe('000001');
    expect((await tagk.getOrCreateId('host')).toString('hex')).toBe('000001');
    expect((await tagk.getOrCreateId('dc')).toString('hex')).toBe('000002');
    expect((await tagv.getOrCreateId('web01')).toString('hex')).toBe('000001');
    expect((await tagv.getOrCreateId('lga')).toString('hex')).toBe('000002');
    const cells = (await collect(store, table)).flatMap((r) =>
      r.cells.map((c) => `${r.key.toString('hex').toUpperCase()} ${c.family}:${c.qualifier.toString()} ${c.value.toString('hex').toUpperCase()}`),
    );
    expect(cells.sort()).toEqual(
      [
        '00 id:metrics 0000000000000001',
        '00 id:tagk 0000000000000002',
        '00 id:tagv 0000000000000002',
        '7379732E6370752E75736572 id:metrics 000001',
        '686F7374 id:tagk 000001',
        '6463 id:tagk 000002',
        '7765623031 id:tagv 000001',
        '6C6761 id:tagv 000002',
        '000001 name:metrics 7379732E6370752E75736572',
        '000001 name:tagk 686F7374',
        '000001 name:tagv 7765623031',
        '000002 name:tagk 6463',
        '000002 name:tagv 6C6761',
      ].sort(),
    );
  });

  test('looks names and UIDs up both ways, through a fresh cache too', async () => {
    const table = await freshTable();
    const a = uid(table, 'metrics');
    const id = await a.getOrCreateId('disk.used');
    const b = uid(table, 'metrics');
    expect((await b.getId('disk.used')).equals(id)).toBe(true);
    expect(await b.getName(id)).toBe('disk.used');
    await expect(b.getId('nope')).rejects.toThrow(new NoSuchUniqueName('metrics', 'nope'));
    await expect(b.getId('nope')).rejects.toThrow("No such name for 'metrics': 'nope'");
    await expect(b.getName(Buffer.from([0, 0, 0xc6]))).rejects.toThrow("No such unique ID for 'metrics': [0, 0, -58]");
  });

  test('two TSDs with separate caches on one store assign 1,000 new names concurrently without duplicates', async () => {
    const table = await freshTable();
    const tsd1 = uid(table, 'tagv');
    const tsd2 = uid(table, 'tagv');
    const names = Array.from({ length: 1000 }, (_, i) => `host-${i}`);
    const results = await Promise.all(names.flatMap((n) => [tsd1.getOrCreateId(n), tsd2.getOrCreateId(n), tsd1.getOrCreateId(n)]));
    for (let i = 0; i < names.length; i++) {
      const [x, y, z] = results.slice(i * 3, i * 3 + 3);
      expect(x.equals(y) && x.equals(z)).toBe(true);
    }
    const forward = new Map<string, string>();
    const reverse = new Map<string, string>();
    for (const row of await collect(store, table)) {
      for (const c of row.cells) {
        if (c.family === 'id' && row.key.length > 1) forward.set(row.key.toString('latin1'), c.value.toString('hex'));
        if (c.family === 'name') reverse.set(row.key.toString('hex'), c.value.toString('latin1'));
      }
    }
    expect(forward.size).toBe(1000);
    // Every name has one UID, and that UID's reverse mapping names it back.
    for (const [name, id] of forward) expect(reverse.get(id)).toBe(name);
    expect(new Set(forward.values()).size).toBe(1000);
  });

  test('refuses to wrap when the UID space is exhausted', async () => {
    const table = await freshTable();
    const one = uid(table, 'tagk', 1);
    for (let i = 1; i <= 255; i++) expect((await one.getOrCreateId(`k${i}`))[0]).toBe(i);
    const err = await one.getOrCreateId('k256').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UidsExhaustedError);
    expect((err as Error).message).toBe('All Unique IDs for tagk on 1 bytes are already assigned!');
    await expect(one.getId('k256')).rejects.toBeInstanceOf(NoSuchUniqueName);
  });

  test('random metric UIDs do not touch MAXID and never collide', async () => {
    const table = await freshTable();
    const random = uid(table, 'metrics', 3, true);
    const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => random.getOrCreateId(`r${i}`)));
    expect(new Set(ids.map((b) => b.toString('hex'))).size).toBe(200);
    expect(await random.maxId()).toBe(0n);
    expect(() => uid(table, 'metrics', 8, true)).toThrow(RangeError);
  });

  test('suggest, rename and delete', async () => {
    const table = await freshTable();
    const m = uid(table, 'metrics');
    for (const n of ['sys.cpu.user', 'sys.cpu.system', 'sys.mem', 'proc.load']) await m.getOrCreateId(n);
    expect(await m.suggest('sys.c', 10)).toEqual(['sys.cpu.system', 'sys.cpu.user']);
    expect(await m.suggest('', 2)).toEqual(['proc.load', 'sys.cpu.system']);
    const id = await m.getId('sys.mem');
    await m.rename('sys.mem', 'sys.memory');
    expect(await m.getName(id)).toBe('sys.memory');
    await expect(uid(table, 'metrics').getId('sys.mem')).rejects.toBeInstanceOf(NoSuchUniqueName);
    await m.delete('sys.memory', Buffer.from('metric_meta'));
    await expect(uid(table, 'metrics').getId('sys.memory')).rejects.toBeInstanceOf(NoSuchUniqueName);
  });
});

describe('names', () => {
  test('are stored as ISO-8859-1 with "?" for what it cannot hold, as Java encodes them', () => {
    expect(nameToBytes('café').toString('hex')).toBe('636166e9');
    expect(nameToBytes('温度').toString('hex')).toBe('3f3f');
    expect(nameToBytes('a😀b').toString('hex')).toBe('613f62');
  });

  it.each([
    ['sys.cpu-0/user_1', ''],
    ['température', ''],
    ['a b', 'Invalid metric name ("a b"): illegal character:  '],
    ['a=b', 'Invalid metric name ("a=b"): illegal character: ='],
    ['', 'Invalid metric name: empty string'],
  ])('validates %j', (name, error) => {
    if (error) expect(() => validateName('metric name', name)).toThrow(error);
    else expect(() => validateName('metric name', name)).not.toThrow();
  });

  test('tag messages name the other half; allow_specialchars widens the set', () => {
    expect(() => validateSeriesNames('m', { 'ho st': 'web' })).toThrow('Invalid tag name with value [web] ("ho st"): illegal character:  ');
    expect(() => validateSeriesNames('m', { host: 'w:1' })).toThrow('Invalid tag value with key [host] ("w:1"): illegal character: :');
    expect(() => validateSeriesNames('m', { host: 'w:1' }, ':')).not.toThrow();
  });

  test('UIDs print as Java signed byte arrays', () => {
    expect(javaByteArray(Buffer.from([0, 3, 0xbd]))).toBe('[0, 3, -67]');
  });
});
