/**
 * Progress of a long job (import, scan, fsck, metasync): on a terminal, one line redrawn in place
 * with a bar (when the job knows its size), the count, the rate and the time; elsewhere (a log file,
 * a pipe, cron) a plain line every `intervalMs`. `finish()` returns the summary every job prints.
 */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  /** The job's name, first word of every line (`import`, `fsck`). */
  readonly label: string;
  /** What is counted (`points`, `rows`, `series`). */
  readonly unit: string;
  readonly stream?: ProgressStream;
  /** Draw in place; defaults to whether the stream is a terminal. */
  readonly tty?: boolean;
  /** Time between plain lines (default 10 s) or redraws on a terminal (default 200 ms). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface ProgressSummary {
  readonly count: number;
  readonly errors: number;
  readonly elapsedMs: number;
  /** Units per second over the whole job. */
  readonly rate: number;
}

const BAR_WIDTH = 24;

/** `hh:mm:ss` of a duration. */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

export class Progress {
  count = 0;
  errors = 0;
  readonly #o: Required<Omit<ProgressOptions, 'stream'>> & { stream: ProgressStream };
  readonly #startMs: number;
  #lastRenderMs: number;
  #fraction: number | undefined;
  #timer: NodeJS.Timeout | null = null;
  #drawn = false;

  constructor(options: ProgressOptions) {
    const stream = options.stream ?? process.stderr;
    const tty = options.tty ?? stream.isTTY === true;
    this.#o = { ...options, stream, tty, intervalMs: options.intervalMs ?? (tty ? 200 : 10_000), now: options.now ?? Date.now };
    this.#startMs = this.#o.now();
    this.#lastRenderMs = this.#startMs;
  }

  /** Starts redrawing on a timer (it never keeps the process alive). */
  start(): this {
    if (!this.#timer) {
      this.#timer = setInterval(() => this.render(), Math.min(this.#o.intervalMs, 1000));
      this.#timer.unref();
    }
    return this;
  }

  add(n = 1): void {
    this.count += n;
  }

  error(n = 1): void {
    this.errors += n;
  }

  /** How far the job is, when it knows its size (bytes read of bytes to read, rows of rows). */
  position(done: number, total: number): void {
    this.#fraction = total > 0 ? Math.min(1, done / total) : undefined;
  }

  get elapsedMs(): number {
    return this.#o.now() - this.#startMs;
  }

  #rate(): number {
    const s = this.elapsedMs / 1000;
    return s > 0 ? this.count / s : 0;
  }

  /** The progress text, without the terminal's control characters. */
  text(): string {
    const { label, unit } = this.#o;
    let bar = '';
    if (this.#fraction !== undefined) {
      const full = Math.round(this.#fraction * BAR_WIDTH);
      bar = ` [${'#'.repeat(full)}${'-'.repeat(BAR_WIDTH - full)}] ${(this.#fraction * 100).toFixed(0).padStart(3)}%`;
    }
    const errors = this.errors > 0 ? `, ${this.errors} errors` : '';
    return `${label}:${bar} ${this.count} ${unit}${errors}, ${this.#rate().toFixed(0)} ${unit}/s, ${clock(this.elapsedMs)}`;
  }

  /** Draws (terminal) or prints a line (otherwise) when its interval has passed. */
  render(force = false): void {
    const now = this.#o.now();
    if (!force && now - this.#lastRenderMs < this.#o.intervalMs) return;
    this.#lastRenderMs = now;
    if (this.#o.tty) {
      this.#o.stream.write(`\r${this.text()}\x1b[K`);
      this.#drawn = true;
    } else {
      this.#o.stream.write(`${this.text()}\n`);
    }
  }

  /** Stops the display, clears a drawn line, and returns the totals. */
  finish(): ProgressSummary {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#drawn) this.#o.stream.write('\r\x1b[K');
    this.#drawn = false;
    const elapsedMs = this.elapsedMs;
    return { count: this.count, errors: this.errors, elapsedMs, rate: this.#rate() };
  }
}

/** The closing line of a long job: `<label>: N <unit>, E errors in S.SSSs (R <unit>/s)`. */
export function summaryLine(label: string, unit: string, s: ProgressSummary): string {
  return `${label}: ${s.count} ${unit}, ${s.errors} errors in ${(s.elapsedMs / 1000).toFixed(3)}s (${s.rate.toFixed(1)} ${unit}/s)`;
}
