// The one way tests wait for something asynchronous: Node tests (server, contract, Tencent doubles, e2e) and
// Chromium tests (components) alike, so it imports nothing from Node or the DOM.
//
// Patience is generous on purpose: a condition that holds returns at once, so patience costs nothing on a
// passing run, while on a loaded 2-core machine (CI shares it) a tight limit turns slowness into a red run.
// Keep it below the runners' per-test timeouts (browser 30 s, node 120 s) so a real failure names what it
// waited for instead of ending as a bare timeout.

/** How long a condition may take before the test fails, unless a test says otherwise. */
export const PATIENCE_MS = 15_000;

/**
 * How long an end-to-end step may take: several Chromium pages, the demo's server and a reload share 2 cores with
 * the rest of CI, and one reload at load ~20 took longer than PATIENCE_MS to render the room again. The e2e files'
 * own per-test timeouts are minutes, so a real failure still names what it waited for.
 */
export const PAGE_PATIENCE_MS = 45_000;

/**
 * Polls `check` until it holds (a boolean, or a Promise of one for checks that ask a page or a server), and
 * fails with `what` after `patienceMs`. The first tries yield only a macrotask, so conditions that settle in
 * a few event-loop turns (manual clocks, in-process backends) are seen without a sleep; later tries poll
 * every 10 ms so a slow condition does not spin a core another process needs.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what = 'condition',
  patienceMs = PATIENCE_MS,
): Promise<void> {
  const deadline = Date.now() + patienceMs;
  for (let i = 0; ; i += 1) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${patienceMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, i < 20 ? 0 : 10));
  }
}

/** Polls an async probe until its value satisfies `ok`, and returns that value (the journey reads pages so). */
export async function untilValue<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  patienceMs = PATIENCE_MS,
): Promise<T> {
  let last: { value: T } | undefined;
  let lastError: unknown;
  try {
    await until(
      async () => {
        try {
          last = { value: await probe() };
          lastError = undefined;
          return ok(last.value);
        } catch (error) {
          // A page mid-navigation or a server restarting: keep trying until patience runs out.
          lastError = error;
          return false;
        }
      },
      what,
      patienceMs,
    );
  } catch {
    throw new Error(
      `timed out after ${patienceMs} ms waiting until ${what}; last seen ${last ? JSON.stringify(last.value) : String(lastError)}`,
    );
  }
  return last!.value;
}
