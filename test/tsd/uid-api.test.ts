/**
 * /api/uid/assign, rename, uidmeta and tsmeta over real sockets, with OpenTSDB's statuses, texts
 * and JSON shapes.
 */
import { expectError, httpJson, type JsonReply } from '../helpers/http-json';
import { startTestTsd, type TestTsd } from '../helpers/tsd-harness';

let tsd: TestTsd;

const call = (path: string, method = 'GET', body?: string): Promise<JsonReply> => httpJson(tsd.url, path, { method, body });

beforeAll(async () => {
  tsd = await startTestTsd({ 'tsd.core.auto_create_metrics': 'true' });
  const res = await fetch(`${tsd.url}/api/put?sync`, {
    method: 'POST',
    body: JSON.stringify([{ metric: 'sys.cpu.user', timestamp: 1356998400, value: 1, tags: { host: 'web01' } }]),
  });
  expect(res.status).toBe(204);
});
afterAll(() => tsd.stop());

describe('/api/uid/assign', () => {
  test('assigns new names from the query string, sorted, with errors per name and a 400', async () => {
    const ok = await call('/api/uid/assign?metric=m.b,m.a,&tagk=dc');
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.metric)).toEqual(['m.a', 'm.b']);
    expect(ok.body.tagk.dc).toMatch(/^[0-9A-F]{6}$/);
    const again = await call('/api/uid/assign?metric=m.a,bad!name,m.c');
    expect(again.status).toBe(400);
    expect(again.body.metric).toEqual({ 'm.c': expect.stringMatching(/^[0-9A-F]{6}$/) });
    expect(again.body.metric_errors).toEqual({
      'bad!name': 'Invalid metric ("bad!name"): illegal character: !',
      'm.a': `Name already exists with UID: ${ok.body.metric['m.a']}`,
    });
  });

  test('reads a JSON body on POST; unknown kinds are errors of their own', async () => {
    const res = await call('/api/uid/assign', 'POST', '{"tagv":["v1",""],"colour":["red"]}');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.tagv)).toEqual(['v1']);
    expect(res.body.tagv_errors).toEqual({ '': 'Invalid tagv: empty string' });
    expect(res.body.colour).toEqual({});
    expect(res.body.colour_errors).toEqual({ red: 'Unknown type name' });
  });

  test.each([
    ['GET', '/api/uid/assign', undefined, 400, 'Missing values to assign UIDs'],
    ['POST', '/api/uid/assign', '', 400, 'Missing message content'],
    ['POST', '/api/uid/assign', '{"metric":"x"}', 400, 'Unable to parse the given JSON'],
    ['PUT', '/api/uid/assign?metric=x', undefined, 405, 'Method not allowed'],
    ['GET', '/api/uid', undefined, 501, 'Other UID endpoints have not been implemented yet'],
    ['GET', '/api/uid/nothing', undefined, 501, 'Other UID endpoints have not been implemented yet'],
  ])('%s %s → %i %s', async (method, path, body, status, message) => {
    expectError(await call(path, method, body), status, message);
  });
});

describe('/api/uid/rename', () => {
  test('renames a metric; the old name is gone, the UID stays', async () => {
    const before = (await call('/api/uid/assign?metric=old.name')).body.metric['old.name'];
    const res = await call('/api/uid/rename?metric=old.name&name=new.name');
    expect([res.status, res.body]).toEqual([200, { result: 'true' }]);
    expect((await call('/api/suggest?type=metrics&q=new.')).body).toEqual(['new.name']);
    expect((await call('/api/suggest?type=metrics&q=old.')).body).toEqual([]);
    const meta = await call(`/api/uid/uidmeta?uid=${before}&type=metric`);
    expect(meta.body.name).toBe('new.name');
  });

  test('refusals are 400 with result false and the reason', async () => {
    await call('/api/uid/assign?tagk=k.one,k.two');
    const missing = await call('/api/uid/rename', 'POST', '{"tagk":"no.such","name":"x"}');
    expect([missing.status, missing.body]).toEqual([400, { result: 'false', error: 'Name("no.such") does not exist' }]);
    const taken = await call('/api/uid/rename?tagk=k.one&name=k.two');
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatch(/^When trying rename\("k\.one", "k\.two"\) on UniqueId\(tsdb-uid, tagk, 3\): new name already assigned ID=\[0, 0, \d+\]$/);
    const bad = await call('/api/uid/rename?tagk=k.one&name=k%20two');
    expect(bad.body).toEqual({ result: 'false', error: 'Invalid tagk ("k two"): illegal character:  ' });
  });

  test('method and missing values', async () => {
    const put = await call('/api/uid/rename?metric=a&name=b', 'PUT');
    expect([put.status, put.body.error.details]).toEqual([405, 'The HTTP method[PUT] is not permitted for this endpoint']);
    const none = await call('/api/uid/rename?metric=a');
    expect([none.status, none.body.error.message]).toEqual([400, 'Missing necessary values to rename UID']);
  });
});

