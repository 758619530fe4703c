import { startTestTsd, telnet, type TestTsd } from '../helpers/tsd-harness';

describe('the daemon on one port', () => {
  let tsd: TestTsd;
  beforeAll(async () => {
    tsd = await startTestTsd();
  });
  afterAll(() => tsd.stop());

  test('answers GET and POST /api/version with OpenTSDB fields and content type', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${tsd.url}/api/version`, { method });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      const body = (await res.json()) as Record<string, string>;
      expect(Object.keys(body).sort()).toEqual(['branch', 'full_revision', 'host', 'repo', 'repo_status', 'short_revision', 'timestamp', 'user', 'version']);
      expect(body.version).toBe('2.4.1');
    }
  });

  test('routes case-insensitively, with /api/v1, trailing slashes and JSONP', async () => {
    expect((await fetch(`${tsd.url}/API/Version/`)).status).toBe(200);
    expect((await fetch(`${tsd.url}/api/v1/version`)).status).toBe(200);
    const jsonp = await (await fetch(`${tsd.url}/api/version?jsonp=cb`)).text();
    expect(jsonp.startsWith('cb({"short_revision":"tsd-ts-')).toBe(true);
    expect(jsonp.endsWith('})')).toBe(true);
  });

  test('gives OpenTSDB errors for unknown endpoints, versions and methods', async () => {
    const notFound = await fetch(`${tsd.url}/api/nothing`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: 404, message: 'Endpoint not found' } });
    const v2 = await fetch(`${tsd.url}/api/v2/version`);
    expect(v2.status).toBe(501);
    expect(((await v2.json()) as { error: { details: string } }).error.details).toBe('API version [2] is greater than the max [1]');
    const badVersion = await fetch(`${tsd.url}/api/v1x/version`);
    expect(badVersion.status).toBe(400);
    const put = await fetch(`${tsd.url}/api/version`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(((await put.json()) as { error: { message: string } }).error.message).toBe('Method not allowed');
  });

  test('serves telnet on the same port: version, help, unknown commands, exit', async () => {
    const { lines, closed } = await telnet(tsd.port, 'version\nhelp\nfoo bar\n\nexit\n');
    expect(lines[0]).toMatch(/^net\.opentsdb\.tools 2\.4\.1 built at revision /);
    expect(lines[1]).toMatch(/^Built on /);
    expect(lines[2]).toMatch(/^available commands: .*version .*help /);
    expect(lines[3]).toBe("unknown command: foo.  Try `help'.");
    expect(lines[4]).toBe("unknown command: .  Try `help'.");
    expect(closed).toBe(true);
  });

  test('closes a telnet connection whose line is too long, after saying why', async () => {
    const { lines, closed } = await telnet(tsd.port, 'x'.repeat(5000));
    expect(closed).toBe(true);
    expect(lines).toEqual(['error: Line too long: more than 1024 bytes without a newline; closing the connection']);
    // The daemon keeps serving others.
    expect((await fetch(`${tsd.url}/api/version`)).status).toBe(200);
  });
});
