/** Writes a data set through a TSD's two faces, as clients do: telnet lines and /api/put. */
import { putBody, telnetLine, type XPoint } from './cross-data';
import { send } from './reply-diff';
import { telnetReplies } from './telnet-replies';

/** Half the points (even positions) as telnet lines, the other half through /api/put?details&sync. */
export async function writeBoth(port: number, url: string, points: readonly XPoint[]): Promise<void> {
  const telnetHalf = points.filter((_, i) => i % 2 === 0);
  const httpHalf = points.filter((_, i) => i % 2 === 1);
  const replies = await telnetReplies(port, [telnetHalf.map(telnetLine).join('\n')]);
  expect(replies).toEqual([[]]);
  const reply = await send(url, { method: 'POST', path: '/api/put?details&sync', body: putBody(httpHalf) });
  expect({ status: reply.status, body: JSON.parse(reply.text) as unknown }).toEqual({ status: 200, body: { success: httpHalf.length, failed: 0, errors: [] } });
}
