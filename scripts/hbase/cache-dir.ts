import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The harness cache (Maven-built classpaths, the running-instance state file), outside git:
 * `$TSD_TS_CACHE` when set, else `~/.cache/tsd-ts`.
 */
export function cacheDir(): string {
  const fromEnv = process.env.TSD_TS_CACHE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.cache', 'tsd-ts');
}
