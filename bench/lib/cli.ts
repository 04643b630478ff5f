export const ALL_BENCHES = ['relay', 'idle', 'rest', 'bundle', 'lighthouse', 'browser', 'sfu-join'] as const;
export type BenchId = (typeof ALL_BENCHES)[number];

export interface CliOptions {
  only: BenchId[];
  quick: boolean;
  profile: boolean;
}

/** `--only relay,rest`, `--quick`, `--profile` (V8 CPU profiles of the servers into bench/results/profiles). */
export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { only: [...ALL_BENCHES], quick: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--quick') opts.quick = true;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? '');
      const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = ids.filter((id) => !(ALL_BENCHES as readonly string[]).includes(id));
      if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${ALL_BENCHES.join(', ')}`);
      opts.only = ids as BenchId[];
    } else if (a === '--help' || a === '-h') {
      console.log(`npm run bench -- [--quick] [--only ${ALL_BENCHES.join(',')}] [--profile]`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}
