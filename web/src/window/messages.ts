/** Every visible string of the window desk, zh-CN first. */
import { defineMessages } from '../shared/i18n.tsx';

export const messages = defineMessages({
  zh: {
    queue: '待受理', cases: '办件', caseNumber: '申请编号', item: '事项', applicant: '申请人', appliedAt: '申请时间',
    materials: '材料', submittedOf: '{n}/{total} 份', green: '绿色通道', actions: '操作', check: '审查受理', emptyQueue: '暂无待受理申请',
    refresh: '刷新', loadFailed: '加载失败：{message}', actionFailed: '操作失败：{message}', back: '返回',
    checkTitle: '受理审查 · {caseNumber}', material: '材料名称', essential: '必要', optional: '非必要', uploaded: '上传文件',
    notUploaded: '未上传', declared: '已声明提交', verified: '核验齐全', rongque: '容缺', promisedBy: '承诺补交日期',
    rongqueHint: '绿色通道可对非必要材料容缺受理，须约定补交日期。', essentialMissing: '必要材料未齐：{names}。不能受理，请一次性告知后退回。',
    promisedRequired: '请为容缺材料填写承诺补交日期',
    accept: '受理', refuse: '不予受理（退回）', accepted: '已受理，受理编号 {caseNumber}', refused: '已退回，并生成一次性告知书',
    refuseTitle: '不予受理 · 一次性告知', reasons: '退回理由（逐条，一次性告知）', addReason: '添加理由', reasonsRequired: '至少写明一条理由',
    missingReason: '缺少：{name}', cancel: '取消', confirm: '确定',
    printAcceptance: '打印受理通知书', printMissing: '打印一次性告知书', queryCode: '查询码', dueAt: '承诺办结日期',
    status: '状态', kind_acceptance: '已受理', kind_refusal: '已退回', kind_pending: '待受理', notices: '通知书',
    promisedDays: '承诺时限', days: '{n} 个工作日',
  },
  en: {
    queue: 'To accept', cases: 'Cases', caseNumber: 'Case no.', item: 'Item', applicant: 'Applicant', appliedAt: 'Applied',
    materials: 'Materials', submittedOf: '{n} of {total}', green: 'Green channel', actions: 'Actions', check: 'Check', emptyQueue: 'No applications waiting',
    refresh: 'Refresh', loadFailed: 'Could not load: {message}', actionFailed: 'Failed: {message}', back: 'Back',
    checkTitle: 'Acceptance check · {caseNumber}', material: 'Material', essential: 'Essential', optional: 'Optional', uploaded: 'Uploaded files',
    notUploaded: 'Not uploaded', declared: 'Declared as handed in', verified: 'Complete', rongque: 'Owed', promisedBy: 'Promised by',
    rongqueHint: 'On the green channel optional materials may be owed, with a promised date.', essentialMissing: 'Essential materials missing: {names}. Refuse with a notice listing them.',
    promisedRequired: 'Enter the promised date of every owed material',
    accept: 'Accept', refuse: 'Refuse (return)', accepted: 'Accepted, case no. {caseNumber}', refused: 'Returned; the notice of missing materials is ready',
    refuseTitle: 'Refuse · notice of everything missing', reasons: 'Reasons (one per line, all at once)', addReason: 'Add reason', reasonsRequired: 'Give at least one reason',
    missingReason: 'Missing: {name}', cancel: 'Cancel', confirm: 'Confirm',
    printAcceptance: 'Print acceptance notice', printMissing: 'Print notice of missing materials', queryCode: 'Query code', dueAt: 'Promised by',
    status: 'Status', kind_acceptance: 'Accepted', kind_refusal: 'Returned', kind_pending: 'Waiting', notices: 'Notices',
    promisedDays: 'Promised limit', days: '{n} working days',
  },
});

export type MessageKey = keyof typeof messages.zh;
