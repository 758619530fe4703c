/**
 * Buffered line output for commands that print many lines (scan, query, uid grep): lines are joined
 * into chunks, a full pipe is waited for, and a reader that went away (`tsdb scan | head`) ends the
 * output quietly instead of crashing the process.
 */
const CHUNK_CHARS = 64 * 1024;

export class LineOutput {
  #pending = '';
  #closed = false;
  #lines = 0;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    stream.on('error', () => {
      // EPIPE and friends: the reader is gone, so is any reason to go on writing.
      this.#closed = true;
    });
  }

  /** True once the reader went away: long loops should stop. */
  get closed(): boolean {
    return this.#closed;
  }

  get lines(): number {
    return this.#lines;
  }

  /** Queues one line (a newline is added); resolves at once unless a chunk had to wait for the pipe. */
  line(text: string): Promise<void> | undefined {
    this.#lines++;
    this.#pending += `${text}\n`;
    return this.#pending.length >= CHUNK_CHARS ? this.#write() : undefined;
  }

  #write(): Promise<void> | undefined {
    const text = this.#pending;
    this.#pending = '';
    if (this.#closed || text.length === 0) return undefined;
    if (this.stream.write(text)) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
  }

  /** Writes what is queued and waits until the stream took it. */
  async flush(): Promise<void> {
    await this.#write();
  }
}
