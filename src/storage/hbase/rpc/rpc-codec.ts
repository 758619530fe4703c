/**
 * HBase 2.x RPC wire format (spec/hbase.md §2.2-2.3), pure functions over Buffers:
 * - connection start: "HBas", version 0, auth SIMPLE (0x50), then a length-prefixed ConnectionHeader;
 * - request: 4-byte total length, delimited RequestHeader, delimited request message;
 * - response: 4-byte total length (stripped by FrameDecoder), delimited ResponseHeader, then the
 *   delimited response message unless the header carries an exception, then an optional cell block.
 */
import protobuf from 'protobufjs';
import { encodeMessage, has, messageType } from '../proto/hbase-proto';
import type { ExceptionResponse, ResponseHeader } from '../proto/messages';

/** The services a connection can be opened for; one connection serves one service. */
export type HBaseService = 'ClientService' | 'MasterService' | 'AdminService';

const AUTH_SIMPLE = 0x50;

/** The 6-byte preamble followed by the ConnectionHeader frame. */
export function encodeConnectionStart(service: HBaseService, user: string): Buffer {
  const header = encodeMessage('ConnectionHeader', {
    user_info: { effective_user: user },
    service_name: service,
    // Cells come back in cell blocks (calls/cell-block.ts): less protobuf to decode per cell.
    cell_block_codec_class: 'org.apache.hadoop.hbase.codec.KeyValueCodec',
  });
  const out = Buffer.alloc(6 + 4 + header.length);
  out.write('HBas', 0, 'latin1');
  out[4] = 0; // RPC version
  out[5] = AUTH_SIMPLE;
  out.writeUInt32BE(header.length, 6);
  out.set(header, 10);
  return out;
}

export interface RequestOptions {
  /** Lets the server drop the call if it waited in its queue longer than this. */
  readonly timeoutMs?: number;
  readonly priority?: number;
}

/** One request frame, length prefix included. `param` is the already-encoded request message. */
export function encodeRequest(callId: number, method: string, param: Uint8Array, opts: RequestOptions = {}): Buffer {
  const header: Record<string, unknown> = { call_id: callId, method_name: method, request_param: true };
  if (opts.timeoutMs !== undefined) header.timeout = Math.max(0, Math.min(0xffffffff, Math.round(opts.timeoutMs)));
  if (opts.priority !== undefined) header.priority = opts.priority;
  const headerType = messageType('RequestHeader');
  const w = protobuf.Writer.create();
  headerType.encodeDelimited(headerType.fromObject(header), w);
  w.bytes(param); // varint length + message
  const body = w.finish();
  const out = Buffer.alloc(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.set(body, 4);
  return out;
}

export interface DecodedResponse {
  readonly callId: number;
  readonly exception?: ExceptionResponse;
  /** The response message bytes (without their varint prefix); absent when `exception` is set. */
  readonly body?: Buffer;
  readonly cellBlock?: Buffer;
}

/** Decodes one response frame (without its 4-byte length). Throws on a malformed frame. */
export function decodeResponse(frame: Buffer): DecodedResponse {
  const reader = protobuf.Reader.create(frame);
  const header = messageType('ResponseHeader').decodeDelimited(reader) as unknown as ResponseHeader;
  const callId = header.call_id;
  const exception = has(header, 'exception') ? header.exception : undefined;
  const cellBlockLength = has(header, 'cell_block_meta') ? header.cell_block_meta?.length ?? 0 : 0;
  let body: Buffer | undefined;
  if (!exception) {
    const len = reader.uint32();
    if (reader.pos + len > frame.length) throw new RangeError(`Cannot decode a response: message of ${len} bytes overruns the frame`);
    body = frame.subarray(reader.pos, reader.pos + len);
    reader.pos += len;
  }
  let cellBlock: Buffer | undefined;
  if (cellBlockLength > 0) {
    if (reader.pos + cellBlockLength > frame.length) throw new RangeError('Cannot decode a response: cell block overruns the frame');
    cellBlock = frame.subarray(reader.pos, reader.pos + cellBlockLength);
  }
  return { callId, exception, body, cellBlock };
}
