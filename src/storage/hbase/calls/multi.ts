/**
 * ClientService.Multi: mutations of many regions of one server in one RPC. Answers align with
 * the RegionActions sent and with each Action's index; a region-level exception fails every action
 * of that region (spec/hbase.md §2.7).
 */
import type { Mutation } from '../../store';
import { decodeMessage, encodeMessage } from '../proto/hbase-proto';
import type { MultiResponse, NameBytesPair } from '../proto/messages';
import { type HBaseError, classifyRemoteException, remoteMessage } from '../rpc/hbase-errors';
import type { RpcReply } from '../rpc/rpc-connection';
import { regionSpecifier } from './hcall';
import { mutationProto } from './mutate';

/** The mutations bound for one region, each with the caller's own index. */
export interface RegionMutations {
  readonly regionName: Buffer;
  readonly items: { readonly index: number; readonly mutation: Mutation }[];
}

/** A mutation the server did not apply: the caller's index and the position of its region group. */
export interface MultiFailure {
  readonly index: number;
  readonly group: number;
  readonly error: HBaseError;
}

export function encodeMulti(groups: readonly RegionMutations[]): Uint8Array {
  const regionAction = groups.map((g) => ({
    region: regionSpecifier(g.regionName),
    action: g.items.map((item, i) => ({ index: i, mutation: mutationProto(item.mutation) })),
  }));
  return encodeMessage('MultiRequest', { regionAction });
}

const toError = (e: NameBytesPair): HBaseError => classifyRemoteException(e.name, remoteMessage(e.name, Buffer.from(e.value ?? []).toString('utf8')));

/** Every mutation that failed; an action without an answer counts as failed (to be retried). */
export function decodeMulti(reply: RpcReply, groups: readonly RegionMutations[]): MultiFailure[] {
  const res = decodeMessage<MultiResponse>('MultiResponse', reply.body);
  const failures: MultiFailure[] = [];
  groups.forEach((g, gi) => {
    const result = res.regionActionResult[gi];
    if (!result || result.exception) {
      const error = result?.exception ? toError(result.exception) : classifyRemoteException('NotServingRegionException', 'no answer for region');
      for (const item of g.items) failures.push({ index: item.index, group: gi, error });
      return;
    }
    const answered = new Set<number>();
    for (const roe of result.resultOrException) {
      answered.add(roe.index);
      const item = g.items[roe.index];
      if (item && roe.exception) failures.push({ index: item.index, group: gi, error: toError(roe.exception) });
    }
    g.items.forEach((item, i) => {
      if (!answered.has(i)) failures.push({ index: item.index, group: gi, error: classifyRemoteException('NotServingRegionException', 'no answer for action') });
    });
  });
  return failures;
}
