/**
 * Reads a request body with a hard size limit, inflating gzip/deflate bodies (Content-Encoding gzip,
 * x-gzip, deflate, x-deflate) under the same limit, so neither a large body nor a compression bomb can
 * exhaust memory.
 */
import type { IncomingMessage } from 'node:http';
import { gunzip, inflate, inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import { TsdError } from '../../errors/tsd-error';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);

function tooLarge(limit: number): TsdError {
  return new TsdError(
    'Request body too large',
    413,
    `The request body exceeds the limit of ${limit} bytes (tsd.http.request.max_body_size)`,
  );
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.once('error', (e) => {
      failed = true;
      reject(e);
    });
  });
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (raw.length === 0 || encoding === 'identity' || encoding === '') return raw;
  const options = { maxOutputLength: limit };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return await gunzipAsync(raw, options);
    if (encoding === 'deflate' || encoding === 'x-deflate') {
      // "deflate" is zlib-wrapped by the RFC, but some clients send raw deflate.
      return await inflateAsync(raw, options).catch(() => inflateRawAsync(raw, options));
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw new TsdError('Unable to decompress the request body', 400, (e as Error).message);
  }
  throw new TsdError('Unsupported content encoding', 415, `Content-Encoding [${encoding}] is not supported`);
}
