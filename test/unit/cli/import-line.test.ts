import { encodeImportValue, ImportLineError, parseImportLine } from '../../../src/cli/import/import-line';

describe('parseImportLine', () => {
  test('splits metric, timestamp and value; the tags start after the value', () => {
    const line = 'sys.cpu.user 1356998400 42 host=web01 cpu=0';
    const p = parseImportLine(line);
    expect(p).toEqual({ metric: 'sys.cpu.user', timestamp: 1356998400, valueText: '42', tagsAt: 27 });
    expect(line.slice(p.tagsAt)).toBe('host=web01 cpu=0');
    expect(parseImportLine('m 1356998400123 1').timestamp).toBe(1356998400123);
  });

  it.each([
    ['', 'invalid metric: '],
    [' 1356998400 1 a=b', 'invalid metric: '],
    ['m', 'invalid timestamp: no timestamp'],
    ['m 1356998400.5 1 a=b', "invalid timestamp: Invalid character '.' in 1356998400.5"],
    ['m 0 1 a=b', 'invalid timestamp: 0'],
    ['m -5 1 a=b', 'invalid timestamp: -5'],
    ['m 1356998400', 'invalid value: no value'],
    ['m 1356998400  a=b', 'invalid value: '],
  ])('refuses %j with %j', (line, message) => {
    expect(() => parseImportLine(line)).toThrow(new ImportLineError(message));
  });
});

describe('encodeImportValue', () => {
  test('integers take the shortest signed width; everything else is a 4-byte float', () => {
    expect(encodeImportValue('42', 'm', 1)).toEqual({ bytes: Buffer.from([42]), flags: 0 });
    expect(encodeImportValue('-129', 'm', 1)).toEqual({ bytes: Buffer.from('ff7f', 'hex'), flags: 1 });
    expect(encodeImportValue('9223372036854775807', 'm', 1)).toEqual({ bytes: Buffer.from('7fffffffffffffff', 'hex'), flags: 7 });
    expect(encodeImportValue('42.5', 'm', 1)).toEqual({ bytes: Buffer.from('422a0000', 'hex'), flags: 0xb });
    // 0.1 does not fit a float: import stores the rounded float anyway (telnet would store a double).
    expect(encodeImportValue('0.1', 'm', 1)).toEqual({ bytes: Buffer.from('3dcccccd', 'hex'), flags: 0xb });
    expect(encodeImportValue('1e3', 'm', 1).bytes.readFloatBE(0)).toBe(1000);
  });

  test('floats beyond the float range are refused; NaN has no dot and is no integer either', () => {
    expect(() => encodeImportValue('NaN', 'm', 5)).toThrow("Invalid character 'N' in NaN");
    expect(() => encodeImportValue('-1e39', 'm', 5)).toThrow('value is NaN or Infinite: -Infinity for metric=m timestamp=5');
    expect(() => encodeImportValue('1e39', 'm', 5)).toThrow('value is NaN or Infinite: Infinity for metric=m timestamp=5');
    expect(() => encodeImportValue('12x', 'm', 5)).toThrow("Invalid character 'x' in 12x");
  });
});
