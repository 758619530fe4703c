/**
 * What every `tsdb uid` subcommand gets: the opened TSDB, the output, and UidManager's flags, plus the
 * UID-table helpers they share (the raw cell reads UidManager makes with any kind as qualifier, and its
 * `<kind> <name>: [ids]` line).
 */
import type { Cell } from '../../../storage/store';
import { javaByteArray } from '../../../uid/errors';
import { bytesToName } from '../../../uid/name-codec';
import type { UidKind } from '../../../uid/uid-kind';
import type { LineOutput } from '../../line-output';
import type { ToolContext } from '../../with-tsdb';

export interface UidContext extends ToolContext {
  readonly out: LineOutput;
  /** --idwidth; absent means the configured width of the kind (3 unless tsd.storage.uid.width.* says). */
  readonly idwidth: number | undefined;
  readonly ignoreCase: boolean;
}

const WIDTH_KEYS: Record<UidKind, string> = {
  metrics: 'tsd.storage.uid.width.metric',
  tagk: 'tsd.storage.uid.width.tagk',
  tagv: 'tsd.storage.uid.width.tagv',
};

/** The UID width for `kind` (any string: UidManager lets the user name any qualifier). */
export function uidWidth(ctx: UidContext, kind: string | null): number {
  if (ctx.idwidth !== undefined) return ctx.idwidth;
  const key = WIDTH_KEYS[(kind ?? 'metrics') as UidKind];
  return key ? ctx.config.getInt(key, 1, 8) : 3;
}

/** One mapping as UidManager prints it: `metrics sys.cpu.user: [0, 0, 1]`. */
export function mappingLine(kind: string, name: string, id: Buffer): string {
  return `${kind} ${name}: ${javaByteArray(id)}`;
}

/** The cell (row, family, qualifier) of the UID table, if present. */
export async function uidCell(ctx: UidContext, row: Buffer, family: string, qualifier: Buffer): Promise<Buffer | undefined> {
  const got = await ctx.tsdb.store.get(ctx.tsdb.tables.uid, row, { columns: [{ family, qualifiers: [qualifier] }] });
  return got?.cells[0]?.value;
}

/**
 * Prints every cell of one family of a UID-table row (UidManager.printResult): for the forward map
 * (family `id`) the row key is the name and the value the UID, for the reverse map the other way round.
 * Returns whether anything was printed.
 */
export async function printCells(ctx: UidContext, key: Buffer, cells: readonly Cell[], forward: boolean): Promise<boolean> {
  let printed = false;
  for (const c of cells) {
    printed = true;
    const name = bytesToName(forward ? key : c.value);
    const id = forward ? c.value : key;
    await ctx.out.line(mappingLine(bytesToName(c.qualifier), name, id));
  }
  return printed;
}
