/**
 * 月度百分考评: each window, department and staff member starts the month at 100; points come
 * off for 不满意 ratings, for a rating rate below target and for 问责记录; each kind of unit is
 * ranked on its own, the top three are 服务明星 and the last is flagged. Every deduction names
 * its case(s), so a unit can check its score. Pure: the caller gathers the month's figures.
 *
 * Arithmetic is in hundredths of a point (integers), so scores are exact to 0.01.
 */
import { rankUnits, type Ranked } from './ranking.ts';
import { DEFAULT_SCORING_RULES, type AccountabilityBasis, type ScoringRules } from './scoring-rules.ts';

export type UnitKind = 'window' | 'department' | 'staff';

export interface ScoredUnit {
  id: string;
  kind: UnitKind;
  name: string;
}

/** A case whose rating was settled in the month (rated, or its window closed unrated). */
export interface CaseForScoring {
  caseId: string;
  caseNumber: string;
  /** The units the case counts for: the window that accepted it, its departments, their staff. */
  unitIds: string[];
  rating: { level: string; dissatisfied: boolean } | null;
}

/** A 问责记录 of the month, charged to one unit. */
export interface AccountabilityForScoring {
  caseId: string;
  caseNumber: string;
  unitId: string;
  basis: AccountabilityBasis;
}

export interface MonthlyScoreInput {
  period: string;
  units: ScoredUnit[];
  cases: CaseForScoring[];
  accountability: AccountabilityForScoring[];
}

export interface Deduction {
  rule: 'dissatisfied' | 'rating-rate' | 'accountability';
  points: number;
  /** The case charged, or for the rating rate every case left unrated. */
  cases: Array<{ caseId: string; caseNumber: string }>;
  detail: string;
}

export interface UnitScore {
  unitId: string;
  kind: UnitKind;
  name: string;
  score: number;
  /** Cases settled in the month, and how many of them were rated. */
  cases: number;
  rated: number;
  /** Percent, to 0.01; null without cases. */
  ratingRate: number | null;
  deductions: Deduction[];
}

export interface MonthlyScores {
  period: string;
  windows: Ranked<UnitScore>[];
  departments: Ranked<UnitScore>[];
  staff: Ranked<UnitScore>[];
}

/** Score and rank every unit for the month. */
export function monthlyScores(input: MonthlyScoreInput, rules: ScoringRules = DEFAULT_SCORING_RULES): MonthlyScores {
  const scores = input.units.map((unit) => scoreUnit(unit, input, rules));
  const ranked = (kind: UnitKind) => rankUnits(scores.filter((s) => s.kind === kind), rules.stars);
  return { period: input.period, windows: ranked('window'), departments: ranked('department'), staff: ranked('staff') };
}

function scoreUnit(unit: ScoredUnit, input: MonthlyScoreInput, rules: ScoringRules): UnitScore {
  const cases = input.cases.filter((c) => c.unitIds.includes(unit.id));
  const rated = cases.filter((c) => c.rating !== null);
  const rateBp = cases.length ? Math.round((rated.length * 10_000) / cases.length) : null;
  const deductions = [
    ...dissatisfied(rated, rules),
    ...ratingRate(cases, rateBp, rules),
    ...accountability(input.accountability.filter((a) => a.unitId === unit.id), rules),
  ];
  const offCenti = deductions.reduce((sum, d) => sum + centi(d.points), 0);
  const score = Math.max(centi(rules.floor), centi(rules.base) - offCenti) / 100;
  return { unitId: unit.id, kind: unit.kind, name: unit.name, score, cases: cases.length, rated: rated.length, ratingRate: rateBp === null ? null : rateBp / 100, deductions };
}

function dissatisfied(rated: CaseForScoring[], rules: ScoringRules): Deduction[] {
  return rated.filter((c) => c.rating!.dissatisfied).map((c) => ({
    rule: 'dissatisfied', points: rules.dissatisfiedPoints, cases: [ref(c)], detail: `rated ${c.rating!.level}`,
  }));
}

// −pointsPerPercentBelow for every percentage point (pro rata, to 0.01) under the target.
function ratingRate(cases: CaseForScoring[], rateBp: number | null, rules: ScoringRules): Deduction[] {
  if (rateBp === null) return [];
  const shortBp = Math.max(0, Math.round(rules.ratingRateTarget * 100) - rateBp);
  if (shortBp === 0) return [];
  const points = Math.round(shortBp * rules.pointsPerPercentBelow) / 100;
  const detail = `rating rate ${(rateBp / 100).toFixed(2)}% is ${(shortBp / 100).toFixed(2)} points below the ${rules.ratingRateTarget}% target`;
  return [{ rule: 'rating-rate', points, cases: cases.filter((c) => c.rating === null).map(ref), detail }];
}

function accountability(records: AccountabilityForScoring[], rules: ScoringRules): Deduction[] {
  return records
    .map((a) => ({ rule: 'accountability' as const, points: rules.accountabilityPoints[a.basis], cases: [ref(a)], detail: `问责记录 (${a.basis})` }))
    .filter((d) => d.points > 0);
}

const centi = (points: number): number => Math.round(points * 100);
const ref = (c: { caseId: string; caseNumber: string }) => ({ caseId: c.caseId, caseNumber: c.caseNumber });
