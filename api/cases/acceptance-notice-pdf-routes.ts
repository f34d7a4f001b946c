/**
 * The window desk's printouts: the 受理通知书 and the 一次性告知书 as PDF, for the same people
 * who may read the notice as JSON (the applicant, windows and supervisors of the region, admins).
 */
import { Router, type Request } from 'express';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { presentAcceptanceNotice, type AcceptanceNotice } from './acceptance-notice.ts';
import { lookupUrlOf, renderAcceptanceNotice, renderMissingMaterialsNotice } from './acceptance-notice-pdf.ts';
import { canReadCase } from './case-policy.ts';
import { CaseIdParams } from './case-schemas.ts';

export const NOTICE_READERS = ['applicant', 'window', 'supervisor', 'admin'] as const;

export function acceptanceNoticePdfRoutes(runtime: Runtime, reads: CaseReads): Router {
  const router = Router();

  const noticeOf = async (req: Request) => {
    const c = await reads.caseById(req.valid.params.caseId);
    requireScope(!!c && (await canReadCase(currentUser(req), c, reads)), 'case');
    const definition = await runtime.env.definitions.byId(c!.definitionId);
    const notice = presentAcceptanceNotice(c!, definition!.item, await reads.materialsOf(c!.id), await reads.timeline(c!.id));
    const region = await runtime.env.org.region(c!.regionCode);
    const context = {
      issuer: `${region?.name ?? c!.regionCode}政务服务中心`,
      printedAt: runtime.env.clock.now(),
      lookupUrl: lookupUrlOf(`${req.protocol}://${req.get('host')}`, notice.caseNumber, notice.queryCode ?? ''),
    };
    return { notice, context };
  };

  router.get('/api/cases/:caseId/acceptance-notice.pdf', authorize(...NOTICE_READERS), validate({ params: CaseIdParams }), async (req, res) => {
    const { notice, context } = await noticeOf(req);
    if (notice.kind !== 'acceptance') throw new HttpError(409, 'invalid_state', 'the case has not been accepted: there is no 受理通知书 to print');
    sendPdf(res, `受理通知书-${notice.caseNumber}.pdf`, await renderAcceptanceNotice(notice, context));
  });

  router.get('/api/cases/:caseId/missing-materials-notice.pdf', authorize(...NOTICE_READERS), validate({ params: CaseIdParams }), async (req, res) => {
    const { notice, context } = await noticeOf(req);
    if (!hasSomethingToTell(notice)) throw new HttpError(409, 'invalid_state', 'nothing is missing: the case was accepted with every material');
    sendPdf(res, `一次性告知书-${notice.caseNumber}.pdf`, await renderMissingMaterialsNotice(notice, context));
  });
  return router;
}

// Before acceptance or after a refusal the list is always worth printing; after acceptance only
// while 容缺 materials are still owed.
function hasSomethingToTell(notice: AcceptanceNotice): boolean {
  return notice.kind !== 'acceptance' || notice.materials.some((m) => m.status === 'promised');
}

function sendPdf(res: import('express').Response, filename: string, pdf: Buffer): void {
  res.setHeader('content-type', 'application/pdf');
  res.setHeader('content-disposition', `inline; filename="notice.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.setHeader('cache-control', 'no-store');
  res.send(pdf);
}
