/**
 * The editable 七公开 text of an item. Limits, materials and departments are read from the
 * BPMN by the server, so only the text parts are edited and sent with a draft or a deploy.
 */
export interface Catalogue {
  name?: string;
  category?: string;
  implementingDepartment?: string;
  legalBasis?: { title: string; articles?: string }[];
  conditions?: string[];
  procedure?: string[];
  fees?: { name: string; amount: string; basis?: string }[];
  consultation?: string;
  notes?: string;
}

const TEXT_KEYS = ['name', 'category', 'implementingDepartment', 'consultation', 'notes'] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function compact<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
}

/** The editable part of a stored catalogue or a public catalogue entry (nulls and derived fields left out). */
export function editableCatalogue(source: Record<string, any> | null | undefined): Catalogue {
  if (!source) return {};
  const out: Catalogue = {};
  for (const key of TEXT_KEYS) out[key] = text(source[key]);
  out.legalBasis = (source.legalBasis ?? []).map((l: any) => compact({ title: text(l?.title) ?? '', articles: text(l?.articles) }));
  out.conditions = (source.conditions ?? []).map((c: unknown) => text(c) ?? '');
  out.procedure = (source.procedure ?? []).map((c: unknown) => text(c) ?? '');
  out.fees = (source.fees ?? []).map((f: any) => compact({ name: text(f?.name) ?? '', amount: text(f?.amount) ?? '', basis: text(f?.basis) }));
  return compact(out as Record<string, unknown>) as Catalogue;
}

/** What is sent: blanks removed, empty rows dropped, the item code of the diagram attached. */
export function cataloguePayload(catalogue: Catalogue, itemCode: string | undefined): Record<string, unknown> {
  const cleaned = editableCatalogue(catalogue as Record<string, unknown>);
  return compact({
    ...(itemCode ? { itemCode } : {}),
    ...cleaned,
    legalBasis: cleaned.legalBasis?.filter((l) => l.title),
    conditions: cleaned.conditions?.filter(Boolean),
    procedure: cleaned.procedure?.filter(Boolean),
    fees: cleaned.fees?.filter((f) => f.name || f.amount),
  });
}
