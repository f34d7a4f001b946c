/** Starting a case: an application for an item version by an applicant in a region. */
import type { CaseSession } from './case-session.ts';
import { applyEngineEffects } from './apply-engine-effects.ts';
import { acceptCase } from './accept-case.ts';
import { alertDutyOfficerIfNeeded } from '../work-orders/urgent-orders.ts';

/** Record the application; without an acceptance task in the item the clock starts now. */
export async function afterStart(s: CaseSession, materials: string[], urgent = false): Promise<void> {
  s.event('applied', {
    itemCode: s.item.itemCode, version: s.definition.version, regionCode: s.row.regionCode,
    applicantId: s.row.applicantId, green: s.row.green, materials,
  });
  if (s.row.green) s.event('green-channel', { by: 'application' });
  alertDutyOfficerIfNeeded(s, urgent);
  const hasAcceptance = Object.values(s.item.tasks).some((t) => t.kind === 'accept');
  if (!hasAcceptance) acceptCase(s, 'application');
  s.engineTouched = true;
  await applyEngineEffects(s);
}
