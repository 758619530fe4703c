/**
 * `tsdb uid metapurge` (UidManager.metaPurge / MetaPurge): deletes every UIDMeta column
 * (`metric_meta`, `tagk_meta`, `tagv_meta`, and stray `ts_meta`) from the UID table and every TSMeta
 * column and counter (`ts_meta`, `ts_ctr`) from the meta table; mappings and data stay. OpenTSDB splits
 * both scans by the metric MAXID; this scans the whole tables, so UIDs above that ID are purged too.
 */
import type { Mutation } from '../../../storage/store';
import { META_FAMILY, TS_COUNTER_QUALIFIER, TS_META_QUALIFIER } from '../../../meta/ts-meta';
import { metaQualifier, NAME_FAMILY, UID_KINDS } from '../../../uid/uid-kind';
import { Progress, summaryLine } from '../../progress';
import type { UidContext } from './uid-context';

async function purge(ctx: UidContext, table: string, family: string, doomed: readonly Buffer[], progress: Progress): Promise<number> {
  const { store } = ctx.tsdb;
  const wanted = new Set(doomed.map((q) => q.toString('latin1')));
  let columns = 0;
  for await (const batch of store.scan(table, { families: [family], filter: { type: 'keyOnly' }, batchSize: 1024 })) {
    const deletes: Mutation[] = [];
    for (const row of batch) {
      const qualifiers = row.cells.filter((c) => wanted.has(c.qualifier.toString('latin1'))).map((c) => c.qualifier);
      if (qualifiers.length === 0) continue;
      columns += qualifiers.length;
      deletes.push({ type: 'delete', table, row: row.key, family, qualifiers });
    }
    if (deletes.length > 0) await store.batch(deletes);
    progress.add(deletes.length);
  }
  return columns;
}

export async function uidMetaPurge(ctx: UidContext): Promise<number> {
  const { tsdb, logger } = ctx;
  const progress = new Progress({ label: 'metapurge', unit: 'rows' }).start();
  const uidColumns = await purge(ctx, tsdb.tables.uid, NAME_FAMILY, [TS_META_QUALIFIER, ...UID_KINDS.map(metaQualifier)], progress);
  logger.info(`Purged [${uidColumns}] UIDMeta columns from storage`);
  const tsColumns = await purge(ctx, tsdb.tables.meta, META_FAMILY, [TS_META_QUALIFIER, TS_COUNTER_QUALIFIER], progress);
  logger.info(`Purged [${tsColumns}] TSMeta columns from storage`);
  await tsdb.flush();
  const summary = progress.finish();
  logger.info(`Completed meta data purge in [${Math.round(summary.elapsedMs / 1000)}] seconds`);
  process.stdout.write(`${summaryLine('metapurge', 'rows', summary)}\n`);
  return 0;
}
