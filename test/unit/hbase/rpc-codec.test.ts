import protobuf from 'protobufjs';
import { FrameDecoder } from '../../../src/storage/hbase/rpc/frame-decoder';
import { decodeResponse, encodeConnectionStart, encodeRequest } from '../../../src/storage/hbase/rpc/rpc-codec';
import { decodeMessage, encodeMessage, messageType } from '../../../src/storage/hbase/proto/hbase-proto';

/** Builds a response frame body the way an HBase server writes it. */
function responseFrame(header: object, message?: Uint8Array, cellBlock?: Buffer): Buffer {
  const w = protobuf.Writer.create();
  const t = messageType('ResponseHeader');
  t.encodeDelimited(t.fromObject(header), w);
  if (message) w.bytes(message);
  return Buffer.concat([Buffer.from(w.finish()), cellBlock ?? Buffer.alloc(0)]);
}

describe('encodeConnectionStart', () => {
  it('writes the HBas preamble with version 0 and SIMPLE auth, then a length-prefixed ConnectionHeader', () => {
    const bytes = encodeConnectionStart('ClientService', 'alice');
    expect(bytes.subarray(0, 6).toString('hex')).toBe('484261730050');
    const len = bytes.readUInt32BE(6);
    expect(len).toBe(bytes.length - 10);
    const header = decodeMessage<{ service_name: string; user_info: { effective_user: string }; cell_block_codec_class: string }>(
      'ConnectionHeader',
      bytes.subarray(10),
    );
    expect(header.service_name).toBe('ClientService');
    expect(header.user_info.effective_user).toBe('alice');
    expect(header.cell_block_codec_class).toBe('org.apache.hadoop.hbase.codec.KeyValueCodec');
  });
});

describe('encodeRequest', () => {
  it('frames total length, delimited RequestHeader and delimited param', () => {
    const param = encodeMessage('GetTableNamesRequest', { include_sys_tables: false });
    const bytes = encodeRequest(7, 'GetTableNames', param, { timeoutMs: 1500 });
    expect(bytes.readUInt32BE(0)).toBe(bytes.length - 4);
    const r = protobuf.Reader.create(bytes.subarray(4));
    const header = messageType('RequestHeader').decodeDelimited(r) as unknown as Record<string, unknown>;
    expect(header).toMatchObject({ call_id: 7, method_name: 'GetTableNames', request_param: true, timeout: 1500 });
    const len = r.uint32();
    expect(Buffer.from(bytes.subarray(4 + r.pos, 4 + r.pos + len)).equals(Buffer.from(param))).toBe(true);
    expect(4 + r.pos + len).toBe(bytes.length);
  });
});

describe('decodeResponse', () => {
  const body = encodeMessage('MutateResponse', { processed: true });

  it('returns the message bytes of a normal answer', () => {
    const res = decodeResponse(responseFrame({ call_id: 42 }, body));
    expect(res.callId).toBe(42);
    expect(res.exception).toBeUndefined();
    expect(Buffer.from(res.body ?? []).equals(Buffer.from(body))).toBe(true);
    expect(res.cellBlock).toBeUndefined();
  });

  it('returns the exception and no body when the header carries one', () => {
    const res = decodeResponse(
      responseFrame({ call_id: 3, exception: { exception_class_name: 'org.apache.hadoop.hbase.NotServingRegionException', stack_trace: 'x', do_not_retry: false } }),
    );
    expect(res.exception?.exception_class_name).toBe('org.apache.hadoop.hbase.NotServingRegionException');
    expect(res.body).toBeUndefined();
  });

  it('cuts the cell block that follows the message', () => {
    const block = Buffer.from('cellblock!');
    const res = decodeResponse(responseFrame({ call_id: 1, cell_block_meta: { length: block.length } }, body, block));
    expect(res.cellBlock?.toString()).toBe('cellblock!');
  });

  it('rejects a message or cell block longer than the frame', () => {
    const frame = responseFrame({ call_id: 1 }, body);
    expect(() => decodeResponse(frame.subarray(0, frame.length - 1))).toThrow(RangeError);
    expect(() => decodeResponse(responseFrame({ call_id: 1, cell_block_meta: { length: 99 } }, body))).toThrow('cell block overruns');
  });

  const stream = (() => {
    const frames = [responseFrame({ call_id: 1 }, body), responseFrame({ call_id: 2, exception: { exception_class_name: 'E' } })];
    return Buffer.concat(frames.map((f) => Buffer.concat([Buffer.from([0, 0, 0, f.length]), f])));
  })();
  it.each(Array.from({ length: stream.length - 1 }, (_, i) => i + 1))('decodes two responses split at byte %i', (cut) => {
    const d = new FrameDecoder(1 << 20);
    const frames = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
    expect(frames.map((f) => decodeResponse(f).callId)).toEqual([1, 2]);
  });
});
