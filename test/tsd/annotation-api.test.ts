/**
 * /api/annotation, /api/annotations and /api/annotation/bulk over real sockets: OpenTSDB's edit
 * rules (304 when nothing changes, POST merges, PUT replaces), its errors, and cells where OpenTSDB
 * puts them (row and qualifier, with the divide-by-1000 quirk).
 */
import { toHex } from '../../src/core/row-key';
import { expectError, httpJson, type JsonReply } from '../helpers/http-json';
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

let tsd: TestTsd;
let tsuid: string;
const T = 1356998430;

const call = (path: string, method = 'GET', body?: unknown): Promise<JsonReply> =>
  httpJson(tsd.url, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
  const put = await fetch(`${tsd.url}/api/put?sync`, { method: 'POST', body: JSON.stringify({ metric: 'app.requests', timestamp: T, value: 1, tags: { host: 'web01' } }) });
  expect(put.status).toBe(204);
  tsuid = (await call('/api/search/lookup?m=app.requests')).body.results[0].tsuid;
});
afterAll(() => tsd.stop());

describe('/api/annotation', () => {
  test('a global annotation: created, read back, stored in the zero-metric row under OpenTSDB\'s qualifier', async () => {
    const created = await call('/api/annotation', 'POST', { startTime: T, description: 'deploy v1', custom: { owner: 'ops' } });
    expect(created.status).toBe(200);
    expect(created.text).toBe(`{"tsuid":"","description":"deploy v1","notes":"","custom":{"owner":"ops"},"startTime":${T},"endTime":0}`);
    const read = await call(`/api/annotation?start_time=${T}`);
    expect(read.body).toEqual(created.body);
    const row = await tsd.tsdb.store.get(tsd.tsdb.tables.data, Buffer.from('00000050E22700', 'hex'));
    expect(row?.cells.map((c) => [c.family, toHex(c.qualifier)])).toEqual([['t', '01001E']]);
    expect(row?.cells[0].value.toString()).toBe(`{"startTime":${T},"endTime":0,"description":"deploy v1","notes":"","custom":{"owner":"ops"}}`);
  });

  test('POST merges, PUT replaces, an edit without changes is 304', async () => {
    const merged = await call('/api/annotation', 'POST', { startTime: T, notes: 'rolled out' });
    expect(merged.body).toMatchObject({ description: 'deploy v1', notes: 'rolled out', custom: { owner: 'ops' } });
    const unchanged = await call('/api/annotation', 'POST', { startTime: T, description: '' });
    expect([unchanged.status, unchanged.text]).toEqual([304, '']);
    const replaced = await call('/api/annotation', 'PUT', { startTime: T, endTime: T + 60, description: 'deploy v2' });
    expect(replaced.body).toEqual({ tsuid: '', description: 'deploy v2', notes: '', startTime: T, endTime: T + 60 });
  });

  test('a series annotation from the query string; times in any OpenTSDB form; seconds in storage', async () => {
    const res = await call(`/api/annotation?tsuid=${tsuid}&start_time=1356994830.250&end_time=${T + 30}000ms&description=spike&method_override=post`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tsuid, description: 'spike', endTime: T + 30 });
    expect((await call(`/api/annotation?tsuid=${tsuid}&start_time=${res.body.startTime}`)).body.description).toBe('spike');
  });

  test('a millisecond start time and the divide-by-1000 quirk address the cells OpenTSDB addresses', async () => {
    await call('/api/annotation', 'POST', { tsuid, startTime: 1356998430500, description: 'ms' });
    await call('/api/annotation', 'POST', { tsuid, startTime: 1356999000, description: 'quirk' });
    const row = await tsd.tsdb.store.get(tsd.tsdb.tables.data, tsd.tsdb.codec.fromTsuid(Buffer.from(tsuid, 'hex'), 1356998400));
    const quals = row?.cells.filter((c) => c.qualifier[0] === 1 && c.qualifier.length % 2 === 1).map((c) => toHex(c.qualifier));
    expect(quals).toEqual(expect.arrayContaining(['0100007724', '010D47']));
  });

  test('DELETE removes it (204), and a read then finds nothing (404)', async () => {
    await call('/api/annotation', 'POST', { startTime: T + 1, description: 'gone soon' });
    const del = await call(`/api/annotation?start_time=${T + 1}`, 'DELETE');
    expect([del.status, del.text]).toEqual([204, '']);
    expectError(await call(`/api/annotation?start_time=${T + 1}`), 404, 'Unable to locate annotation in storage');
  });

  test.each([
    ['GET', '/api/annotation', undefined, 400, 'Missing start time'],
    ['GET', '/api/annotation?start_time=yesterday', undefined, 400, "Invalid time: yesterday. Invalid character 'y' in yesterday"],
    ['POST', '/api/annotation', {}, 400, 'The start timestamp has not been set'],
    ['DELETE', '/api/annotation', { description: 'x' }, 400, 'Unable to delete Annotation information'],
    ['PATCH', `/api/annotation?start_time=${T}`, undefined, 405, 'Method not allowed'],
  ])('%s %s → %i %s', async (method, path, body, status, message) => {
    expectError(await call(path, method, body), status, message);
  });

  test('a body that is not JSON is 400', async () => {
    expectError(await httpJson(tsd.url, '/api/annotation', { method: 'POST', body: '{"startTime":' }), 400, 'Unable to parse the given JSON');
  });
});

