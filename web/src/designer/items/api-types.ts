/** Shapes of the definitions API the designer reads (api/definitions/definition-schemas.ts). */
export interface VersionRow {
  id: number;
  version: number;
  name: string;
  hasCatalogue: boolean;
  deployedAt: string;
  deployedBy: string | null;
}

export interface ItemRow {
  itemCode: string;
  name: string;
  handlingForm: 'instant' | 'promised' | 'joint';
  levels: string[];
  versions: number;
  latest: VersionRow;
}

export interface Draft {
  itemCode: string;
  xml: string;
  catalogue: Record<string, unknown> | null;
  revision: number;
  savedByName?: string;
  savedAt: string;
}

/** One row of GET /api/definitions/drafts. */
export interface DraftRow {
  itemCode: string;
  name: string | null;
  revision: number;
  savedByName?: string;
  savedAt: string;
}
