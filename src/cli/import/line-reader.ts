/**
 * Reads an import source — a file, a gzipped file (`*.gz`, as TextImporter), or stdin (`-`) — as
 * batches of lines, so the importer's loop runs over an array between reads instead of awaiting each
 * line. Lines end with `\n` (a `\r` before it is dropped, as BufferedReader does); text is UTF-8.
 * Reports how many bytes of the source were read, for the progress bar.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface LineBatch {
  readonly lines: string[];
  /** Line number (1-based) of lines[0] in the source. */
  readonly firstLine: number;
}

export interface LineSource {
  readonly path: string;
  /** Source bytes read so far (compressed bytes for .gz). */
  bytesRead(): number;
  batches(): AsyncGenerator<LineBatch>;
}

const READ_CHUNK = 1 << 20;

export function openLineSource(path: string, stdin: Readable = process.stdin): LineSource {
  const isStdin = path === '-';
  const file = isStdin ? stdin : createReadStream(path, { highWaterMark: READ_CHUNK });
  let read = 0;
  const gzipped = !isStdin && path.endsWith('.gz');
  const text: Readable = gzipped ? file.pipe(createGunzip({ chunkSize: READ_CHUNK })) : file;
  if (gzipped) {
    // pipe() reads the file through 'data' events already; count the compressed bytes there.
    file.on('data', (chunk: Buffer | string) => (read += chunk.length));
    // A corrupt gzip stream fails the gunzip side; make sure the file side's errors reach us too.
    file.on('error', (e: Error) => text.destroy(e));
  }

  async function* batches(): AsyncGenerator<LineBatch> {
    const decoder = new StringDecoder('utf8');
    let tail = '';
    let lineNo = 1;
    for await (const chunk of text) {
      if (!gzipped) read += (chunk as Buffer | string).length;
      const s = tail + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      const lines = s.split('\n');
      tail = lines.pop() ?? '';
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
      }
      if (lines.length > 0) {
        yield { lines, firstLine: lineNo };
        lineNo += lines.length;
      }
    }
    tail += decoder.end();
    if (tail.length > 0) yield { lines: [tail.endsWith('\r') ? tail.slice(0, -1) : tail], firstLine: lineNo };
  }

  return { path, bytesRead: () => read, batches };
}
