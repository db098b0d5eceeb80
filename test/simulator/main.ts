import { startSimulator } from './simulator';

// Command line: node out/test/simulator/main.js [--port N] [--seed N] [--host 127.0.0.1] [--demo]
// --demo creates a few conversions at start and prints their connectors, so a first-time user
// has something to monitor (this is what `npm start` runs).

interface Args {
  port: number;
  seed: number;
  host: string;
  demo: boolean;
}

/** Conversions the demo starts with: a quick success, a slower one, a failure, a long one. */
const DEMO_TASKS = [
  { name: 'report.md', output: 'pdf', durationMs: 12_000, outcome: 'successful' },
  { name: 'slides.docx', output: 'pdf', durationMs: 45_000, outcome: 'successful' },
  { name: 'broken.png', output: 'webp', durationMs: 20_000, outcome: 'failed' },
  { name: 'thesis.tex', output: 'docx', durationMs: 15 * 60_000, outcome: 'successful' },
] as const;

function readArgs(argv: string[]): Args {
  const args: Args = { port: 8787, seed: 1, host: '127.0.0.1', demo: false };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--demo') {
      args.demo = true;
      i--;
      continue;
    }
    if (value === undefined) throw new Error(`missing value after ${flag}`);
    if (flag === '--port') args.port = Number(value);
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--host') args.host = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new Error('--port must be a number from 0 to 65535');
  }
  if (!Number.isInteger(args.seed)) throw new Error('--seed must be a whole number');
  return args;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const sim = await startSimulator(args);
  // Handlers first: whoever reads the banner may signal us the moment it appears.
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Vertopal simulator listening on ${sim.url}`);
  console.log('Accepted credentials (app / token):');
  for (const c of sim.credentials) console.log(`  ${c.app} / ${c.token}`);
  console.log(`Control API: ${sim.url}/__sim/ (requests, faults, tasks, clock, stats, reset)`);
  if (args.demo) {
    console.log('Demo conversions (paste a connector into "Monitor Vertopal Task"):');
    for (const task of DEMO_TASKS) {
      const { id } = sim.createTask(task);
      console.log(
        `  ${id}  ${task.name} -> ${task.output}, ` +
          `${task.outcome} after ${task.durationMs / 1000} s`,
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
