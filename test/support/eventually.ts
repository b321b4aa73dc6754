/** Polls until `check` passes (or throws its last failure after `ms`). */
export async function eventually<T>(check: () => Promise<T> | T, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
