/** Every visible string of the supervision dashboard (电子监察), Chinese first. */
import { defineMessages } from '../shared/i18n.tsx';
import type { Basis } from './types.ts';

export const messages = defineMessages({
  zh: {
    month: '统计月份', region: '地区', allRegions: '全部地区', department: '部门', allDepartments: '全部部门',
    downloadCsv: 'CSV', downloadXlsx: 'Excel',
    red: '红灯', yellow: '黄灯', noDepartment: '（无部门）', updatedAt: '数据时间 {at}', loading: '加载中…', refresh: '刷新',
    redTasks: '红灯环节', yellowTasks: '黄灯环节', redCases: '超期案件', yellowCases: '临期案件',
    monthDefaults: '{month} 默认同意', monthAccountability: '{month} 问责记录',
    lightsByDepartment: '各部门红黄灯', lightsByRegion: '各地区红黄灯（环节与案件）', allLights: '全部', overdueOnly: '超期（红灯）', nearOnly: '临期（黄灯）',
    taskWarnings: '部门环节预警', caseWarnings: '案件承诺时限预警',
    overdueDays: '超期 {n} 个工作日', remainingDays: '剩余 {n} 个工作日',
    light: '灯', caseNumber: '案件编号', item: '事项', level: '层级', status: '状态', unsigned: '待签收', signed: '已签收',
    limit: '时限', days: '工作日', action: '操作', promisedLimit: '承诺时限',
    green: '绿色通道', greenAction: '绿色通道', greenTitle: '将案件 {caseNumber} 列入绿色通道', greenConfirm: '列入绿色通道', cancel: '取消',
    greenHint: '列入后各环节时限压缩，在各部门待办中优先。请写明理由（如：市重点项目）。', greenReason: '理由', greenDone: '案件 {caseNumber} 已列入绿色通道',
    defaultsByBasis: '默认同意构成', defaultsByDepartment: '各部门默认同意', defaultList: '{month} 默认同意清单', allBases: '全部',
    recordedAt: '记录时间', basis: '类型', decision: '意见', approve: '同意',
    basis_timeout: '超时默认', basis_inaction: '不作为默认', basis_unsigned: '未签收默认', basis_absence: '缺席默认',
    accountabilityByDepartment: '各部门问责记录', accountabilityList: '{month} 问责记录',
    groupBy_department: '按部门', groupBy_region: '按地区', groupBy_level: '按层级', groupBy_item: '按事项',
    ratesChart: '办结率 / 按期办结率 / 满意率（{group}）', bottleneckChart: '堵点：最慢的部门与事项（工作日）', statisticsTable: '统计表（{group}）',
    bottleneckTable: '堵点分析', total: '合计',
    accepted: '受理', finished: '办结', open: '在办', finishRate: '办结率', onTimeRate: '按期办结率', instantRate: '即办率', speedUpRate: '提速率',
    ratingRate: '评价率', satisfactionRate: '满意率', defaultsTotal: '默认同意', averageCaseDays: '平均用时',
    completed: '已办', averageDays: '平均用时', p90Days: 'P90 用时', lateRate: '超期率', pendingOverdue: '在办超期',
    unit_department: '部门', unit_window: '窗口', unit_staff: '工作人员',
    rule_dissatisfied: '不满意评价', 'rule_rating-rate': '评价率未达标', rule_accountability: '问责记录',
    scoreChart: '{month} {unit}得分', ranking: '{unit}排名', rank: '名次', score: '得分', star: '服务明星', last: '末位',
    casesSettled: '办件数', deductions: '扣分',
    verifications: '{month} 差评核查', ratedAt: '评价时间', rating: '评价', comment: '评价内容', verificationState: '核查状态', outcome: '核查结论',
    state_pending: '待核查', 'state_in-progress': '核查中', state_concluded: '已办结', 'state_not-required': '无需核查', redCount: '红灯 {n} 次',
    level_province: '省级', level_city: '市级', level_county: '县级', level_township: '乡镇级',
    menuOverview: '预警总览', menuDefaults: '默认同意', menuAccountability: '问责记录', menuStatistics: '统计分析', menuScores: '月度考评', menuProjects: '重点项目', menuWorkOrders: '12345工单',
    projects: '建设项目', projectName: '项目名称', registeredAt: '登记时间', keyProject: '重点项目', markKey: '列为重点项目',
    markKeyTitle: '将“{name}”列为重点项目', markKeyHint: '项目的在办案件全部进入绿色通道：时限压缩、各部门优先办理。可指定帮办人员（工作人员账号 ID，可不填）。',
    helperId: '帮办人员（可选，输入姓名或部门查找）', windowStaff: '窗口', keyDone: '“{name}”已列为重点项目，{n} 件在办案件进入绿色通道',
    case_running: '在办', case_completed: '办结', case_returned: '退办', case_cancelled: '撤回',
  },
  en: {
    month: 'Month', region: 'Region', allRegions: 'All regions', department: 'Department', allDepartments: 'All departments',
    downloadCsv: 'CSV', downloadXlsx: 'Excel',
    red: 'Red', yellow: 'Yellow', noDepartment: '(no department)', updatedAt: 'Data as of {at}', loading: 'Loading…', refresh: 'Refresh',
    redTasks: 'Red steps', yellowTasks: 'Yellow steps', redCases: 'Overdue cases', yellowCases: 'Cases near limit',
    monthDefaults: 'Default consents {month}', monthAccountability: 'Accountability {month}',
    lightsByDepartment: 'Lights by department', lightsByRegion: 'Lights by region (steps and cases)', allLights: 'All', overdueOnly: 'Overdue (red)', nearOnly: 'Near limit (yellow)',
    taskWarnings: 'Department steps', caseWarnings: 'Case promised limits',
    overdueDays: '{n} working days over', remainingDays: '{n} working days left',
    light: 'Light', caseNumber: 'Case no.', item: 'Item', level: 'Level', status: 'Status', unsigned: 'Unsigned', signed: 'Signed',
    limit: 'Limit', days: 'Working days', action: 'Action', promisedLimit: 'Promised limit',
    green: 'Green channel', greenAction: 'Green channel', greenTitle: 'Put case {caseNumber} on the green channel', greenConfirm: 'Put on green channel', cancel: 'Cancel',
    greenHint: 'Its limits are compressed and it comes first in every inbox. Give the reason (e.g. a city key project).', greenReason: 'Reason', greenDone: 'Case {caseNumber} is on the green channel',
    defaultsByBasis: 'Default consents by basis', defaultsByDepartment: 'Default consents by department', defaultList: 'Default consents {month}', allBases: 'All',
    recordedAt: 'Recorded', basis: 'Basis', decision: 'Opinion', approve: 'Approve',
    basis_timeout: 'Timeout', basis_inaction: 'Inaction', basis_unsigned: 'Not signed for', basis_absence: 'Absent from meeting',
    accountabilityByDepartment: 'Accountability by department', accountabilityList: 'Accountability records {month}',
    groupBy_department: 'By department', groupBy_region: 'By region', groupBy_level: 'By level', groupBy_item: 'By item',
    ratesChart: 'Finish / on-time / satisfaction rate ({group})', bottleneckChart: 'Bottlenecks: slowest department and item (working days)', statisticsTable: 'Statistics ({group})',
    bottleneckTable: 'Bottlenecks', total: 'Total',
    accepted: 'Accepted', finished: 'Finished', open: 'Open', finishRate: 'Finish rate', onTimeRate: 'On-time rate', instantRate: 'Instant rate', speedUpRate: 'Speed-up rate',
    ratingRate: 'Rating rate', satisfactionRate: 'Satisfaction', defaultsTotal: 'Defaults', averageCaseDays: 'Avg. days',
    completed: 'Done', averageDays: 'Avg. days', p90Days: 'P90 days', lateRate: 'Late rate', pendingOverdue: 'Open, overdue',
    unit_department: 'Departments', unit_window: 'Windows', unit_staff: 'Staff',
    rule_dissatisfied: 'Dissatisfied rating', 'rule_rating-rate': 'Rating rate below target', rule_accountability: 'Accountability record',
    scoreChart: '{unit} scores {month}', ranking: '{unit} ranking', rank: 'Rank', score: 'Score', star: 'Service star', last: 'Last',
    casesSettled: 'Cases', deductions: 'Deducted',
    verifications: 'Complaint verifications {month}', ratedAt: 'Rated', rating: 'Rating', comment: 'Comment', verificationState: 'Verification', outcome: 'Outcome',
    state_pending: 'Pending', 'state_in-progress': 'In progress', state_concluded: 'Concluded', 'state_not-required': 'Not required', redCount: '{n} red lights',
    level_province: 'Province', level_city: 'City', level_county: 'County', level_township: 'Township',
    menuOverview: 'Warnings', menuDefaults: 'Default consents', menuAccountability: 'Accountability', menuStatistics: 'Statistics', menuScores: 'Monthly scores', menuProjects: 'Key projects', menuWorkOrders: '12345 orders',
    projects: 'Construction projects', projectName: 'Project', registeredAt: 'Registered', keyProject: 'Key project', markKey: 'Mark as key project',
    markKeyTitle: 'Mark “{name}” as a key project', markKeyHint: 'Every running case of the project goes on the green channel: compressed limits, first in every inbox. A helper (staff user id) may be named.',
    helperId: 'Helper (optional: type a name or department)', windowStaff: ' window', keyDone: '“{name}” is a key project; {n} running cases are on the green channel',
    case_running: 'Running', case_completed: 'Completed', case_returned: 'Returned', case_cancelled: 'Cancelled',
  },
});

type T = (key: keyof typeof messages.zh, vars?: Record<string, string | number>) => string;

/** 县级 / County; the raw value when unknown, a dash when none. */
export function levelName(t: T, level: string | null): string {
  if (!level) return '—';
  const key = `level_${level}` as keyof typeof messages.zh;
  return key in messages.zh ? t(key) : level;
}

/** 在办 / Running; the raw status when unknown. */
export function caseStatus(t: T, status: string): string {
  const key = `case_${status}` as keyof typeof messages.zh;
  return key in messages.zh ? t(key) : status;
}

export function basisNames(t: T): Record<Basis, string> {
  return { timeout: t('basis_timeout'), inaction: t('basis_inaction'), unsigned: t('basis_unsigned'), absence: t('basis_absence') };
}
