import { encodeMessage } from '../../../src/storage/hbase/proto/hbase-proto';
import { NoNodeError, ZooKeeperError, parseGetDataReply, parseQuorum } from '../../../src/storage/hbase/zk/zk-client';
import { parseMaster, parseMetaRegionServer, znodeProtobuf } from '../../../src/storage/hbase/zk/znode';

/** A znode payload as RecoverableZooKeeper writes it: 0xFF, id length, id, PBUF, message. */
function payload(id: Buffer, message: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(id.length);
  return Buffer.concat([Buffer.from([0xff]), len, id, Buffer.from('PBUF'), message]);
}

const meta = encodeMessage('MetaRegionServer', { server: { host_name: 'rs1.example', port: 16020, start_code: { low: 5, high: 1 } }, rpc_version: 0, state: 3 });

describe('znode payloads', () => {
  it.each([
    ['a short id', Buffer.from('master:16000')],
    ['an id with an 8-byte salt', Buffer.concat([Buffer.from('master:16000'), Buffer.alloc(8, 0xab)])],
    ['an empty id', Buffer.alloc(0)],
  ])('reads meta-region-server with %s', (_name, id) => {
    expect(parseMetaRegionServer(payload(id, meta))).toEqual({ host: 'rs1.example', port: 16020 });
  });

  it('reads the active master', () => {
    const m = encodeMessage('Master', { master: { host_name: 'localhost', port: 16000 }, rpc_version: 0, info_port: 16010 });
    expect(parseMaster(payload(Buffer.from('x'), m))).toEqual({ host: 'localhost', port: 16000 });
  });

  it('accepts a payload without the metadata prefix', () => {
    expect(znodeProtobuf(Buffer.from('PBUFabc')).toString()).toBe('abc');
  });

  it.each([
    ['no PBUF magic', Buffer.concat([Buffer.from([0xff, 0, 0, 0, 1, 0x41]), Buffer.from('JUNK')])],
    ['an id length past the end', Buffer.from([0xff, 0x7f, 0xff, 0xff, 0xff, 1, 2])],
    ['a truncated header', Buffer.from([0xff, 0])],
    ['nothing', Buffer.alloc(0)],
  ])('rejects %s with a TypeError', (_name, data) => {
    expect(() => znodeProtobuf(data)).toThrow(TypeError);
  });

  it('rejects a meta payload without a port', () => {
    const m = encodeMessage('MetaRegionServer', { server: { host_name: 'h' } });
    expect(() => parseMetaRegionServer(payload(Buffer.alloc(0), m))).toThrow('has no host and port');
  });
});

describe('ZooKeeper replies', () => {
  const reply = (err: number, data?: Buffer): Buffer => {
    const head = Buffer.alloc(16);
    head.writeInt32BE(1, 0);
    head.writeInt32BE(err, 12);
    if (!data) return head;
    const len = Buffer.alloc(4);
    len.writeInt32BE(data.length);
    return Buffer.concat([head, len, data, Buffer.alloc(68)]);
  };

  it('reads the data of a GetData reply', () => {
    expect(parseGetDataReply(reply(0, Buffer.from('hello')), '/p').toString()).toBe('hello');
  });
  it('maps NONODE to NoNodeError and other codes to ZooKeeperError', () => {
    expect(() => parseGetDataReply(reply(-101), '/hbase/master')).toThrow(NoNodeError);
    expect(() => parseGetDataReply(reply(-4), '/p')).toThrow(ZooKeeperError);
  });
  it('rejects data that overruns the reply', () => {
    const r = reply(0, Buffer.from('abc')).subarray(0, 21);
    expect(() => parseGetDataReply(r, '/p')).toThrow('overruns');
  });
  it('parses quorums with and without ports', () => {
    expect(parseQuorum('a:1, b ,c:2181')).toEqual([
      { host: 'a', port: 1 },
      { host: 'b', port: 2181 },
      { host: 'c', port: 2181 },
    ]);
    expect(() => parseQuorum('a:99999')).toThrow(RangeError);
    expect(() => parseQuorum(' , ')).toThrow(RangeError);
  });
});
