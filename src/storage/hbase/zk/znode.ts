/**
 * HBase's znode payloads: 0xFF magic, a 4-byte id length, the writer's id (its length varies by
 * version: never assume it), the 4 bytes "PBUF", then an undelimited protobuf message
 * (RecoverableZooKeeper's metadata prefix and ProtobufUtil's PB magic).
 */
import { decodeMessage } from '../proto/hbase-proto';
import type { MasterProto, MetaRegionServerProto, ServerNameProto } from '../proto/messages';

export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

const PBUF = Buffer.from('PBUF', 'latin1');

/** The protobuf bytes of a znode payload; throws a TypeError when the payload is malformed. */
export function znodeProtobuf(data: Buffer): Buffer {
  let offset = 0;
  if (data.length > 0 && data[0] === 0xff) {
    if (data.length < 5) throw new TypeError('Cannot parse znode: truncated metadata header');
    const idLength = data.readUInt32BE(1);
    offset = 5 + idLength;
    if (idLength > data.length || offset > data.length) throw new TypeError(`Cannot parse znode: id length ${idLength} overruns ${data.length} bytes`);
  }
  if (data.length < offset + 4 || !data.subarray(offset, offset + 4).equals(PBUF)) {
    throw new TypeError('Cannot parse znode: no PBUF magic');
  }
  return data.subarray(offset + 4);
}

function address(server: ServerNameProto | undefined, what: string): ServerAddress {
  if (!server || !server.host_name || !server.port) throw new TypeError(`Cannot parse znode: ${what} has no host and port`);
  return { host: server.host_name, port: server.port };
}

/** Where hbase:meta is served, from `<basedir>/meta-region-server`. */
export function parseMetaRegionServer(data: Buffer): ServerAddress {
  return address(decodeMessage<MetaRegionServerProto>('MetaRegionServer', znodeProtobuf(data)).server, 'meta-region-server');
}

/** The active master, from `<basedir>/master`. */
export function parseMaster(data: Buffer): ServerAddress {
  return address(decodeMessage<MasterProto>('Master', znodeProtobuf(data)).master, 'master');
}
