/**
 * 总台受理 queue: applications of the window's own region waiting for acceptance, green channel
 * first, then oldest first, with how many of the item's materials were handed in.
 */
import { Router } from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { authorize, currentUser } from '../auth/policies.ts';

export function acceptanceQueueRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/api/tasks/acceptance-queue', authorize('window'), async (req, res) => {
    const { rows } = await pool.query(
      `SELECT t.id AS task_id, c.id AS case_id, c.case_number, c.item_code, d.name AS item_name, c.green, c.created_at,
              u.display_name AS applicant_name,
              jsonb_array_length(d.item -> 'materials') AS materials_total,
              (SELECT coalesce(jsonb_array_length(e.payload -> 'materials'), 0) FROM case_events e
                WHERE e.case_id = c.id AND e.type = 'applied' LIMIT 1) AS materials_submitted
         FROM tasks t
         JOIN cases c ON c.id = t.case_id
         JOIN definitions d ON d.id = c.definition_id
         LEFT JOIN users u ON u.id = c.applicant_id
        WHERE t.kind = 'accept' AND t.status IN ('open', 'signed') AND c.status = 'running' AND c.region_code = $1
        ORDER BY c.green DESC, t.created_at, t.id
        LIMIT 200`,
      [currentUser(req).regionCode]);
    res.json({
      applications: rows.map((r) => ({
        taskId: r.task_id, caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, itemName: r.item_name, green: r.green,
        createdAt: r.created_at.toISOString(), applicantName: r.applicant_name ?? null,
        materialsTotal: Number(r.materials_total ?? 0), materialsSubmitted: Number(r.materials_submitted ?? 0),
      })),
    });
  });
  return router;
}
