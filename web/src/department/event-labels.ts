/** Names of timeline events (case_events.type) in both languages; unknown types show as they are. */
import type { Locale } from '../shared/i18n.tsx';

const LABELS: Record<string, { zh: string; en: string }> = {
  applied: { zh: '提交申请', en: 'Applied' },
  'green-channel': { zh: '进入绿色通道', en: 'Green channel' },
  accepted: { zh: '窗口受理', en: 'Accepted' },
  'accepted-with-missing-materials': { zh: '容缺受理', en: 'Accepted with materials owed' },
  signed: { zh: '部门签收', en: 'Signed for' },
  opinion: { zh: '出具意见', en: 'Opinion' },
  'default-consent': { zh: '默认同意', en: 'Default consent' },
  'review-concluded': { zh: '并联审查结束', en: 'Joint review concluded' },
  'meeting-scheduled': { zh: '安排联审会', en: 'Meeting scheduled' },
  'meeting-rescheduled': { zh: '联审会改期', en: 'Meeting rescheduled' },
  'meeting-closed': { zh: '联审会结束', en: 'Meeting closed' },
  'task-completed': { zh: '环节办结', en: 'Step completed' },
  paused: { zh: '计时暂停', en: 'Clock paused' },
  resumed: { zh: '恢复计时', en: 'Clock resumed' },
  completed: { zh: '办结', en: 'Completed' },
  returned: { zh: '退回', en: 'Returned' },
  cancelled: { zh: '撤回', en: 'Withdrawn' },
  'materials-supplied': { zh: '补交材料', en: 'Materials supplied' },
  'materials-overdue': { zh: '容缺材料逾期', en: 'Owed materials overdue' },
};

const DECISIONS: Record<string, { zh: string; en: string }> = {
  approve: { zh: '同意', en: 'approve' }, reject: { zh: '不同意', en: 'reject' }, supplement: { zh: '需补正', en: 'supplement' },
};

export function eventLabel(type: string, payload: Record<string, unknown>, locale: Locale): string {
  const base = LABELS[type]?.[locale] ?? type;
  const decision = typeof payload.decision === 'string' ? DECISIONS[payload.decision]?.[locale] : undefined;
  return decision && (type === 'opinion' || type === 'default-consent') ? `${base}（${decision}）` : base;
}
