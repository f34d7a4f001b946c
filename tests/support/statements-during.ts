/** The SQL this process sends to PostgreSQL (by anyone in it) while `work` runs, whitespace folded. */
import pg from 'pg';

/**
 * `until`, when given, keeps listening after `work` until it holds for what was sent (at most
 * `timeoutMs`), then `graceMs` longer: for statements sent after the response on purpose (the
 * realtime NOTIFY leaves once the command's HTTP answer may already be out).
 */
export async function statementsDuring(
  work: () => Promise<unknown>,
  { until, timeoutMs = 5_000, graceMs = 200 }: { until?: (sent: string[]) => boolean; timeoutMs?: number; graceMs?: number } = {},
): Promise<string[]> {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    sent.push((typeof first === 'string' ? first : first?.text ?? '').replace(/\s+/g, ' ').trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
    if (until) {
      const deadline = Date.now() + timeoutMs;
      while (!until(sent) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, graceMs));
    }
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}
