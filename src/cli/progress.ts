import { SingleBar } from 'cli-progress';

/** A progress bar on stderr (stdout stays clean for output such as a key). */
export function progressBar(label: string, total: number) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} {item}`,
    stream: process.stderr,
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
