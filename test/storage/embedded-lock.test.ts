import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../../src/storage/errors';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';

/** Holds the store open in a child process until its stdin closes. */
function holdInChild(dir: string): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ['-e', `
    const { ClassicLevel } = require('classic-level');
    const db = new ClassicLevel(${JSON.stringify(dir)});
    db.open().then(() => { process.stdout.write('open\\n'); process.stdin.resume(); process.stdin.on('end', () => db.close().then(() => process.exit(0))); });
  `], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(async () => {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    }));
    child.once('error', reject);
  });
}

describe('embedded store ownership', () => {
  test('a second process opening the same directory gets a clear error, and the data stays intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-lock-'));
    try {
      const first = await EmbeddedStore.open({ path: dir });
      await first.createTable({ name: 't', families: [{ name: 'f' }] });
      await first.put('t', Buffer.from('r'), [{ family: 'f', qualifier: Buffer.from('q'), value: Buffer.from('v') }]);
      await first.close();

      const release = await holdInChild(dir);
      const err = await EmbeddedStore.open({ path: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreLockedError);
      expect((err as Error).message).toContain('another process holds it');
      await release();

      const again = await EmbeddedStore.open({ path: dir });
      expect((await again.get('t', Buffer.from('r')))?.cells[0].value.toString()).toBe('v');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
