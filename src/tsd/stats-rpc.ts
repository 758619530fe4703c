/** `stats` (telnet), `/api/stats` and legacy `/stats`; `dropcaches` and `/api/dropcaches`. */
import type { HttpRpc } from './http/http-rpc';
import { statsAsLines, type TsdStats } from './stats';
import type { TelnetRpc } from './telnet/telnet-rpc';

const nowSec = (): number => Math.floor(Date.now() / 1000);

export function statsCommand(stats: TsdStats): TelnetRpc {
  return {
    availability: 'all',
    execute: (_words, reply) => {
      stats.inc('tsd.rpc.received', { type: 'telnet' });
      for (const l of statsAsLines(stats.collect(), nowSec())) reply.line(l);
    },
  };
}

/** `/api/stats`: an array of {metric, timestamp, value (a string), tags}; sub-paths of 2.4 as far as they apply. */
export function statsRpc(stats: TsdStats): HttpRpc {
  return {
    availability: 'all',
    handle(q) {
      if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
      const sub = q.subPath;
      if (sub === 'region_clients') return q.sendJson(200, []);
      if (sub === 'jvm') {
        const m = process.memoryUsage();
        return q.sendJson(200, {
          runtime: { startTime: Math.round(Date.now() - process.uptime() * 1000), uptime: Math.round(process.uptime() * 1000), vmName: 'Node.js', vmVendor: 'tsd-ts', vmVersion: process.version },
          memory: { heapMemoryUsage: { init: 0, used: m.heapUsed, committed: m.heapTotal, max: m.heapTotal }, nonHeapMemoryUsage: { init: 0, used: m.external, committed: m.external, max: -1 }, objectsPendingFinalization: 0 },
        });
      }
      const t = nowSec();
      if (q.apiVersion === 0 && !q.hasParam('json')) {
        return void q.res.type('text/plain').send(statsAsLines(stats.collect(), t).join('\n') + '\n');
      }
      q.sendJson(200, stats.collect().map((l) => ({ metric: l.metric, timestamp: t, value: String(l.value), tags: l.tags })));
    },
  };
}

export function dropCachesCommand(drop: () => void): TelnetRpc {
  return {
    availability: 'all',
    execute: (_words, reply) => {
      drop();
      reply.line('Caches dropped.');
    },
  };
}

/** GET or DELETE only (POST is 405 in 2.4, whatever its docs say). */
export function dropCachesRpc(drop: () => void): HttpRpc {
  return {
    availability: 'all',
    handle(q) {
      if (q.method !== 'GET' && q.method !== 'DELETE') q.notAllowed();
      drop();
      q.sendJson(200, { message: 'Caches dropped', status: '200' });
    },
  };
}
