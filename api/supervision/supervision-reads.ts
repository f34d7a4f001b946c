/**
 * What supervision reads (电子监察): open tasks and running cases with a yellow or red light,
 * and the opinions recorded by default. Lights follow the department inbox (`lightOf`): red
 * once a limit has passed, yellow from its warning instant, nothing while the clock is stopped.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { WorkingDayCalendar } from '../../engine/calendar/index.ts';
import { lightOf } from '../../engine/queries/department-inbox.ts';
import type { Scope } from './supervision-scope.ts';
import type { CaseWarning, DefaultConsent, TaskWarning } from './supervision-answers.ts';

/** Which lights to list. */
export interface Lights {
  red: boolean;
  yellow: boolean;
}

export class SupervisionReads {
  constructor(private readonly pool: Pool, private readonly calendar: WorkingDayCalendar) {}

  /** Open tasks of running cases whose light is one of `lights`. */
  async taskWarnings(scope: Scope, now: Date, lights: Lights, limit: number): Promise<TaskWarning[]> {
    const { rows } = await this.pool.query(
      `SELECT t.id, t.case_id, c.case_number, c.item_code, c.region_code, c.green, t.element_id, t.kind, t.status, t.department_id,
              d.name AS department_name, t.level, t.assignee, t.sign_due_at, t.due_at, y.due_at AS yellow_at
         FROM tasks t
         JOIN cases c ON c.id = t.case_id
         LEFT JOIN departments d ON d.id = t.department_id
         LEFT JOIN case_timers y ON y.case_id = t.case_id AND y.key = 'task:' || t.id || ':task-yellow'
        WHERE t.status IN ('open', 'signed') AND c.status = 'running' AND c.paused_at IS NULL
          AND (t.due_at IS NOT NULL OR t.sign_due_at IS NOT NULL)
          -- red: past the review limit, or (签收制) unsigned past the sign-for limit
          AND (($2::boolean AND (t.due_at < $1 OR (t.status = 'open' AND t.sign_due_at < $1)))
               OR ($7::boolean AND t.due_at >= $1 AND y.due_at <= $1 AND NOT (t.status = 'open' AND t.sign_due_at < $1)))
          AND ($3::text[] IS NULL OR c.region_code = ANY($3) OR d.region_code = ANY($3))
          AND ($4::text IS NULL OR t.department_id = $4)
          AND ($5::text IS NULL OR t.level = $5)
        ORDER BY (t.due_at < $1) DESC, c.green DESC, t.due_at, t.created_at
        LIMIT $6`,
      [now, lights.red, scope.regionCodes, scope.departmentId, scope.level, limit, lights.yellow]);
    return rows.flatMap((r) => {
      const light = lightOf({ dueAt: r.due_at, yellowAt: r.yellow_at, paused: false, status: r.status, signDueAt: r.sign_due_at }, now);
      if (light === 'none') return [];
      return [{
        taskId: r.id, caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code, green: r.green,
        elementId: r.element_id, kind: r.kind, status: r.status, departmentId: r.department_id, departmentName: r.department_name,
        level: r.level, assignee: r.assignee, signDueAt: r.sign_due_at, dueAt: r.due_at, yellowAt: r.yellow_at, light,
        // An unsigned task late for 签收 counts its days against the sign-for limit.
        ...this.days(now, r.status === 'open' && r.sign_due_at && r.sign_due_at < now ? r.sign_due_at : r.due_at, r.region_code),
      }];
    });
  }

  /** Running cases past (red) or near (yellow) their promised limit (承诺时限). */
  async caseWarnings(scope: Scope, now: Date, lights: Lights, limit: number): Promise<CaseWarning[]> {
    const { rows } = await this.pool.query(
      `SELECT c.id, c.case_number, c.item_code, c.region_code, r.level, c.green, c.form, c.accepted_at, c.due_at, y.due_at AS yellow_at
         FROM cases c
         JOIN regions r ON r.code = c.region_code
         LEFT JOIN case_timers y ON y.case_id = c.id AND y.key = 'case-yellow'
        WHERE c.status = 'running' AND c.paused_at IS NULL AND c.due_at IS NOT NULL
          AND (($2::boolean AND c.due_at < $1) OR ($7::boolean AND c.due_at >= $1 AND y.due_at <= $1))
          AND ($3::text[] IS NULL OR c.region_code = ANY($3))
          AND ($4::text IS NULL OR EXISTS (
                SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department_id = $4 AND t.status IN ('open', 'signed')))
          AND ($5::text IS NULL OR r.level = $5)
        ORDER BY (c.due_at < $1) DESC, c.green DESC, c.due_at, c.created_at
        LIMIT $6`,
      [now, lights.red, scope.regionCodes, scope.departmentId, scope.level, limit, lights.yellow]);
    return rows.flatMap((r) => {
      const light = lightOf({ dueAt: r.due_at, yellowAt: r.yellow_at, paused: false }, now);
      if (light === 'none') return [];
      return [{
        caseId: r.id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code, level: r.level, green: r.green,
        form: r.form, acceptedAt: r.accepted_at, dueAt: r.due_at, yellowAt: r.yellow_at, light, ...this.days(now, r.due_at, r.region_code),
      }];
    });
  }

  /** Opinions recorded by a default rule (basis ≠ given) in [from, to), of departments in scope. */
  async defaultConsents(scope: Scope, from: Date, to: Date, basis: string | undefined): Promise<DefaultConsent[]> {
    const { rows } = await this.pool.query(
      `SELECT o.case_id, c.case_number, c.item_code, c.region_code, o.task_id, o.element_id, o.round, o.department_id,
              d.name AS department_name, dr.level, o.decision, o.basis, o.given_at
         FROM opinions o
         JOIN cases c ON c.id = o.case_id
         LEFT JOIN departments d ON d.id = o.department_id
         LEFT JOIN regions dr ON dr.code = d.region_code
        WHERE o.basis <> 'given' AND o.given_at >= $1 AND o.given_at < $2
          AND ($3::text[] IS NULL OR d.region_code = ANY($3))
          AND ($4::text IS NULL OR o.department_id = $4)
          AND ($5::text IS NULL OR dr.level = $5)
          AND ($6::text IS NULL OR o.basis = $6)
        ORDER BY o.given_at, o.id`,
      [from, to, scope.regionCodes, scope.departmentId, scope.level, basis ?? null]);
    return rows.map((r) => ({
      caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code, taskId: r.task_id,
      elementId: r.element_id, round: r.round, departmentId: r.department_id, departmentName: r.department_name, level: r.level,
      decision: r.decision, basis: r.basis, recordedAt: r.given_at,
    }));
  }

  private days(now: Date, dueAt: Date, regionCode: string): { remainingWorkingDays: number; overdueWorkingDays: number } {
    return now.getTime() > dueAt.getTime()
      ? { remainingWorkingDays: 0, overdueWorkingDays: this.calendar.workingDaysBetween(dueAt, now, regionCode) }
      : { remainingWorkingDays: this.calendar.remainingWorkingDays(now, dueAt, regionCode), overdueWorkingDays: 0 };
  }
}
