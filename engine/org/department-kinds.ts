import type { Level } from './levels.ts';

/**
 * The kinds of department a BPMN item may name as participants. An item names a kind
 * (`xf` = 消防) and a level; the case's region turns that into one concrete department
 * (the fire brigade of the case's county, or of its parent city).
 */
export interface DepartmentKind {
  code: string;
  name: string;
  nameEn: string;
  levels: readonly Level[];
}

const ALL: readonly Level[] = ['province', 'city', 'county'];

export const DEPARTMENT_KINDS: readonly DepartmentKind[] = [
  { code: 'fgw', name: '发展和改革委员会', nameEn: 'Development and Reform', levels: ALL },
  { code: 'zrzy', name: '自然资源和规划局', nameEn: 'Natural Resources and Planning', levels: ALL },
  { code: 'zj', name: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development', levels: ALL },
  { code: 'xf', name: '消防救援支队', nameEn: 'Fire and Rescue', levels: ALL },
  { code: 'rf', name: '人民防空办公室', nameEn: 'Civil Air Defence', levels: ALL },
  { code: 'sthj', name: '生态环境局', nameEn: 'Ecology and Environment', levels: ALL },
  { code: 'scjg', name: '市场监督管理局', nameEn: 'Market Regulation', levels: ALL },
  { code: 'jt', name: '交通运输局', nameEn: 'Transport', levels: ALL },
  { code: 'sw', name: '水务局', nameEn: 'Water Affairs', levels: ALL },
  { code: 'yjgl', name: '应急管理局', nameEn: 'Emergency Management', levels: ALL },
  { code: 'wjw', name: '卫生健康委员会', nameEn: 'Health Commission', levels: ALL },
  { code: 'spj', name: '行政审批局', nameEn: 'Administrative Approval Bureau', levels: ALL },
  { code: 'zwfw', name: '政务服务中心', nameEn: 'Government Service Centre', levels: ['province', 'city', 'county', 'township'] },
  { code: 'jc', name: '电子监察室', nameEn: 'Electronic Supervision', levels: ALL },
  { code: 'rx12345', name: '12345政务服务便民热线', nameEn: '12345 Hotline', levels: ['province', 'city', 'county'] },
  { code: 'zfb', name: '乡镇人民政府（便民服务中心）', nameEn: 'Township Government', levels: ['township'] },
];

const BY_CODE = new Map(DEPARTMENT_KINDS.map((kind) => [kind.code, kind]));

/** The department kind with this code, if the platform knows it. */
export function findDepartmentKind(code: string): DepartmentKind | undefined {
  return BY_CODE.get(code);
}

/** Why a department kind at a level cannot be a participant, or undefined when it can. */
export function departmentProblem(code: string, level: string): string | undefined {
  const kind = BY_CODE.get(code);
  if (!kind) return `unknown department "${code}"`;
  if (!(kind.levels as readonly string[]).includes(level)) return `department "${code}" does not exist at level "${level}"`;
  return undefined;
}
