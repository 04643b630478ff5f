import type { ChildProcess } from 'node:child_process';

/** Keeps the last `max` chunks a child writes to stdout/stderr in `into`, for failure reports. */
export function captureOutput(child: ChildProcess, into: string[], max = 400): void {
  const keep = (chunk: Buffer) => {
    into.push(chunk.toString());
    if (into.length > max) into.splice(0, into.length - max);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
}

/** The tail of what `captureOutput` kept, at most `chars` characters. */
export const outputTail = (chunks: string[], chars = 8000): string => chunks.join('').slice(-chars);

/** SIGKILL, resolving once the process is gone (a no-op when it already is). */
export async function killNow(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
