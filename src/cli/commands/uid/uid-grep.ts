/**
 * `tsdb uid grep [kind] <regex>` (UidManager.grep): scans the forward map (family `id`, one kind or all)
 * with the regular expression as HBase's key-regexp filter, so it matches anywhere in the name; `-i`
 * prefixes `(?i)`. Exit 0 when something was printed, 1 when nothing matched, 3 when the store failed.
 */
import { ID_FAMILY } from '../../../uid/uid-kind';
import { printCells, type UidContext } from './uid-context';

export async function uidGrep(ctx: UidContext, args: readonly string[]): Promise<number> {
  const kind = args.length === 3 ? args[1] : null;
  const regexp = `${ctx.ignoreCase ? '(?i)' : ''}${args[args.length - 1]}`;
  let found = false;
  try {
    const rows = ctx.tsdb.store.scan(ctx.tsdb.tables.uid, {
      ...(kind !== null ? { columns: [{ family: ID_FAMILY, qualifiers: [Buffer.from(kind, 'latin1')] }] } : { families: [ID_FAMILY] }),
      filter: { type: 'keyRegexp', pattern: regexp },
      batchSize: 1024,
    });
    for await (const batch of rows) {
      for (const row of batch) {
        if (await printCells(ctx, row.key, row.cells, true)) found = true;
        if (ctx.out.closed) return 0;
      }
    }
  } catch (e) {
    ctx.logger.error('Error while scanning the UID table', { table: ctx.tsdb.tables.uid, error: (e as Error).message });
    return 3;
  }
  return found ? 0 : 1;
}
