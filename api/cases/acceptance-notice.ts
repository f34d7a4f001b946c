/**
 * 受理通知书: what the window prints for the applicant at acceptance — case number, 查询码 for
 * the public lookup, the promised date, and every material: received, not handed in (an optional
 * one), or accepted as missing (容缺) with the date it is promised for. Refused applications get the 一次性告知 list instead.
 */
import type { CaseEvent, CaseRecord } from '../../engine/cases/case-types.ts';
import type { ItemModel } from '../../engine/definitions/item-model.ts';

interface PromisedMaterial {
  code: string;
  status: string;
  promisedBy: Date | null;
}

export type AcceptanceNotice = ReturnType<typeof presentAcceptanceNotice>;

/** The notice of an accepted case (or the refusal notice with its reasons). */
export function presentAcceptanceNotice(c: CaseRecord, item: ItemModel, promised: PromisedMaterial[], events: CaseEvent[]) {
  const accepted = events.find((e) => e.type === 'accepted');
  const refusal = events.find((e) => e.type === 'task-completed' && e.payload.outcome === 'refused');
  const missing = new Map(promised.map((m) => [m.code, m]));
  const submitted = submittedMaterials(events);
  const notReceived = new Set(Array.isArray(accepted?.payload.notReceived) ? accepted.payload.notReceived.map(String) : []);
  return {
    kind: accepted ? 'acceptance' : refusal ? 'refusal' : 'pending',
    caseNumber: c.caseNumber, queryCode: c.queryCode, itemCode: item.itemCode, itemName: item.name, regionCode: c.regionCode,
    handlingForm: c.form, green: c.green, acceptedAt: c.acceptedAt?.toISOString() ?? null, acceptedBy: accepted?.payload.by ?? null,
    promisedDays: item.promisedDays, greenPromisedDays: item.greenPromisedDays ?? null, statutoryDays: item.statutoryDays, dueAt: c.dueAt?.toISOString() ?? null, dueProvisional: c.dueProvisional,
    /** Codes of the materials the applicant handed in (with the application or supplied since). */
    submitted: [...submitted],
    materials: item.materials.map((m) => {
      const owed = missing.get(m.code);
      // Once accepted, the window has judged every material received but those it named as not
      // handed in (optional ones) and those owed; before that (or after a refusal) only what was
      // handed in counts.
      const status = owed ? owed.status : notReceived.has(m.code) ? 'not-submitted'
        : accepted || submitted.has(m.code) ? 'received' : 'missing';
      return { code: m.code, name: m.name, essential: m.essential, status, promisedBy: owed?.promisedBy?.toISOString() ?? null };
    }),
    // 一次性告知: every reason at once, as the window recorded them.
    refusalReasons: refusal ? String(refusal.payload.comment ?? '').split('；').filter(Boolean) : [],
  };
}

function submittedMaterials(events: CaseEvent[]): Set<string> {
  const codes = new Set<string>();
  for (const e of events) {
    const list = e.type === 'applied' ? e.payload.materials : e.type === 'materials-supplied' ? e.payload.codes : undefined;
    if (Array.isArray(list)) for (const code of list) codes.add(String(code));
  }
  return codes;
}
