/**
 * Readiness helper: polls a condition until it holds, instead of sleeping a guessed time.
 * Fails with the message (and the last value seen) if it does not hold within the timeout.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  message: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await condition();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${message} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
