/**
 * A call to one region is a value that encodes its request for a given region and decodes its own
 * response (gohbase's hrpc.Call): the connection only moves bytes and call ids.
 */
import type { RpcReply } from '../rpc/rpc-connection';

export interface HCall<R> {
  /** ClientService method name. */
  readonly method: 'Get' | 'Mutate' | 'Scan' | 'Multi';
  readonly table: string;
  /** The row that picks the region. */
  readonly row: Buffer;
  /** The request message for the region named `regionName`. */
  encode(regionName: Buffer): Uint8Array;
  decode(reply: RpcReply): R;
}

/** RegionSpecifier by full region name (type REGION_NAME = 1). */
export const regionSpecifier = (regionName: Buffer): object => ({ type: 1, value: regionName });
