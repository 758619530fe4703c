/**
 * Reads the V8 CPU profiles (`node --cpu-prof`) the TSD processes wrote and says where their time
 * went: self time by source file and by function, idle time left out, for the note on missed targets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time in µs per key, where `keyOf` names a node (undefined = left out). */
function selfTimes(p: CpuProfile, keyOf: (n: ProfileNode) => string | undefined): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const node = byId.get(id);
    const key = node && keyOf(node);
    if (key !== undefined) out.set(key, (out.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  return out;
}

const IDLE = new Set(['(idle)', '(program)']);
const where = (n: ProfileNode): string => {
  const url = n.callFrame.url;
  if (url === '') return n.callFrame.functionName; // (garbage collector), native code
  const at = url.indexOf('/dist/');
  return at >= 0 ? url.slice(at + 6) : url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, 'node_modules/');
};

function top(map: Map<string, number>, total: number, n: number): string {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, us]) => `  - ${((100 * us) / total).toFixed(1)}% ${k}`).join('\n');
}

/** One block per profile in `dir`: busy CPU seconds, then the top files and functions by self time. */
export function profileSummary(dir: string, n = 10): string {
  const blocks: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const busy = (node: ProfileNode): boolean => !IDLE.has(node.callFrame.functionName);
    const files = selfTimes(p, (node) => (busy(node) ? where(node) : undefined));
    const total = [...files.values()].reduce((a, b) => a + b, 0);
    const fns = selfTimes(p, (node) => (busy(node) ? `${node.callFrame.functionName || '(anonymous)'} ${where(node)}:${node.callFrame.lineNumber + 1}` : undefined));
    blocks.push(`- ${basename(file)}: ${(total / 1e6).toFixed(1)} s on CPU\n  - by file:\n${top(files, total, n).replace(/^/gm, '  ')}\n` +
      `  - by function:\n${top(fns, total, n).replace(/^/gm, '  ')}`);
  }
  return blocks.join('\n');
}
