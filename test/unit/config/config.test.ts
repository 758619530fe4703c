import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config, ConfigError } from '../../../src/config/config';
import { parseProperties } from '../../../src/config/properties';

describe('opentsdb.conf parsing', () => {
  it.each([
    ['tsd.network.port = 4242', 'tsd.network.port', '4242'],
    ['tsd.network.port=4242', 'tsd.network.port', '4242'],
    ['tsd.network.port: 4242', 'tsd.network.port', '4242'],
    ['tsd.network.port 4242', 'tsd.network.port', '4242'],
    ['  key = value with spaces  ', 'key', 'value with spaces  '],
    ['key = a\\\n   b', 'key', 'ab'],
    ['key = tab\\there', 'key', 'tab\there'],
    ['key = \\u00e9', 'key', 'é'],
    ['key =', 'key', ''],
  ])('parses %j', (text, key, value) => {
    expect(parseProperties(text).get(key)).toBe(value);
  });

  test('skips comments and blank lines', () => {
    const p = parseProperties('# a comment\n! another\n\n a = 1\n');
    expect([...p.entries()]).toEqual([['a', '1']]);
  });
});

describe('Config', () => {
  test('layers defaults, the file, then command-line overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-config-'));
    const file = join(dir, 'opentsdb.conf');
    writeFileSync(file, 'tsd.network.port = 4243\ntsd.core.auto_create_metrics = yes\nmy.plugin.key = x\n');
    const c = Config.load(file, { 'tsd.network.bind': '127.0.0.1' });
    expect(c.getInt('tsd.network.port')).toBe(4243);
    expect(c.getString('tsd.network.bind')).toBe('127.0.0.1');
    expect(c.getBoolean('tsd.core.auto_create_metrics')).toBe(true);
    expect(c.getString('tsd.storage.backend')).toBe('embedded');
    expect(c.unknownKeys()).toEqual(['my.plugin.key']);
    expect(Config.load(file, { 'tsd.network.port': '9' }).getInt('tsd.network.port')).toBe(9);
  });

  it.each([['1', true], ['true', true], ['YES', true], ['TrUe', true], ['0', false], ['false', false], ['on', false], ['', false]])(
    'reads boolean %j as %s, as OpenTSDB does',
    (v, expected) => {
      expect(new Config({ k: v }).getBoolean('k')).toBe(expected);
    },
  );

  test('rejects bad integers naming the key and value', () => {
    const c = new Config({ 'tsd.storage.salt.width': 'two' });
    expect(() => c.getInt('tsd.storage.salt.width', 0, 8)).toThrow(ConfigError);
    expect(() => c.getInt('tsd.storage.salt.width', 0, 8)).toThrow("'tsd.storage.salt.width'");
    expect(() => new Config({ w: '9' }).getInt('w', 0, 8)).toThrow('current value is \'9\'');
  });

  test('masks secrets in the display map', () => {
    const c = new Config({ 'tsd.storage.hbase.password': 'hunter2' });
    expect(c.toDisplayMap()['tsd.storage.hbase.password']).toBe('********');
  });
});
