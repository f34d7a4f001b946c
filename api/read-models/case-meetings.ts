/**
 * 联审会 as the applicant follows it: when and where the joint review meeting sits, who leads it,
 * who was invited and — once it is closed — who attended (会议考勤), what it decided, and which
 * absent department was recorded as agreeing by default (缺席默认). The review round's list
 * cannot say the latter: an absent department's review opinion stays what it was.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { MeetingAttendance, MeetingProgress } from './meeting-progress.ts';

// Named: parsed and planned once per connection. A project's page reads all its cases' at once.
const MEETINGS = {
  name: 'lianshen_progress_meetings',
  text: `SELECT m.case_id, m.task_id, m.lead_id, ld.name AS lead_name, m.scheduled_at, m.place, m.status, m.decision, m.closed_at,
                coalesce((SELECT json_agg(json_build_object('departmentId', a.department_id, 'departmentName', dep.name, 'present', a.present,
                                                            'absenceDefault', o.id IS NOT NULL) ORDER BY a.department_id)
                            FROM meeting_attendance a
                            JOIN departments dep ON dep.id = a.department_id
                            LEFT JOIN opinions o ON o.task_id = m.task_id AND o.department_id = a.department_id AND o.basis = 'absence'
                           WHERE a.meeting_id = m.id), '[]') AS attendance
           FROM meetings m JOIN departments ld ON ld.id = m.lead_id
          WHERE m.case_id = ANY($1::uuid[])
          ORDER BY m.created_at, m.id`,
};

/**
 * Each case's meetings, oldest first, in one statement for all; each meeting's invitees in the
 * case's `departmentOrder` (the order the departments received the case, as the progress lists
 * them), any others after by name.
 */
export async function meetingsOf(pool: Pool, departmentOrder: ReadonlyMap<string, readonly string[]>): Promise<Map<string, MeetingProgress[]>> {
  const meetings = new Map<string, MeetingProgress[]>([...departmentOrder.keys()].map((caseId) => [caseId, []]));
  if (meetings.size === 0) return meetings;
  const { rows } = await pool.query({ ...MEETINGS, values: [[...meetings.keys()]] });
  for (const r of rows) {
    const order = departmentOrder.get(r.case_id)!;
    const position = new Map(order.map((id, i) => [id, i]));
    const rank = (a: MeetingAttendance) => position.get(a.departmentId) ?? order.length;
    meetings.get(r.case_id)!.push({
      taskId: r.task_id, leadId: r.lead_id, leadName: r.lead_name, scheduledAt: (r.scheduled_at as Date).toISOString(), place: r.place,
      status: r.status, decision: r.decision, closedAt: (r.closed_at as Date | null)?.toISOString() ?? null,
      attendance: (r.attendance as MeetingAttendance[]).sort((a, b) => rank(a) - rank(b) || a.departmentName.localeCompare(b.departmentName, 'zh')),
    });
  }
  return meetings;
}