describe('/api/uid/uidmeta', () => {
  test('GET shows a default meta for a UID without one; POST merges, PUT replaces, DELETE removes', async () => {
    const uid = (await call('/api/uid/assign?tagv=meta.host')).body.tagv['meta.host'];
    const fresh = await call(`/api/uid/uidmeta?uid=${uid}&type=tagv`);
    expect(fresh.text).toBe(`{"uid":"${uid}","type":"TAGV","name":"meta.host","description":"","notes":"","created":0,"custom":null,"displayName":""}`);

    const post = await call(`/api/uid/uidmeta?uid=${uid}&type=tagv&display_name=Web%20one`, 'POST');
    expect([post.status, post.body.displayName]).toEqual([200, 'Web one']);
    const merged = await call('/api/uid/uidmeta', 'POST', `{"uid":"${uid}","type":"tagv","description":"d","custom":{"rack":"r1"}}`);
    expect(merged.body).toMatchObject({ displayName: 'Web one', description: 'd', custom: { rack: 'r1' } });
    const replaced = await call('/api/uid/uidmeta', 'PUT', `{"uid":"${uid}","type":"TAGV","notes":"n"}`);
    expect(replaced.body).toMatchObject({ displayName: '', description: '', notes: 'n', custom: null });

    const unchanged = await call(`/api/uid/uidmeta?uid=${uid}&type=tagv&method_override=post`);
    expect([unchanged.status, unchanged.text]).toEqual([304, '']);

    expect((await call(`/api/uid/uidmeta?uid=${uid}&type=tagv`, 'DELETE')).status).toBe(204);
    expect((await call(`/api/uid/uidmeta?uid=${uid}&type=tagv`)).body.notes).toBe('');
  });

  test.each([
    ['GET', '/api/uid/uidmeta?type=metric', 400, 'Missing parameter <code>uid</code>'],
    ['GET', '/api/uid/uidmeta?uid=000001', 400, 'Missing parameter <code>type</code>'],
    ['GET', '/api/uid/uidmeta?uid=000001&type=host', 400, 'Invalid type requested: host'],
    ['GET', '/api/uid/uidmeta?uid=FFFFFF&type=metric', 404, 'Could not find the requested UID'],
    ['POST', '/api/uid/uidmeta?uid=FFFFFF&type=metric&notes=x', 404, 'Could not find the requested UID'],
    ['DELETE', '/api/uid/uidmeta?uid=000001', 400, 'Missing parameter <code>type</code>'],
    ['PATCH', '/api/uid/uidmeta?uid=000001&type=metric', 405, 'Method not allowed'],
  ])('%s %s → %i %s', async (method, path, status, message) => {
    expectError(await call(path, method), status, message);
  });

  test('a body without a type cannot be deleted or saved', async () => {
    const del = await call('/api/uid/uidmeta', 'DELETE', '{"uid":"000001"}');
    expect([del.status, del.body.error.message, del.body.error.details]).toEqual([400, 'Unable to delete UIDMeta information', 'Missing type']);
    const bad = await call('/api/uid/uidmeta', 'POST', '{"uid":"000001","type":"colour","notes":"x"}');
    expect([bad.status, bad.body.error.message]).toEqual([400, 'Unable to parse the given JSON']);
  });
});

