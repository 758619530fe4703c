/** Prints a soak run's figures as one JSON line (copied into docs/reliability.md). */
export function report(name: string, figures: unknown): void {
  process.stdout.write(`SOAK ${name} ${JSON.stringify(figures)}\n`);
}
