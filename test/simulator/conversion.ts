import type { SeededRandom } from './random';

export type Outcome = 'successful' | 'failed';

/** Decides a conversion's outcome from what is being converted. */
export type OutcomeRule = (input: { name: string; output: string }) => Outcome;

/**
 * The converted bytes: a header naming the target format followed by the input. Exported so a
 * test can compute what a download must contain.
 */
export function simulatedOutput(input: Buffer, output: string): Buffer {
  return Buffer.concat([Buffer.from(`VERTOPAL-SIM converted to ${output}\n`), input]);
}

/**
 * Default rule: a name containing "fail" fails; otherwise a seeded draw against failureRate, so a
 * given seed always fails the same conversions.
 */
export function defaultOutcomeRule(random: SeededRandom, failureRate: number): OutcomeRule {
  return ({ name }) => {
    if (/fail/i.test(name)) return 'failed';
    return random.next() < failureRate ? 'failed' : 'successful';
  };
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function outputName(inputName: string, output: string): string {
  const dot = inputName.lastIndexOf('.');
  return `${dot <= 0 ? inputName : inputName.slice(0, dot)}.${output}`;
}
