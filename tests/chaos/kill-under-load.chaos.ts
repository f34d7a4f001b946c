/**
 * kill -9 under load. One app node (`tsx api/main.ts`) serves a load of joint reviews from
 * several clients — applications, acceptances, 签收 and opinions of ten departments, some
 * departments never acting so that their limits fall due (签收超时 / 不作为默认) while the node
 * is being killed. At seeded random moments the node gets SIGKILL and is started again; the
 * clients resend whatever got no answer under the same Idempotency-Key. At the end:
 * - every acknowledged (2xx) action is in the database (cases, acceptances, 签收, opinions, ledger);
 * - nothing happened twice (no case applied twice, no timer effect or event doubled);
 * - every case reached the ending its opinions call for, and the ledger chain verifies.
 * The figures are printed and written to test-artifacts/chaos/kill-under-load.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../engine/adapters/postgres/embedded-server.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { COUNTY, DEPARTMENT_KINDS, reviewerOf, TEN_DEPARTMENT_ITEM } from '../integration/reliability/ten-departments.ts';
import { startNode, type AppNode } from './support/app-node.ts';
import { removeServerBundle } from '../support/server-bundle.ts';
import { APPLICANT, chaosDatabase, duplicatedEffects, eventually, makeDue, PASSWORD, SUPERVISOR, WINDOW } from './support/chaos-world.ts';
import { seededRandom } from './support/random.ts';
import { median, report } from './support/report.ts';
import { ResilientClient, type Acknowledged } from './support/resilient-client.ts';

const CASES = 60;
const KILLS = 6;
/** Cases driven at once (each with up to ten departments acting in parallel). */
const CONCURRENT_CASES = 6;

type Behaviour = 'approve' | 'reject' | 'absent' | 'silent';
interface CasePlan { index: number; behaviour: Record<string, Behaviour> }
interface Ack { kind: 'apply' | 'accept' | 'sign' | 'opinion'; caseIndex: number; caseId: string; taskId?: string; decision?: string; retries: number }

