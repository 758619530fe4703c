/**
 * `tsdb uid [kind] <name>` and `tsdb uid [kind] <id>` (UidManager.lookupName / lookupId): with a kind,
 * one line or an error; without, every mapping the row holds. An argument that parses as a Java long
 * is an ID; it must fit the UID width.
 */
import { NoSuchUniqueId, NoSuchUniqueName } from '../../../uid/errors';
import { bytesToName, nameToBytes } from '../../../uid/name-codec';
import { ID_FAMILY, NAME_FAMILY, type UidKind } from '../../../uid/uid-kind';
import { mappingLine, printCells, uidCell, uidWidth, type UidContext } from './uid-context';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Long.parseLong, or undefined when the text is not a long. */
export function parseJavaLong(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const v = BigInt(text);
  return v >= LONG_MIN && v <= LONG_MAX ? v : undefined;
}

/** The last `width` bytes of the 8-byte form of `id`, or undefined (with OpenTSDB's hint) when it does not fit. */
export function idInBytes(id: bigint, width: number): Buffer | undefined {
  const full = Buffer.alloc(8);
  full.writeBigInt64BE(id);
  for (let i = 0; i < 8 - width; i++) {
    if (full[i] !== 0) {
      process.stderr.write(`${id} is too large to fit on ${width} bytes.  Maybe you forgot to adjust --idwidth?\n`);
      return undefined;
    }
  }
  return full.subarray(8 - width);
}

/** Looks a name up for one kind (any qualifier, as UidManager allows) and prints its mapping; 1 when unknown. */
export async function exactLookupName(ctx: UidContext, kind: string, name: string): Promise<number> {
  const id = await uidCell(ctx, nameToBytes(name), ID_FAMILY, Buffer.from(kind, 'latin1'));
  if (!id) {
    ctx.logger.error(new NoSuchUniqueName(kind as UidKind, name).message);
    return 1;
  }
  const width = uidWidth(ctx, kind);
  if (id.length !== width) {
    ctx.logger.error(`Found id.length = ${id.length} which is != ${width} required for '${kind}'`);
    return 1;
  }
  await ctx.out.line(mappingLine(kind, name, id));
  return 0;
}

async function printRow(ctx: UidContext, key: Buffer, family: string, forward: boolean): Promise<number> {
  const row = await ctx.tsdb.store.get(ctx.tsdb.tables.uid, key, { families: [family] });
  return row && (await printCells(ctx, key, row.cells, forward)) ? 0 : 1;
}

export async function uidLookup(ctx: UidContext, args: readonly string[]): Promise<number> {
  const kind = args.length === 2 ? args[0] : null;
  const last = args[args.length - 1];
  const asId = parseJavaLong(last);
  if (asId === undefined) {
    return kind !== null ? exactLookupName(ctx, kind, last) : printRow(ctx, nameToBytes(last), ID_FAMILY, true);
  }
  const id = idInBytes(asId, uidWidth(ctx, kind));
  if (!id) return 1;
  if (kind === null) return printRow(ctx, id, NAME_FAMILY, false);
  const name = await uidCell(ctx, id, NAME_FAMILY, Buffer.from(kind, 'latin1'));
  if (!name) {
    ctx.logger.error(new NoSuchUniqueId(kind as UidKind, id).message);
    return 1;
  }
  await ctx.out.line(mappingLine(kind, bytesToName(name), id));
  return 0;
}
