/** Progress on standard error (standard output is the figures). */
export async function phase<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.error(`[bench] ${what}...`);
  const result = await work();
  console.error(`[bench] ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
