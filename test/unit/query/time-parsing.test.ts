/**
 * Start/end times and durations (DateTime.parseDateTimeString / parseDuration of OpenTSDB 2.4.1).
 * Expected values and error texts were produced by the 2.4.1 jar (JVM zone UTC).
 */
import { findTimeZone, parseDateTimeString, parseDuration, type TimeZone } from '../../../src/query';

const NOW = 1400000000000;
const ctx = { nowMs: NOW, defaultZone: findTimeZone('UTC') as TimeZone };

describe('parseDateTimeString', () => {
  it.each([
    ["1355961600", null, 1355961600000],
    ["1355961600000", null, 1355961600000],
    ["1355961600.123", null, 1355961600123],
    ["1355961600.5", null, 13559616005],
    ["1355961600.12", null, 135596160012],
    ["1355961600123ms", null, 1355961600123],
    ["123ms", null, 123],
    ["2014/12/31", null, 1419984000000],
    ["2014/12/31-12:00", null, 1420027200000],
    ["2014/12/31 12:00", null, 1420027200000],
    ["2014/12/31-12:00:00", null, 1420027200000],
    ["2014/12/31 12:00:00", null, 1420027200000],
    ["2014/12/31-12:00:00", "America/Los_Angeles", 1420056000000],
    ["2014/12/31", "America/Los_Angeles", 1420012800000],
    ["2014/13/45-25:61:61", null, 1423965721000],
    ["2014/1/1", null, "ERR:Invalid absolute date: 2014/1/1"],
    ["12:00:00", null, "ERR:Invalid absolute date: 12:00:00"],
    ["5", null, 5000],
    ["99999999999", null, 99999999999],
    ["-5", null, "ERR:Invalid time: -5. Negative timestamps are not supported."],
    ["2014-12-31", null, "ERR:Invalid time: 2014-12-31. Invalid character '-' in 2014-12-31"],
    ["0h-ago", null, "ERR:Zero or negative duration: 0h"],
    ["1355961600.1234", null, "ERR:Invalid time: 1355961600.1234. Millisecond timestamps must be in the format <seconds>.<ms> where the milliseconds are limited to 3 digits"],
    ["+5", null, 5000],
    ["99999999999999999999", null, "ERR:Invalid time: 99999999999999999999. Value too long: 99999999999999999999"],
    ["99999999999999999999ms", null, "ERR:Value too long: 99999999999999999999"],
    ["2014/ 1/01", null, 1388534400000],
    ["2014/1/1/11", null, "ERR:Invalid absolute date: 2014/1/1/11"],
    ["2014/12/31-12:00:0x", null, 1420027200000],
    ["2014/xx/01", null, "ERR:Invalid date: 2014/xx/01. Unparseable date: \"2014/xx/01\""],
    ["2017/03/12 02:30", "America/New_York", 1489303800000],
    ["2017/11/05 01:30", "America/New_York", 1509863400000],
    ["2014/12/31", "Bad/Zone", "ERR:Invalid timezone name: Bad/Zone"],
    ["2014/12/31", "us/eastern", "ERR:Invalid timezone name: us/eastern"],
    ["x-ago", null, "ERR:Invalid duration (number): x"],
  ] as Array<[string, string | null, number | string]>)('%s (zone %s) → %s', (text, tz, expected) => {
    if (typeof expected === 'number') expect(parseDateTimeString(text, tz, ctx)).toBe(expected);
    else expect(() => parseDateTimeString(text, tz, ctx)).toThrow(expected.slice(4));
  });

  it.each([
    ['1h-ago', NOW - 3600000],
    ['1H-AGO', NOW - 3600000],
    ['1xh-ago', NOW - 3600000],
    ['1.5h-ago', NOW - 3600000],
    ['01h-ago', NOW - 3600000],
    ['1y-ago', NOW - 31536000000],
    ['1n-ago', NOW - 2592000000],
    ['now', NOW],
    ['NOW', NOW],
    ['', -1],
  ])('%s is relative to the given now', (text, expected) => {
    expect(parseDateTimeString(text, null, ctx)).toBe(expected);
  });

  it('absolute dates use the default zone when the query names none', () => {
    const la = { nowMs: NOW, defaultZone: findTimeZone('America/Los_Angeles') as TimeZone };
    expect(parseDateTimeString('2014/12/31', null, la)).toBe(1420012800000);
  });
});

describe('parseDuration', () => {
  it.each([
    ["1s", 1000],
    ["1ms", 1],
    ["1m", 60000],
    ["1h", 3600000],
    ["1d", 86400000],
    ["1w", 604800000],
    ["1n", 2592000000],
    ["1y", 31536000000],
    ["1.5h", 3600000],
    ["1xh", 3600000],
    ["1sm", 60000],
    ["2MS", 2000],
    ["1M", 60000],
    ["1H", 3600000],
    ["0h", "ERR:Zero or negative duration: 0h"],
    ["h", "ERR:Invalid duration (number): h"],
    ["12", "ERR:Invalid duration, must have an integer and unit: 12"],
    ["1q", "ERR:Invalid duration (suffix): 1q"],
    ["01h", 3600000],
    ["99999999999999999999h", "ERR:Invalid duration (number): 99999999999999999999h"],
    ["10000000000000000y", "ERR:Duration must be < Long.MAX_VALUE ms: 10000000000000000y"],
  ] as Array<[string, number | string]>)('%s → %s', (text, expected) => {
    if (typeof expected === 'number') expect(parseDuration(text)).toBe(expected);
    else expect(() => parseDuration(text)).toThrow(expected.slice(4));
  });
});

describe('findTimeZone', () => {
  it('knows Java IDs case-sensitively', () => {
    expect(findTimeZone('US/Eastern')).not.toBeNull();
    expect(findTimeZone('EST')).not.toBeNull();
    expect(findTimeZone('Etc/GMT+5')).not.toBeNull();
    expect(findTimeZone('us/eastern')).toBeNull();
    expect(findTimeZone('Nope/X')).toBeNull();
  });
});
