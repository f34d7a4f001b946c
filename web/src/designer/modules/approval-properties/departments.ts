/**
 * The departments a designer may name as participants. Rows come from GET /api/org/departments
 * (concrete departments of the designer's region tree); a participant names a department
 * **kind** at a level, so the picker offers each kind that exists at the chosen level.
 */
import { findDepartmentKind } from '../../../../../engine/org/department-kinds.ts';
import type { Option } from './entries.ts';

export interface OrgDepartment {
  kind: string;
  kindName: string;
  level: string;
}

export interface ApprovalConfig {
  departments: OrgDepartment[];
  locale: 'zh' | 'en';
}

function kindLabel(config: ApprovalConfig, kind: string, kindName?: string): string {
  if (config.locale === 'en') return findDepartmentKind(kind)?.nameEn ?? kindName ?? kind;
  return kindName ?? findDepartmentKind(kind)?.name ?? kind;
}

/** Kinds that exist at `level` as choices; a code the list lacks stays visible, marked as such. */
export function departmentOptions(config: ApprovalConfig, level: string | undefined, current: string | undefined,
  translate: (s: string) => string): Option[] {
  const kinds = new Map<string, string>();
  for (const d of config.departments) if (!level || d.level === level) kinds.set(d.kind, d.kindName);
  const options = [{ value: '', label: translate('(choose a department)') }, ...[...kinds].map(([kind, name]) => ({
    value: kind, label: `${kindLabel(config, kind, name)} (${kind})`,
  }))];
  if (current && !kinds.has(current)) {
    options.push({ value: current, label: `${current} — ${translate('not available at this level')}` });
  }
  return options;
}

/** A department kind's display name in the current language, or its code when unknown. */
export function departmentName(config: ApprovalConfig, kind: string | undefined): string {
  if (!kind) return '';
  return kindLabel(config, kind, config.departments.find((d) => d.kind === kind)?.kindName);
}
