import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkJavaAndMaven, parseJavaMajor } from '../../../scripts/hbase/java-prereqs';

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])('reads %s as %i', (text, major) => {
    expect(parseJavaMajor(text)).toBe(major);
  });

  it('returns undefined for text without a version', () => {
    expect(parseJavaMajor('bash: java: command not found')).toBeUndefined();
  });
});

describe('checkJavaAndMaven', () => {
  const saved = { JAVA_HOME: process.env.JAVA_HOME, PATH: process.env.PATH };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsd-ts-prereqs-'));
  });
  afterEach(() => {
    process.env.JAVA_HOME = saved.JAVA_HOME;
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the JDK to install when there is no java', () => {
    process.env.JAVA_HOME = dir;
    expect(checkJavaAndMaven).toThrow(/^Cannot run the HBase\/OpenTSDB harness: no `java` found; install a JDK 17/);
  });

  it('names the JDK to install when java is older than 17', () => {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n');
    chmodSync(join(dir, 'bin', 'java'), 0o755);
    process.env.JAVA_HOME = dir;
    expect(checkJavaAndMaven).toThrow(/`java` is version 11; install a JDK 17 or newer/);
  });

  it('names Maven when mvn is not on PATH', () => {
    const props = spawnSync('java', ['-XshowSettings:properties', '-version'], { encoding: 'utf8' }).stderr;
    process.env.JAVA_HOME = /java\.home = (.+)/.exec(props)?.[1]?.trim() ?? '';
    process.env.PATH = dir;
    expect(checkJavaAndMaven).toThrow(/no `mvn` found; install Apache Maven 3/);
  });

  it('passes on this machine', () => {
    expect(checkJavaAndMaven).not.toThrow();
  });
});
