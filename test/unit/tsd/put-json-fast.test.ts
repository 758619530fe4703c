import { readPutBodyFast } from '../../../src/tsd/put/put-json-fast';

describe('readPutBodyFast', () => {
  it.each([
    ['[{"metric":"m","timestamp":1356998400,"value":42,"tags":{"host":"a"}}]', [{ metric: 'm', timestamp: 1356998400, value: '42', tags: { host: 'a' } }]],
    [' { "metric" : "m" , "timestamp" : "1356998400" , "value" : "1.3E3" , "tags" : { "host" : 7 } } ', [{ metric: 'm', timestamp: 1356998400, value: '1.3E3', tags: { host: '7' } }]],
    ['[{"tags":{"a":"b","c":"d"},"value":-0.5e-3,"timestamp":1356998400123,"metric":"x.y"},\n{"metric":"z","timestamp":1,"value":"NaN","tags":{"k":"v"}}]', [
      { metric: 'x.y', timestamp: 1356998400123, value: '-0.5e-3', tags: { a: 'b', c: 'd' } },
      { metric: 'z', timestamp: 1, value: 'NaN', tags: { k: 'v' } },
    ]],
  ])('reads %j', (body, expected) => {
    expect(readPutBodyFast(body)?.map(({ seriesKey, ...p }) => (expect(seriesKey).toContain(p.metric), p))).toEqual(expected);
  });

  it.each([
    ['[]'],
    ['[{"metric":"m","timestamp":1,"value":1,"tags":{}}]'],
    ['[{"metric":"m","timestamp":1,"value":1}]'],
    ['[{"metric":"","timestamp":1,"value":1,"tags":{"a":"b"}}]'],
    ['[{"metric":"m","timestamp":0,"value":1,"tags":{"a":"b"}}]'],
    ['[{"metric":"m","timestamp":1.5,"value":1,"tags":{"a":"b"}}]'],
    ['[{"metric":"m\\u0041","timestamp":1,"value":1,"tags":{"a":"b"}}]'],
    ['[{"metric":"m","timestamp":1,"value":1,"tags":{"a":"b"},"tsuid":"01"}]'],
    ['[{"metric":"m","timestamp":1,"value":NaN,"tags":{"a":"b"}}]'],
    ['[{"metric":"m","timestamp":1,"value":1,"tags":{"a":"b"}},null]'],
    ['[{"metric":"m","timestamp":1,"value":1,"tags":{"a":"b"}}] trailing'],
    ['[{"metric":"m","timestamp":1,"value":"","tags":{"a":"b"}}]'],
    ['[{"metric":"m","timestamp":1,"value":{"x":1},"tags":{"a":"b"}}]'],
  ])('leaves %j to the general path', (body) => {
    expect(readPutBodyFast(body)).toBeNull();
  });
});
