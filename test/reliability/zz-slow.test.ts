import { startTsdProcess } from '../helpers/tsd-process';
import { Random } from './random';
import { lookupCase, putCase, queryCase, BASE } from './fuzz/cases';
import { sendCase } from './fuzz/http-fuzz';
import { mkdtempSync } from 'node:fs';
test('slow', async () => {
  const tsd = await startTsdProcess({ config: { 'tsd.storage.embedded.path': mkdtempSync('/tmp/fz-'), 'tsd.core.auto_create_metrics': 'true' } });
  const rng = new Random(5);
  let ts = BASE;
  const times: [number, string][] = [];
  const byKind: Record<string, number> = {};
  for (let i = 0; i < 600; i++) {
    const roll = rng.next();
    const kind = roll < 0.45 ? 'put' : roll < 0.8 ? 'query' : 'lookup';
    const c = kind === 'put' ? putCase(rng, 0, () => ts++) : kind === 'query' ? queryCase(rng) : lookupCase(rng);
    const t0 = performance.now();
    const out = await sendCase(tsd.url, c, 30000);
    const dt = performance.now() - t0;
    byKind[kind] = (byKind[kind] ?? 0) + dt;
    times.push([dt, `${out.status} ${c.method} ${c.path.slice(0, 150)} body=${String(c.body ?? '').length} ${String(c.body ?? '').slice(0, 100)}`]);
  }
  times.sort((a, b) => b[0] - a[0]);
  console.log(JSON.stringify(byKind), times.slice(0, 15).map((t) => `${t[0].toFixed(0)}ms ${t[1]}`).join('\n'));
  await tsd.kill();
}, 300000);
