/**
 * The inputs of 月度百分考评 (`engine/scoring`) from a month's rows, and who is scored.
 *
 * - The month's cases are those whose rating was settled in it: rated, or archived unrated when
 *   the rating window closed (the `case_archive` record).
 * - A case counts for the window that accepted it (unit `window:<region code>`: the accepting
 *   window of that region), for every department that held a task of it
 *   (`department:<department id>`), and for every staff member who acted on it
 *   (`staff:<user id>`: accepted, signed for, gave an opinion, completed a task, ran a meeting;
 *   the applicant is not staff).
 * - A 问责记录 recorded in the month is charged to its department; a 不作为 (inaction) record
 *   also to the staff member who signed for the task and then did nothing.
 * Only units with a case or a record in the month are scored (a unit with nothing to judge is
 * not ranked). Pure: a source gathers the rows.
 */
import type { Level } from '../org/levels.ts';
import {
  monthlyScores, type AccountabilityForScoring, type CaseForScoring, type MonthlyScoreInput, type ScoredUnit, type UnitKind, type UnitScore,
} from '../scoring/monthly-score.ts';
import type { Ranked } from '../scoring/ranking.ts';
import { DEFAULT_SCORING_RULES, type AccountabilityBasis, type ScoringRules } from '../scoring/scoring-rules.ts';

export interface SettledCaseRow {
  caseId: string;
  caseNumber: string;
  /** The accepting window's region. */
  regionCode: string;
  applicantId: string;
  rating: { level: string; dissatisfied: boolean } | null;
  departmentIds: string[];
  /** Every user id that acted on the case (events and opinions), applicant included. */
  actorIds: string[];
}

export interface AccountabilityRow {
  caseId: string;
  caseNumber: string;
  departmentId: string | null;
  basis: AccountabilityBasis;
  /** Who signed for the task (签收), if anyone. */
  signedBy: string | null;
}

/** Names and places of the units, for labels and scope. */
export interface UnitDirectory {
  regions: Map<string, { name: string; level: Level }>;
  departments: Map<string, { name: string; regionCode: string; level: Level }>;
  users: Map<string, { name: string; regionCode: string; departmentId: string | null; level: Level }>;
}

export interface MonthRows {
  period: string;
  cases: SettledCaseRow[];
  accountability: AccountabilityRow[];
  directory: UnitDirectory;
}

/** A scored unit with where it sits (for scope) and its plain id. */
export interface PlacedUnit extends ScoredUnit {
  /** Region code, department id or user id. */
  ref: string;
  regionCode: string | null;
  departmentId: string | null;
  level: Level | null;
}

/** Actor ids that are not people of the centre. */
const NOT_STAFF = new Set(['application']);

export const unitId = {
  window: (regionCode: string) => `window:${regionCode}`,
  department: (departmentId: string) => `department:${departmentId}`,
  staff: (userId: string) => `staff:${userId}`,
};

/** Every unit the month's rows name, with its scoring input. */
export function monthlyScoreInput(rows: MonthRows): { input: MonthlyScoreInput; units: PlacedUnit[] } {
  const units = new Map<string, PlacedUnit>();
  const place = (kind: UnitKind, ref: string): string => {
    const id = unitId[kind](ref);
    if (!units.has(id)) units.set(id, placeUnit(kind, ref, id, rows.directory));
    return id;
  };
  const cases: CaseForScoring[] = rows.cases.map((c) => ({
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    unitIds: [
      place('window', c.regionCode),
      ...unique(c.departmentIds).map((d) => place('department', d)),
      ...unique(c.actorIds).filter((a) => a !== c.applicantId && !NOT_STAFF.has(a)).map((a) => place('staff', a)),
    ],
    rating: c.rating,
  }));
  const accountability: AccountabilityForScoring[] = rows.accountability.flatMap((a) => {
    const charged: string[] = [];
    if (a.departmentId) charged.push(place('department', a.departmentId));
    if (a.basis === 'inaction' && a.signedBy && !NOT_STAFF.has(a.signedBy)) charged.push(place('staff', a.signedBy));
    return charged.map((id) => ({ caseId: a.caseId, caseNumber: a.caseNumber, unitId: id, basis: a.basis }));
  });
  const placed = [...units.values()];
  return { input: { period: rows.period, units: placed.map(({ id, kind, name }) => ({ id, kind, name })), cases, accountability }, units: placed };
}

function placeUnit(kind: UnitKind, ref: string, id: string, directory: UnitDirectory): PlacedUnit {
  if (kind === 'window') {
    const region = directory.regions.get(ref);
    return { id, kind, ref, name: `${region?.name ?? ref}窗口`, regionCode: ref, departmentId: null, level: region?.level ?? null };
  }
  if (kind === 'department') {
    const d = directory.departments.get(ref);
    return { id, kind, ref, name: d?.name ?? ref, regionCode: d?.regionCode ?? null, departmentId: ref, level: d?.level ?? null };
  }
  const user = directory.users.get(ref);
  return { id, kind, ref, name: user?.name ?? ref, regionCode: user?.regionCode ?? null, departmentId: user?.departmentId ?? null, level: user?.level ?? null };
}

/** Which units a caller sees: regions (expanded; null = all), one department, one level. */
export interface UnitScope {
  regionCodes: string[] | null;
  departmentId: string | null;
  level: Level | null;
}

/** True when `unit` lies in `scope`. A unit whose place is unknown (a user id without an account) only in an unlimited scope. */
export function unitInScope(unit: PlacedUnit, scope: UnitScope): boolean {
  if (scope.departmentId && (unit.kind === 'window' || unit.departmentId !== scope.departmentId)) return false;
  if (scope.level && unit.level !== scope.level) return false;
  if (!scope.regionCodes) return true;
  return unit.regionCode !== null && scope.regionCodes.includes(unit.regionCode);
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** One unit's score in the answer: the scoring result plus where the unit sits. */
export type ReportedScore = Ranked<UnitScore> & { ref: string; regionCode: string | null; departmentId: string | null };

export interface MonthlyScoreReport {
  period: string;
  unit: UnitKind;
  /** How many units of the kind were ranked together (a department sees its rank among its region's departments). */
  ranked: number;
  scores: ReportedScore[];
}

/**
 * Score and rank the units of one kind in `scope`. A caller limited to one department sees its
 * own row only, ranked among the departments of its region (or, for staff, its own department's
 * staff among themselves).
 */
export function monthlyScoreReport(rows: MonthRows, kind: UnitKind, scope: UnitScope, rules: ScoringRules = DEFAULT_SCORING_RULES): MonthlyScoreReport {
  const { input, units } = monthlyScoreInput(rows);
  const peers: UnitScope = kind === 'department' && scope.departmentId
    ? { regionCodes: [scope.departmentId.slice(0, scope.departmentId.indexOf(':'))], departmentId: null, level: scope.level }
    : scope;
  const ranked = units.filter((u) => u.kind === kind && unitInScope(u, peers));
  const scored = monthlyScores({ ...input, units: ranked }, rules);
  const list = kind === 'window' ? scored.windows : kind === 'department' ? scored.departments : scored.staff;
  const byId = new Map(units.map((u) => [u.id, u]));
  const scores = list
    .filter((s) => unitInScope(byId.get(s.unitId)!, scope))
    .map((s) => { const u = byId.get(s.unitId)!; return { ...s, ref: u.ref, regionCode: u.regionCode, departmentId: u.departmentId }; });
  return { period: rows.period, unit: kind, ranked: ranked.length, scores };
}
