import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './child.js';
import type { MachineInfo } from './machine.js';

/** One line of a result table: a figure beside what it is compared with in the same run. */
export interface Row {
  metric: string;
  value: string;
  compare?: string;
  target?: string;
  /** true = met, false = missed, undefined = no target */
  met?: boolean;
}

export interface Section {
  id: string;
  title: string;
  rows: Row[];
  notes: string[];
  data: unknown;
}

export interface Report {
  startedAt: string;
  durationSeconds: number;
  command: string;
  quick: boolean;
  machine: MachineInfo;
  sections: Section[];
}

const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : '**missed**');

export function sectionMarkdown(s: Section): string {
  const lines = [`### ${s.title}`, '', '| metric | value | compared with (same run) | target | |', '|---|---|---|---|---|'];
  for (const r of s.rows) lines.push(`| ${r.metric} | ${r.value} | ${r.compare ?? ''} | ${r.target ?? ''} | ${verdict(r.met)} |`);
  if (s.notes.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

export function reportMarkdown(r: Report): string {
  const m = r.machine;
  return [
    `## Results: ${r.startedAt.slice(0, 10)}${r.quick ? ' (quick mode)' : ''}`,
    '',
    `Command: \`${r.command}\`, ${Math.round(r.durationSeconds)} s. Machine: ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; 1-min load average at start ${m.loadAverageAtStart}${m.loadAverageAtStart > m.nproc ? ' (**busy machine: figures skewed by other work**)' : ''}.`,
    '',
    ...r.sections.map(sectionMarkdown).flatMap((s) => [s, '']),
  ].join('\n');
}

/** Prints a section as it finishes, so a long run shows progress. */
export function printSection(s: Section): void {
  const width = Math.max(...s.rows.map((r) => r.metric.length), 10);
  console.log(`\n== ${s.title}`);
  for (const r of s.rows) {
    const cmp = r.compare ? `   vs ${r.compare}` : '';
    const tgt = r.target ? `   [target ${r.target}: ${r.met ? 'met' : 'MISSED'}]` : '';
    console.log(`  ${r.metric.padEnd(width)}  ${r.value}${cmp}${tgt}`);
  }
  for (const n of s.notes) console.log(`  note: ${n}`);
}

/** Into bench/results normally; a --profile run passes .tmp/bench-profile so it never replaces the committed latest.md. */
export function writeReport(r: Report, dir = path.join(ROOT, 'bench/results')): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(md, reportMarkdown(r));
  return { json, md };
}