describe('/api/uid/tsmeta', () => {
  const series = 'sys.cpu.user%7Bhost%3Dweb01%7D';

  test('create=true makes a TSMeta for a series; GET by TSUID and by m= show it with its UIDMetas', async () => {
    const missing = await call(`/api/uid/tsmeta?m=${series}&units=ms`, 'POST');
    expect([missing.status, missing.body.error.message]).toEqual([400, 'Could not find TSMeta, specify "create=true" to create a new one.']);
    const created = await call(`/api/uid/tsmeta?m=${series}&create=true&units=ms&max=1.1`, 'POST');
    expect(created.status).toBe(200);
    const tsuid: string = created.body.tsuid;
    expect(tsuid).toMatch(/^[0-9A-F]{18}$/);
    expect(Object.keys(created.body)).toEqual([
      'tsuid', 'metric', 'tags', 'description', 'notes', 'created', 'units', 'retention', 'max', 'min',
      'displayName', 'dataType', 'lastReceived', 'totalDatapoints',
    ]);
    expect(created.body).toMatchObject({ units: 'ms', max: 1.100000023841858, min: 'NaN', totalDatapoints: 0 });
    expect(created.body.metric).toMatchObject({ type: 'METRIC', name: 'sys.cpu.user' });
    expect(created.body.tags.map((t: { name: string }) => t.name)).toEqual(['host', 'web01']);

    const byTsuid = await call(`/api/uid/tsmeta?tsuid=${tsuid}`);
    expect(byTsuid.body).toEqual(created.body);
    const byMetric = await call('/api/uid/tsmeta?m=sys.cpu.user');
    expect(byMetric.body).toEqual([created.body]);
    expect((await call('/api/uid/tsmeta?m=sys.cpu.user%7Bhost%3Dweb01%7D')).body).toHaveLength(1);

    const merged = await call('/api/uid/tsmeta', 'POST', `{"tsuid":"${tsuid}","description":"cpu","custom":{"a":"b"}}`);
    expect(merged.body).toMatchObject({ units: 'ms', description: 'cpu', custom: { a: 'b' } });
    const replaced = await call(`/api/uid/tsmeta?tsuid=${tsuid}&notes=n`, 'PUT');
    expect(replaced.body).toMatchObject({ units: '', description: '', notes: 'n', max: 'NaN' });
    expect('custom' in replaced.body).toBe(false);
    expect((await call(`/api/uid/tsmeta?tsuid=${tsuid}`, 'POST')).status).toBe(304);

    expect((await call(`/api/uid/tsmeta?tsuid=${tsuid}`, 'DELETE')).status).toBe(204);
    const gone = await call(`/api/uid/tsmeta?tsuid=${tsuid}`);
    expect([gone.status, gone.body.error.message]).toEqual([404, 'Could not find Timeseries meta data']);
  });

  test.each([
    ['GET', '/api/uid/tsmeta', 400, 'Missing parameter <code>m</code>'],
    ['GET', '/api/uid/tsmeta?tsuid=00000100000', 400, 'The TSUID appears to be malformed, improper tag width'],
    ['GET', '/api/uid/tsmeta?tsuid=000001', 400, 'TSUID is too short, may be missing tags'],
    ['GET', '/api/uid/tsmeta?m=no.such.metric', 404, 'Unable to find one of the UIDs'],
    ['GET', '/api/uid/tsmeta?m=sys.cpu.user%7Bhost%7D', 400, "When parsing tag 'host': invalid tag: host"],
    ['POST', '/api/uid/tsmeta?tsuid=000001000001000001&max=big', 400, "Unable to parse 'max' value"],
    ['POST', '/api/uid/tsmeta?tsuid=000001000001000001&retention=1.5', 400, "Unable to parse 'retention' value"],
    ['POST', '/api/uid/tsmeta?tsuid=FFFFFF000001000001&notes=x', 404, 'Unable to find one or more UIDs'],
    ['DELETE', '/api/uid/tsmeta', 400, 'Unable to delete TSMeta information'],
    ['PATCH', '/api/uid/tsmeta?tsuid=000001000001000001', 405, 'Method not allowed'],
  ])('%s %s → %i %s', async (method, path, status, message) => {
    expectError(await call(path, method), status, message);
  });
});
