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