describe('kill -9 under a load of opinions', () => {
  const random = seededRandom();
  let db: TestDatabase;
  let port = 0;
  let node: AppNode | undefined;
  const url = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    db = await chaosDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    await node?.stop();
    await db?.drop();
    await removeServerBundle();
  });

  it('loses no acknowledged action, doubles no effect, and brings every case to its ending', async () => {
    const plans: CasePlan[] = Array.from({ length: CASES }, (_, index) => ({
      index,
      behaviour: Object.fromEntries(DEPARTMENT_KINDS.map((kind) => [`${COUNTY}:${kind}`,
        random.pick<Behaviour>([['approve', 80], ['absent', 8], ['silent', 8], ['reject', 4]])])),
    }));
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const first = await startNode({ databaseUrl: db.url, port, name: 'node-0' });
    node = first.node;
    const restartMs: number[] = [];

    // the clients: applicant, window and one reviewer per department, each its own session
    const applicant = await ResilientClient.signIn(url, APPLICANT, PASSWORD);
    const window = await ResilientClient.signIn(url, WINDOW, PASSWORD);
    const reviewers = new Map(await Promise.all(DEPARTMENT_KINDS.map(async (kind) => {
      const username = reviewerOf(`${COUNTY}:${kind}`);
      return [username, await ResilientClient.signIn(url, username, PASSWORD)] as const;
    })));

    const acks: Ack[] = [];
    const refused: Array<Record<string, unknown>> = [];
    let inFlight = 0;
    const act = async (ack: Omit<Ack, 'retries' | 'caseId'> & { caseId?: string }, send: () => Promise<Acknowledged>) => {
      inFlight += 1;
      try {
        const answer = await send();
        acks.push({ caseId: ack.caseId ?? answer.body.id, ...ack, retries: answer.retries } as Ack);
        return answer;
      } catch (error) {
        refused.push({ ...ack, error: String(error), atMs: elapsed() });
        throw error;
      } finally {
        inFlight -= 1;
      }
    };
    let timersMadeDue = 0;

    const drive = async (plan: CasePlan) => {
      const key = (step: string) => `chaos-${random.seed}-${plan.index}-${step}`;
      const applied = await act({ kind: 'apply', caseIndex: plan.index }, () =>
        applicant.command('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY }, key('apply')));
      const caseId = applied.body.id as string;
      const accepted = await act({ kind: 'accept', caseIndex: plan.index, caseId }, () => window.command(`/api/cases/${caseId}/accept`, {}, key('accept')));
      const tasks = (accepted.body.tasks as Array<{ id: string; elementId: string; departmentId: string }>).filter((t) => t.elementId === 'Task_review');
      const absent = tasks.filter((t) => plan.behaviour[t.departmentId] === 'absent').map((t) => t.id);
      const madeDue = await makeDue(db.pool, absent, 'sign-due', random.int(1, 6));
      timersMadeDue += madeDue;
      await Promise.all(tasks.map(async (task) => {
        const behaviour = plan.behaviour[task.departmentId]!;
        if (behaviour === 'absent') return;
        const reviewer = reviewers.get(reviewerOf(task.departmentId))!;
        await act({ kind: 'sign', caseIndex: plan.index, caseId, taskId: task.id }, () => reviewer.command(`/api/tasks/${task.id}/sign`, {}, key(`${task.id}-sign`)));
        if (behaviour === 'silent') {
          const madeDueNow = await makeDue(db.pool, [task.id], 'review-due', random.int(1, 6));
          timersMadeDue += madeDueNow;
          return;
        }
        const opinion = behaviour === 'reject' ? { decision: 'reject', reasons: ['不符合规划条件'] } : { decision: 'approve' };
        await act({ kind: 'opinion', caseIndex: plan.index, caseId, taskId: task.id, decision: opinion.decision }, () =>
          reviewer.command(`/api/tasks/${task.id}/opinion`, opinion, key(`${task.id}-opinion`)));
      }));
    };

    // the load: CONCURRENT_CASES case drivers pulling from the plan
    const queue = [...plans];
    let loadDone = false;
    const load = Promise.all(Array.from({ length: CONCURRENT_CASES }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) await drive(plan).catch(() => {});
    })).finally(() => { loadDone = true; });

    // the chaos: SIGKILL at seeded random moments under load — once the restarted node has
    // acknowledged a random number of actions, after a random delay — and restart on the same port
    const kills: Array<{ atMs: number; acknowledgedBefore: number; inFlight: number }> = [];
    for (let k = 0; k < KILLS && !loadDone; k += 1) {
      const target = acks.length + random.int(40, 160);
      const delay = random.int(0, 250);
      await Promise.race([load, eventually('acknowledgements after a restart', async () => acks.length >= target)]);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (loadDone) break;
      kills.push({ atMs: elapsed(), acknowledgedBefore: acks.length, inFlight });
      await node.kill();
      const next = await startNode({ databaseUrl: db.url, port, name: `node-${k + 1}` });
      node = next.node;
      restartMs.push(next.startMs);
    }
    await load;
    const loadMs = elapsed();

    // the limits made due fall due on the last node; every case then reaches its end
    const settleMs = await eventually('every case ended', async () =>
      (await db.pool.query(`SELECT count(*)::int AS n FROM cases WHERE status = 'running'`)).rows[0].n === 0);

    // then: every acknowledged action is there
    const lost: string[] = [];
    const one = async (sql: string, params: unknown[]) => (await db.pool.query(sql, params)).rows[0];
    for (const ack of acks) {
      const found = ack.kind === 'apply' ? await one('SELECT 1 AS ok FROM cases WHERE id = $1', [ack.caseId])
        : ack.kind === 'accept' ? await one(`SELECT 1 AS ok FROM cases WHERE id = $1 AND accepted_at IS NOT NULL`, [ack.caseId])
          : ack.kind === 'sign' ? await one(`SELECT 1 AS ok FROM tasks WHERE id = $1 AND signed_at IS NOT NULL`, [ack.taskId])
            : await one(`SELECT 1 AS ok FROM opinions o JOIN ledger_entries l ON l.opinion_id = o.id WHERE o.task_id = $1 AND o.basis = 'given' AND o.decision = $2`, [ack.taskId, ack.decision]);
      if (!found) lost.push(`${ack.kind} of case ${ack.caseIndex} ${ack.taskId ?? ''}`);
    }

    // nothing twice: one case per application, one effect per timer, no doubled event
    const cases = await one(`SELECT count(*)::int AS n FROM cases WHERE applicant_id = $1`, [`u-${APPLICANT}`]);
    const duplicates = await duplicatedEffects(db.pool);
    const defaults = (await db.pool.query(`SELECT o.task_id, o.basis FROM opinions o WHERE o.basis <> 'given'`)).rows;
    const accountability = await one(`SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM accountability_records`, []);

    // every case ended as its opinions say; every timer made due took effect once, on its basis
    const endings = (await db.pool.query(`SELECT id, status FROM cases`)).rows;
    const caseIdOf = new Map(acks.filter((a) => a.kind === 'apply').map((a) => [a.caseIndex, a.caseId]));
    const wrongEndings = plans.filter((plan) => {
      const expected = Object.values(plan.behaviour).includes('reject') ? 'returned' : 'completed';
      return endings.find((e) => e.id === caseIdOf.get(plan.index))?.status !== expected;
    }).map((plan) => plan.index);
    const expectedDefaults = plans.flatMap((p) => Object.values(p.behaviour)).filter((b) => b === 'absent' || b === 'silent').length;
    const wrongBasis = (await db.pool.query(
      `SELECT o.task_id, o.basis, t.signed_at IS NOT NULL AS signed FROM opinions o JOIN tasks t ON t.id = o.task_id WHERE o.basis <> 'given'`)).rows
      .filter((r) => r.basis !== (r.signed ? 'inaction' : 'unsigned'));
    // deadlines staged ahead of their instant by a node that was then killed: all settled
    const stagedLeft = (await db.pool.query(`SELECT gid FROM pg_prepared_xacts WHERE database = current_database()`)).rows.map((r) => r.gid as string);
    const supervisor = await ResilientClient.signIn(url, SUPERVISOR, PASSWORD);
    const ledger = (await supervisor.get('/api/ledger/verify')).body;

    const figures = {
      seed: random.seed, cases: CASES, departmentsPerCase: DEPARTMENT_KINDS.length,
      kills, restartMs, restartMedianMs: median(restartMs),
      actionsAcknowledged: acks.length,
      actionsRecoveredAfterKill: acks.filter((a) => a.retries > 0).length,
      timersMadeDue, defaultConsents: defaults.length, loadMs, settleMs,
      lost: lost.length, duplicates: duplicates.length, duplicateCases: cases.n - CASES, wrongEndings: wrongEndings.length,
      ledger: { ok: ledger.ok, checked: ledger.checked }, stagedLeft: stagedLeft.length,
    };
    report('kill-under-load', figures);
    for (const r of refused) console.log('refused', r, r.taskId ? (await db.pool.query(
      `SELECT t.status, t.signed_at, t.completed_at, (SELECT json_agg(json_build_object('type', e.type, 'at', e.at, 'seq', e.seq) ORDER BY e.seq) FROM case_events e WHERE e.task_id = t.id) AS events,
              (SELECT json_agg(c.request_id) FROM command_log c WHERE c.request_id LIKE '%' || t.id || '%') AS commands FROM tasks t WHERE t.id = $1`, [r.taskId])).rows[0] : '');
    expect(refused).toEqual([]);

    expect(kills.length, 'the load ended before the node was killed even once').toBeGreaterThanOrEqual(3);
    expect(lost).toEqual([]);
    expect(cases.n).toBe(CASES);
    expect(duplicates).toEqual([]);
    expect(defaults).toHaveLength(expectedDefaults);
    expect(timersMadeDue).toBe(expectedDefaults);
    expect(wrongBasis).toEqual([]);
    expect(accountability).toEqual({ n: expectedDefaults, tasks: expectedDefaults });
    expect(wrongEndings).toEqual([]);
    expect(ledger.ok).toBe(true);
    expect(stagedLeft).toEqual([]);
  });
});
