import { SingleBar } from 'cli-progress';

/**
 * A progress bar on the error stream (stdout stays clean for output such as a key). On a terminal it
 * redraws in place; elsewhere it prints a line a second and the final state.
 */
export function progressBar(label: string, total: number, err: (text: string) => void) {
  const stream = process.stderr.isTTY ? process.stderr : ({ isTTY: false, write: (text: string) => (err(text), true) } as unknown as NodeJS.WriteStream);
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} {item}`,
    stream,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 1000,
    clearOnComplete: false,
  });
  bar.start(total, 0, { item: '' });
  return {
    update(done: number, item = '', newTotal?: number) {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(done, { item });
    },
    stop() {
      bar.stop();
    },
  };
}
