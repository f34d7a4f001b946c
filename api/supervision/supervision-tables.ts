/**
 * The supervision lists as tables for CSV/XLSX downloads (same writer as the statistics), with
 * the headings a centre's 电子监察室 uses. Instants are written as Shanghai wall-clock time.
 */
import { formatShanghai } from '../../engine/calendar/index.ts';
import type { AccountabilityEntry } from '../../engine/queries/accountability.ts';
import { periodLabel } from '../statistics/statistics-tables.ts';
import type { Cell, Sheet } from '../statistics/table-export.ts';
import type { CaseWarning, DefaultConsent, TaskWarning, VerificationRow } from './supervision-answers.ts';

export const BASIS_NAMES: Record<string, string> = { timeout: '超时默认', inaction: '不作为默认', unsigned: '未签收默认', absence: '缺席默认' };
const LIGHT_NAMES: Record<string, string> = { red: '红灯', yellow: '黄灯' };
const LEVEL_NAMES: Record<string, string> = { province: '省级', city: '市级', county: '县级', township: '乡镇级' };
const TASK_STATUS: Record<string, string> = { open: '待签收', signed: '已签收' };
const VERIFICATION_STATES: Record<string, string> = { pending: '待核查', 'in-progress': '核查中', concluded: '已办结', 'not-required': '无需核查' };

/** '2026-03-03 23:59' in Shanghai time; empty for none. */
export function shanghaiMinute(at: Date | null): string {
  return at ? formatShanghai(at).slice(0, 16).replace('T', ' ') : '';
}

const level = (l: string | null): Cell => (l ? LEVEL_NAMES[l] ?? l : null);

/** 预警: department steps and whole cases in one table, red first as the dashboard lists them. */
export function warningsSheet(tasks: TaskWarning[], cases: CaseWarning[], at: Date): Sheet {
  return {
    name: `预警 ${shanghaiMinute(at).slice(0, 10)}`,
    headers: ['灯', '对象', '案件编号', '事项编码', '受理地区', '部门编码', '部门', '层级', '状态', '时限', '剩余工作日', '超期工作日', '绿色通道'],
    rows: [
      ...tasks.map((t) => [
        LIGHT_NAMES[t.light] ?? t.light, '部门环节', t.caseNumber, t.itemCode, t.regionCode, t.departmentId, t.departmentName, level(t.level),
        TASK_STATUS[t.status] ?? t.status,
        // An unsigned step late for 签收 is late against its sign-for limit.
        shanghaiMinute(t.status === 'open' && t.signDueAt && t.signDueAt < at ? t.signDueAt : t.dueAt),
        t.remainingWorkingDays, t.overdueWorkingDays, t.green,
      ]),
      ...cases.map((c) => [
        LIGHT_NAMES[c.light] ?? c.light, '案件承诺时限', c.caseNumber, c.itemCode, c.regionCode, null, null, level(c.level), '在办',
        shanghaiMinute(c.dueAt), c.remainingWorkingDays, c.overdueWorkingDays, c.green,
      ]),
    ],
  };
}

/** 默认同意: the opinions recorded by a default rule. */
export function defaultConsentsSheet(opinions: DefaultConsent[], from: Date, to: Date): Sheet {
  return {
    name: `默认同意 ${periodLabel(from, to)}`,
    headers: ['记录时间', '案件编号', '事项编码', '受理地区', '部门编码', '部门', '层级', '环节', '轮次', '默认类型', '意见'],
    rows: opinions.map((o) => [
      shanghaiMinute(o.recordedAt), o.caseNumber, o.itemCode, o.regionCode, o.departmentId, o.departmentName, level(o.level),
      o.elementId, o.round, BASIS_NAMES[o.basis] ?? o.basis, o.decision === 'approve' ? '同意' : o.decision,
    ]),
  };
}

/** 问责记录: who let which limit pass. */
export function accountabilitySheet(records: AccountabilityEntry[], from: Date, to: Date): Sheet {
  return {
    name: `问责记录 ${periodLabel(from, to)}`,
    headers: ['记录时间', '部门编码', '部门', '层级', '案件编号', '事项编码', '环节', '问责类型', '时限'],
    rows: records.map((r) => [
      shanghaiMinute(r.recordedAt), r.departmentId, r.departmentName, level(r.level), r.caseNumber, r.itemCode, r.elementId,
      BASIS_NAMES[r.basis] ?? r.basis, shanghaiMinute(r.limitAt),
    ]),
  };
}

/** 差评核查: each dissatisfied rating and where its verification stands. */
export function verificationsSheet(rows: VerificationRow[], from: Date, to: Date): Sheet {
  return {
    name: `差评核查 ${periodLabel(from, to)}`,
    headers: ['评价时间', '案件编号', '事项编码', '受理地区', '评价', '评价内容', '核查状态', '核查件编号', '整改部门', '核查结论', '认定', '已整改', '红灯次数'],
    rows: rows.map((v) => [
      shanghaiMinute(v.ratedAt), v.caseNumber, v.itemCode, v.regionCode, v.ratingLevel, v.comment, VERIFICATION_STATES[v.state] ?? v.state,
      v.verificationCaseNumber, v.departmentId, v.outcome, v.finding, v.rectified, v.redWarnings,
    ]),
  };
}
