/**
 * `tsdb uid rename <kind> <old> <new>` (UidManager.rename): prints `<kind> <old> -> <new>`; an unknown
 * old name exits 1, a failing store 3.
 */
import { NoSuchUniqueName } from '../../../uid/errors';
import { isUidKind } from '../../../uid/uid-kind';
import type { UidContext } from './uid-context';

export async function uidRename(ctx: UidContext, kind: string, oldName: string, newName: string): Promise<number> {
  if (!isUidKind(kind)) {
    ctx.logger.error(`Invalid type requested: ${kind}`);
    return 1;
  }
  try {
    await ctx.tsdb.uids[kind].rename(oldName, newName);
  } catch (e) {
    if (e instanceof NoSuchUniqueName) {
      ctx.logger.error(e.message);
      return 1;
    }
    ctx.logger.error(`error while processing renaming ${oldName} to ${newName}`, { error: (e as Error).message });
    return 3;
  }
  await ctx.out.line(`${kind} ${oldName} -> ${newName}`);
  return 0;
}
