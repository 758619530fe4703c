/**
 * OpenTSDB's configuration: defaults, then `opentsdb.conf`, then command-line overrides; read with
 * OpenTSDB's rules (booleans are true for "1", "true" or "yes", any case). Unknown keys are kept (a
 * plugin or a newer OpenTSDB may use them) and reported once at start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULTS, isSecretKey } from './defaults';
import { parseProperties } from './properties';

/** Where OpenTSDB looks for its config file when --config is absent (Config.loadConfig). */
export const DEFAULT_CONFIG_LOCATIONS = [
  './opentsdb.conf',
  '/etc/opentsdb.conf',
  '/etc/opentsdb/opentsdb.conf',
  '/opt/opentsdb/opentsdb.conf',
];

export class ConfigError extends RangeError {
  override name = 'ConfigError';
}

export class Config {
  readonly #values: Map<string, string>;
  /** The file read, if any. */
  readonly file: string | undefined;

  constructor(overrides: Readonly<Record<string, string>> = {}, file?: string, fileValues?: Map<string, string>) {
    this.#values = new Map(Object.entries(DEFAULTS));
    for (const [k, v] of fileValues ?? []) this.#values.set(k, v);
    for (const [k, v] of Object.entries(overrides)) this.#values.set(k, v);
    this.file = file;
  }

  /**
   * Loads `path`, or the first of OpenTSDB's default locations that exists when `path` is undefined,
   * then applies `overrides` (from command-line flags).
   */
  static load(path: string | undefined, overrides: Readonly<Record<string, string>> = {}): Config {
    const file = path ?? DEFAULT_CONFIG_LOCATIONS.find((p) => existsSync(p));
    if (file === undefined) return new Config(overrides);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`Cannot read config file '${file}': ${(e as Error).message}`);
    }
    return new Config(overrides, file, parseProperties(text));
  }

  has(key: string): boolean {
    const v = this.#values.get(key);
    return v !== undefined && v !== '';
  }

  getString(key: string): string {
    return this.#values.get(key) ?? '';
  }

  getBoolean(key: string): boolean {
    const v = this.getString(key).trim().toUpperCase();
    return v === '1' || v === 'TRUE' || v === 'YES';
  }

  getInt(key: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.getString(key).trim();
    const n = /^[-+]?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new ConfigError(`Cannot use '${key}': expected an integer in [${min}, ${max}], current value is '${raw}'`);
    }
    return n;
  }

  /** A copy with more overrides applied (tests, tools). */
  with(overrides: Readonly<Record<string, string>>): Config {
    const next = new Config({}, this.file, new Map(this.#values));
    for (const [k, v] of Object.entries(overrides)) next.#values.set(k, v);
    return next;
  }

  /** Keys set in the file or on the command line that tsd-ts does not know. */
  unknownKeys(): string[] {
    return [...this.#values.keys()].filter((k) => !(k in DEFAULTS)).sort();
  }

  /** Every key and value, sorted by key, secrets masked: what /api/config shows. */
  toDisplayMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of [...this.#values.keys()].sort()) out[k] = isSecretKey(k) ? '********' : this.getString(k);
    return out;
  }
}
