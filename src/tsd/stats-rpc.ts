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

/**
 * `/api/stats`: an array of {metric, timestamp, value (a string), tags}; the sub-paths of 2.4 (`jvm`,
 * `threads`, `query`, `region_clients`) answer in their shapes with what a Node process has. Legacy
 * `/stats` ignores sub-paths and answers the telnet lines, or with `?json` those lines as strings.
 */
export function statsRpc(stats: TsdStats): HttpRpc {
  return {
    availability: 'all',
    handle(q) {
      if (q.method !== 'GET' && q.method !== 'POST') q.notAllowed();
      const t = nowSec();
      if (q.apiVersion === 0) {
        const lines = statsAsLines(stats.collect(), t);
        if (q.hasParam('json')) return q.sendJson(200, lines);
        return void q.res.type('text/plain').send(lines.join('\n') + '\n');
      }
      switch (q.subPath) {
        case 'region_clients':
          return q.sendJson(200, []);
        case 'jvm':
          return q.sendJson(200, jvmStats());
        case 'threads':
          // One JavaScript thread; the shape is StatsRpc.printThreadStats's.
          return q.sendJson(200, [{ threadID: 1, name: 'main', state: 'RUNNABLE', interrupted: false, priority: 5, stack: [] }]);
        case 'query':
          return q.sendJson(200, { running: [], completed: [] });
      }
      q.sendJson(200, stats.collect().map((l) => ({ metric: l.metric, timestamp: t, value: String(l.value), tags: l.tags })));
    },
  };
}

function jvmStats(): object {
  const m = process.memoryUsage();
  return {
    runtime: { startTime: Math.round(Date.now() - process.uptime() * 1000), uptime: Math.round(process.uptime() * 1000), vmName: 'Node.js', vmVendor: 'tsd-ts', vmVersion: process.version },
    memory: { heapMemoryUsage: { init: 0, used: m.heapUsed, committed: m.heapTotal, max: m.heapTotal }, nonHeapMemoryUsage: { init: 0, used: m.external, committed: m.external, max: -1 }, objectsPendingFinalization: 0 },
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
