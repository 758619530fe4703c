/** Command-line flags of the benchmark scripts: `--name value` pairs and bare `--flag` switches. */

/** The value after `--name`, or `fallback` when the flag is absent. */
export function argText(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : fallback;
}

/** A numeric `--name value`; a value that is not a finite number stops the run with a clear message. */
export function argNumber(name: string, fallback: number): number {
  const text = argText(name, String(fallback));
  const n = Number(text);
  if (!Number.isFinite(n)) throw new RangeError(`Cannot run the benchmark: --${name} must be a number, got '${text}'`);
  return n;
}

/** True when the bare switch `--name` was given. */
export function argFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
