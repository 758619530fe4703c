/**
 * Frames the telnet protocol: lines end with "\n" (an optional "\r" before it is dropped) and are
 * decoded as ISO-8859-1. As OpenTSDB's LineBasedFrameDecoder, the limit (`maxLength`, 1024) is on the
 * bytes buffered without a newline: a longer line whose newline came in the same read is accepted.
 * Chunks that hold only whole lines are not copied.
 */
export class LineTooLongError extends Error {
  override name = 'LineTooLongError';
  constructor(readonly maxLength: number) {
    super(`Line too long: more than ${maxLength} bytes without a newline`);
  }
}

/** Receives one line as a byte range of `buf` (terminator excluded); the range is valid during the call. */
export type LineHandler = (buf: Buffer, start: number, end: number) => void;

export class LineSplitter {
  #pending: Buffer | null = null;

  constructor(readonly maxLength: number) {}

  /** Hands every complete line in `chunk` (plus what was pending) to `onLine`; keeps the unfinished tail. */
  push(chunk: Buffer, onLine: LineHandler): void {
    const data = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = null;
    let start = 0;
    for (;;) {
      const nl = data.indexOf(10, start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && data[end - 1] === 13) end--;
      onLine(data, start, end);
      start = nl + 1;
    }
    if (start < data.length) {
      if (data.length - start > this.maxLength) throw new LineTooLongError(this.maxLength);
      this.#pending = Buffer.from(data.subarray(start));
    }
  }
}

/** Tags.splitString on ' ': consecutive spaces give empty words, tabs are not separators. */
export function splitWords(line: string): string[] {
  return line.split(' ');
}
