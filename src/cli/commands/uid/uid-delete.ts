/**
 * `tsdb uid delete <kind> <name>` (UidManager.delete → TSDB.deleteUidAsync): removes both mappings and
 * the UID's meta; silent on success (an INFO log line), exit 1 for an unknown name, 3 when the store
 * fails, 4 for anything else (a bad kind).
 */
import { NoSuchUniqueName } from '../../../uid/errors';
import { isUidKind, metaQualifier } from '../../../uid/uid-kind';
import type { UidContext } from './uid-context';

export async function uidDelete(ctx: UidContext, kind: string, name: string): Promise<number> {
  if (!isUidKind(kind)) {
    ctx.logger.error('Unexpected exception', { error: `Invalid type requested: ${kind}` });
    return 4;
  }
  try {
    await ctx.tsdb.uids[kind].delete(name, metaQualifier(kind));
  } catch (e) {
    if (e instanceof NoSuchUniqueName) {
      ctx.logger.error(e.message);
      return 1;
    }
    ctx.logger.error(`error while processing delete ${name}`, { error: (e as Error).message });
    return 3;
  }
  ctx.logger.info(`UID ${kind} ${name} deleted.`);
  return 0;
}