describe('/api/annotations and /api/annotation/bulk', () => {
  test('/api/annotations lists global annotations in a range', async () => {
    await call('/api/annotation', 'POST', { startTime: 1400000000, description: 'later' });
    const list = await call(`/api/annotations?start_time=${T - 100}&end_time=${T + 3600}`);
    expect(list.body.map((a: { description: string }) => a.description)).toEqual(['deploy v2']);
    const open = await call(`/api/annotations?start_time=${T - 100}`);
    expect(open.body.map((a: { description: string }) => a.description)).toEqual(['deploy v2', 'later']);
    expectError(await call(`/api/annotations?start_time=${T}&end_time=${T - 10}`), 400, 'The end timestamp cannot be less than the start timestamp');
  });

  test('bulk POST stores a list and answers what is stored; unchanged ones are left out', async () => {
    const res = await call('/api/annotation/bulk', 'POST', [
      { tsuid, startTime: T + 600, description: 'b1' },
      { startTime: T + 700, description: 'b2' },
      { startTime: T + 800 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.map((a: { description: string }) => a.description)).toEqual(['b1', 'b2']);
  });

  test('bulk errors', async () => {
    const noStart = await call('/api/annotation/bulk', 'POST', [{ description: 'x' }]);
    expectError(noStart, 400, 'The start timestamp has not been set', 'Annotation error: TSUID:  Start: 0  Description: x');
    expectError(await call('/api/annotation/bulk', 'POST', { startTime: T }), 400, 'Unable to parse the given JSON');
    expectError(await call('/api/annotation/bulk', 'GET'), 405, 'Method not allowed');
    expectError(await call('/api/annotation/bulk?global', 'DELETE'), 400, 'Missing parameter <code>start_time</code>');
    expectError(await call('/api/annotation/bulk', 'DELETE', { global: false }), 400, 'Missing the start time value');
    expectError(await call(`/api/annotation/bulk?start_time=${T}`, 'DELETE'), 400, 'Missing the TSUIDs or global annotations flag');
  });

  test('bulk DELETE by TSUID (JSON) and global (query string) counts what it removed', async () => {
    // In range: the ms one and b1. Out: "spike" (before T) and "quirk", whose qualifier says 1357001799.
    const bySeries = await call('/api/annotation/bulk', 'DELETE', { tsuids: [tsuid], startTime: String(T), endTime: '1356999999' });
    expect(bySeries.status).toBe(200);
    expect(bySeries.body).toEqual({ tsuids: [tsuid], global: false, startTime: T * 1000, endTime: 1356999999000, totalDeleted: 2 });
    expect((await call(`/api/annotation?tsuid=${tsuid}&start_time=1356999000`)).body.description).toBe('quirk');
    const global = await call(`/api/annotation/bulk?start_time=${T}&end_time=${T + 3600}&global`, 'DELETE');
    expect(global.body).toMatchObject({ tsuids: null, global: true, totalDeleted: 2 });
    expect((await call(`/api/annotations?start_time=${T - 100}`)).body.map((a: { description: string }) => a.description)).toEqual(['later']);
  });
});
