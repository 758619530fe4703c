/**
 * Loads the vendored HBase 2.x .proto files (this folder) with protobufjs and encodes/decodes
 * messages by their `hbase.pb` name. Field names keep their snake_case (keepCase), as in the
 * .proto files; 64-bit integers decode to Long-like objects (see long.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import protobuf from 'protobufjs';

const FILES = ['RPC.proto', 'Client.proto', 'Master.proto', 'ZooKeeper.proto'];

/** Finds this folder's .proto files both from the TypeScript sources and from the compiled dist/. */
function protoDir(): string {
  const candidates = [__dirname, resolve(__dirname, '../../../../../src/storage/hbase/proto')];
  const dir = candidates.find((d) => existsSync(join(d, 'RPC.proto')));
  if (!dir) throw new Error(`Cannot find the HBase .proto files: looked in ${candidates.join(', ')}`);
  return dir;
}

let root: protobuf.Root | undefined; // parsed once per process: the .proto files never change

function hbaseRoot(): protobuf.Root {
  if (!root) {
    const dir = protoDir();
    root = new protobuf.Root().loadSync(
      FILES.map((f) => join(dir, f)),
      { keepCase: true },
    );
    root.resolveAll();
  }
  return root;
}

const types = new Map<string, protobuf.Type>();

/** The protobufjs type of `hbase.pb.<name>` (nested names with dots, e.g. `MutationProto.ColumnValue`). */
export function messageType(name: string): protobuf.Type {
  let t = types.get(name);
  if (!t) {
    t = hbaseRoot().lookupType(`hbase.pb.${name}`);
    types.set(name, t);
  }
  return t;
}

/**
 * Encodes a plain object as `hbase.pb.<name>`: bytes as Buffers, enums as numbers, 64-bit values as
 * LongBits (long.ts). Callers build complete messages; required fields are not re-checked here.
 */
export function encodeMessage(name: string, value: object): Uint8Array {
  return messageType(name).encode(value).finish();
}

/**
 * Decodes `hbase.pb.<name>`. The result is typed by the caller's interface (messages.ts); absent
 * optional fields read as their defaults, so use `has()` where presence matters.
 */
export function decodeMessage<T>(name: string, bytes: Uint8Array): T {
  return messageType(name).decode(bytes) as unknown as T;
}

/** Whether an optional field was present on the wire (protobufjs keeps defaults on the prototype). */
export function has<T extends object>(message: T, field: keyof T & string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field);
}
