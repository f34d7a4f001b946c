/**
 * 联审会 a department takes part in: the meetings it leads (to schedule and close) and those it
 * is invited to, with place, time, attendance (会议考勤) and the decision once closed. A
 * department sees only meetings it leads or is invited to.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Clock } from '../../engine/clock/clock.ts';
import { meetingHeld } from '../../engine/meetings/meeting-held.ts';
import { authorize, currentUser } from '../auth/policies.ts';
import { validate } from '../http/validate.ts';

export const MeetingListQuery = z.object({ status: z.enum(['scheduled', 'closed']).optional() });

export function meetingRoutes(pool: Pool, clock: Clock): Router {
  const router = Router();
  router.get('/api/meetings', authorize('reviewer', 'lead'), validate({ query: MeetingListQuery }), async (req, res) => {
    const departmentId = currentUser(req).departmentId;
    const { status } = req.valid.query as z.infer<typeof MeetingListQuery>;
    const now = clock.now();
    const { rows } = await pool.query(
      `SELECT m.id, m.case_id, m.task_id, m.lead_id, ld.name AS lead_name, m.scheduled_at, m.place, m.status, m.decision, m.closed_at,
              c.case_number, c.item_code, d.name AS item_name, c.green,
              (SELECT json_agg(json_build_object('departmentId', a.department_id, 'departmentName', dep.name, 'present', a.present)
                               ORDER BY a.department_id)
                 FROM meeting_attendance a JOIN departments dep ON dep.id = a.department_id WHERE a.meeting_id = m.id) AS attendance
         FROM meetings m
         JOIN cases c ON c.id = m.case_id
         JOIN definitions d ON d.id = c.definition_id
         JOIN departments ld ON ld.id = m.lead_id
        WHERE (m.lead_id = $1 OR EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.department_id = $1))
          AND ($2::text IS NULL OR m.status = $2)
        ORDER BY m.status = 'scheduled' DESC, m.scheduled_at DESC
        LIMIT 200`,
      [departmentId, status ?? null]);
    res.json({
      meetings: rows.map((r) => ({
        id: r.id, caseId: r.case_id, taskId: r.task_id, caseNumber: r.case_number, itemCode: r.item_code, itemName: r.item_name, green: r.green,
        leadId: r.lead_id, leadName: r.lead_name, leading: r.lead_id === departmentId,
        scheduledAt: r.scheduled_at.toISOString(), place: r.place, status: r.status, decision: r.decision, closedAt: r.closed_at?.toISOString() ?? null,
        // by the server's clock: attendance may be recorded once the meeting has been held
        closable: r.status === 'scheduled' && meetingHeld({ scheduledAt: r.scheduled_at }, now),
        attendance: r.attendance ?? [],
      })),
    });
  });
  return router;
}
