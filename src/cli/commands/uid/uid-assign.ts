/**
 * `tsdb uid assign <kind> <name> [names...]` (UidManager.assign), and `tsdb mkmetric` which is
 * `uid assign metrics`: each name gets a UID (or keeps the one it has; random for metrics under
 * tsd.core.uid.random_metrics), then its mapping is read back and printed.
 */
import { isUidKind } from '../../../uid/uid-kind';
import { exactLookupName } from './uid-lookup';
import type { UidContext } from './uid-context';

export async function uidAssign(ctx: UidContext, kind: string, names: readonly string[]): Promise<number> {
  if (!isUidKind(kind)) {
    ctx.logger.error(`Invalid type requested: ${kind}`);
    return 1;
  }
  for (const name of names) {
    try {
      await ctx.tsdb.uids[kind].getOrCreateId(name);
    } catch (e) {
      ctx.logger.error(`error while processing ${name}`, { error: (e as Error).message });
      return 3;
    }
    const rc = await exactLookupName(ctx, kind, name);
    if (rc !== 0) return rc;
  }
  return 0;
}
