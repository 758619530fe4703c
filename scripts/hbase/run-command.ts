import { spawn } from 'node:child_process';
import { HarnessError } from './harness-error';

/**
 * Runs a short-lived command to completion (killed after `timeoutMs` when > 0). On failure, throws a HarnessError
 * "Cannot <what>: …" followed by the last lines it printed.
 */
export function runCommand(
  command: string, args: readonly string[], what: string, timeoutMs = 0,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = timeoutMs > 0 ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (err) => reject(new HarnessError(`Cannot ${what}: ${err.message}`)));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && timeoutMs > 0) {
        reject(new HarnessError(`Cannot ${what}: no answer within ${timeoutMs} ms\n${output.slice(-4000)}`));
      } else if (code === 0) resolve(output);
      else {
        const tail = output.split('\n').slice(-30).join('\n');
        reject(new HarnessError(`Cannot ${what}: \`${command}\` exited with ${code}\n${tail}`));
      }
    });
  });
}
