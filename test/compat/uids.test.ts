/**
 * UIDs on shared tables: names tsd-ts assigned resolve in OpenTSDB to the same UIDs and back, names
 * OpenTSDB assigned resolve in tsd-ts, and both assigning the same new names at the same moment
 * leave one UID per name that both agree on.
 */
import { toHex } from '../../src/core/row-key';
import { plainPair } from './compat-env';
import { send } from './reply-diff';
import { telnetReplies } from './telnet-replies';
import { readUidTable } from './uid-table';
import type { UidKind } from '../../src/uid/uid-kind';

const T = 1706745600;
const pair = plainPair();

const json = async (path: string, method: 'GET' | 'POST' = 'GET', body?: string): Promise<{ status: number; body: unknown }> => {
  const r = await send(pair.oracle.url, { method, path, body });
  return { status: r.status, body: JSON.parse(r.text) as unknown };
};

test('names tsd-ts assigned: OpenTSDB finds them under the same UIDs, forwards and backwards', async () => {
  expect(await telnetReplies(pair.ours.port, [`put uid.ours.metric ${T} 1 uo_key=uo_value`])).toEqual([[]]);
  await pair.ours.tsdb.flush();
  const uid = async (kind: UidKind, name: string): Promise<string> => toHex(await pair.ours.tsdb.uids[kind].getId(name));
  const [m, k, v] = [await uid('metrics', 'uid.ours.metric'), await uid('tagk', 'uo_key'), await uid('tagv', 'uo_value')];
  expect(await json('/api/uid/assign?metric=uid.ours.metric&tagk=uo_key&tagv=uo_value')).toEqual({ status: 400, body: {
    metric: {}, metric_errors: { 'uid.ours.metric': `Name already exists with UID: ${m}` },
    tagk: {}, tagk_errors: { uo_key: `Name already exists with UID: ${k}` },
    tagv: {}, tagv_errors: { uo_value: `Name already exists with UID: ${v}` },
  } });
  for (const [type, id, name] of [['metric', m, 'uid.ours.metric'], ['tagk', k, 'uo_key'], ['tagv', v, 'uo_value']]) {
    expect(await json(`/api/uid/uidmeta?uid=${id}&type=${type}`)).toMatchObject({ status: 200, body: { uid: id, name } });
  }
  const query = await json(`/api/query?start=${T}&m=sum:uid.ours.metric&show_tsuids`);
  expect(query).toEqual({ status: 200, body: [expect.objectContaining({ tsuids: [`${m}${k}${v}`], dps: { [T]: 1 } })] });
  expect(await json('/api/suggest?type=metrics&q=uid.ours')).toEqual({ status: 200, body: ['uid.ours.metric'] });
});

test('names OpenTSDB assigned: tsd-ts resolves them to the same UIDs and writes under them', async () => {
  const assigned = await json('/api/uid/assign?metric=uid.theirs.metric&tagk=ut_key&tagv=ut_value');
  expect(assigned.status).toBe(200);
  const ids = assigned.body as Record<'metric' | 'tagk' | 'tagv', Record<string, string>>;
  const { uids } = pair.ours.tsdb;
  expect(toHex(await uids.metrics.getId('uid.theirs.metric'))).toBe(ids.metric['uid.theirs.metric']);
  expect(toHex(await uids.tagk.getId('ut_key'))).toBe(ids.tagk.ut_key);
  expect(toHex(await uids.tagv.getId('ut_value'))).toBe(ids.tagv.ut_value);
  expect(await uids.metrics.getName(Buffer.from(ids.metric['uid.theirs.metric'] as string, 'hex'))).toBe('uid.theirs.metric');
  const before = await readUidTable(pair.ours.tsdb.store, pair.ours.tsdb.tables.uid);
  expect(await telnetReplies(pair.ours.port, [`put uid.theirs.metric ${T} 2 ut_key=ut_value`])).toEqual([[]]);
  await pair.ours.tsdb.flush();
  const after = await readUidTable(pair.ours.tsdb.store, pair.ours.tsdb.tables.uid);
  expect(after.maxId).toEqual(before.maxId);
  const query = await json(`/api/query?start=${T}&m=sum:uid.theirs.metric`);
  expect(query).toEqual({ status: 200, body: [expect.objectContaining({ tags: { ut_key: 'ut_value' }, dps: { [T]: 2 } })] });
});

test('both assigning the same new names at once: one UID per name, agreed by both', async () => {
  const N = 60;
  const lines = Array.from({ length: N }, (_, i) => `put race.m${i} ${T} ${i} race_k${i % 7}=race_v${i}`);
  const body = JSON.stringify(Array.from({ length: N }, (_, i) => ({ metric: `race.m${i}`, timestamp: T + 1, value: i, tags: { [`race_k${i % 7}`]: `race_v${i}` } })));
  const [telnet, http] = await Promise.all([
    telnetReplies(pair.ours.port, [lines.join('\n')]),
    send(pair.oracle.url, { method: 'POST', path: '/api/put?summary&sync', body }),
  ]);
  expect(telnet).toEqual([[]]);
  expect({ status: http.status, body: JSON.parse(http.text) as unknown }).toEqual({ status: 200, body: { success: N, failed: 0 } });
  await pair.ours.tsdb.flush();

  const table = await readUidTable(pair.ours.tsdb.store, pair.ours.tsdb.tables.uid);
  const names: [UidKind, string[]][] = [
    ['metrics', Array.from({ length: N }, (_, i) => `race.m${i}`)],
    ['tagk', Array.from({ length: 7 }, (_, i) => `race_k${i}`)],
    ['tagv', Array.from({ length: N }, (_, i) => `race_v${i}`)],
  ];
  pair.ours.tsdb.dropCaches();
  for (const [kind, list] of names) {
    const forward = table.forward.get(kind) as Map<string, string>;
    const ids = list.map((n) => forward.get(n));
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(new Set(ids).size).toBe(list.length);
    for (const [i, name] of list.entries()) {
      expect(table.reverse.get(kind)?.get(ids[i] as string)).toBe(name);
      expect(toHex(await pair.ours.tsdb.uids[kind].getId(name))).toBe(ids[i]);
    }
  }
  // OpenTSDB agrees: every series it reads has the UIDs of the table, and both points.
  for (let i = 0; i < N; i += 7) {
    const q = await json(`/api/query?start=${T}&end=${T + 10}&m=sum:race.m${i}&show_tsuids`);
    const f = (kind: UidKind, n: string): string => table.forward.get(kind)?.get(n) as string;
    expect(q).toEqual({ status: 200, body: [expect.objectContaining({
      tsuids: [`${f('metrics', `race.m${i}`)}${f('tagk', `race_k${i % 7}`)}${f('tagv', `race_v${i}`)}`],
      dps: { [T]: i, [T + 1]: i },
    })] });
  }
});
