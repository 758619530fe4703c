/** startJvm's watchdog: a JVM started for a test never outlives the process that started it. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, startJvm, stopProcessGroup } from '../../scripts/hbase/jvm-process';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

describe('startJvm', () => {
  it('kills the JVM and removes its folder once the watched process is gone', async () => {
    const parent = spawn('sleep', ['60'], { stdio: 'ignore' });
    const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-watchdog-'));
    // A JVM that just sleeps, from a single source file (java runs those directly since JDK 11).
    const source = join(dir, 'Sleep.java');
    writeFileSync(source, 'public class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(60000); } }');
    const jvm = startJvm({
      args: [source], consoleFile: join(dir, 'out'),
      cwd: dir, outliveParent: false, cleanupDir: dir, watchPid: parent.pid,
    });
    try {
      await sleep(3000);
      expect(isAlive(jvm.pid)).toBe(true);
      parent.kill('SIGKILL');
      expect(await waitUntil(() => !isAlive(jvm.pid) && !existsSync(dir), 5000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      if (isAlive(jvm.pid)) await stopProcessGroup(jvm.pid, 0);
    }
  }, 30_000);
});
