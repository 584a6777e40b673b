const started = performance.now();

/** One progress line, with the time since the bench started. */
export function log(line: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${seconds}s] ${line}`);
}

export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  log(`${label}…`);
  const result = await work();
  log(`${label}: done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}
