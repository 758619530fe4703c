import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';

/**
 * A JSON record in the cache dir of a JVM the harness left running (`<cache>/<name>.json`),
 * so a later command can find and stop it.
 */
export const stateFilePath = (name: string): string => join(cacheDir(), `${name}.json`);

export function writeStateFile(name: string, state: object): void {
  mkdirSync(cacheDir(), { recursive: true });
  writeFileSync(stateFilePath(name), `${JSON.stringify(state, null, 2)}\n`);
}

/** The record, or undefined when there is none or it is not JSON. */
export function readStateFile<T>(name: string): T | undefined {
  if (!existsSync(stateFilePath(name))) return undefined;
  try {
    return JSON.parse(readFileSync(stateFilePath(name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function clearStateFile(name: string): void {
  rmSync(stateFilePath(name), { force: true });
}
