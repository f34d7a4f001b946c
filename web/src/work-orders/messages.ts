/** Every visible string of the 12345 work-order screens, zh-CN first. */
import { defineMessages } from '../shared/i18n.tsx';

export const messages = defineMessages({
  zh: {
    title: '12345工单', register: '登记工单', orderNumber: '工单编号', stage: '环节', handling: '承办单位', handleDue: '办理时限',
    registeredAt: '登记时间', dueAt: '办结时限', endedAt: '办结时间', none: '—', empty: '暂无工单', loadFailed: '加载失败：{message}',
    filter_running: '办理中', filter_completed: '已办结', filter_all: '全部',
    stage_dispatch: '待派单', stage_handle: '办理中', stage_callback: '待回访', stage_supervise: '督办中', stage_closed: '已办结',
    signedTag: '已签收', unsignedTag: '待签收', supervisedTag: '督办', escalatedTag: '已升级督办', urgedTag: '催办 {n} 次', dutyTag: '已转值班人员',
    caller: '来电登记号', coordinator: '首接负责单位', history: '办理经过',
    ev_registered: '热线登记工单', ev_routed: '派单至 {department}', ev_returned: '{department} 退回：{reason}', ev_answered: '{department} 答复',
    ev_closedAtOnce: '热线即时答复办结', ev_callback: '回访评价：{rating}', ev_supervised: '督办结束',
    rating_satisfied: '满意', rating_unsatisfied: '不满意',
    route: '派单', close: '即时答复办结', sign: '签收', return: '退回', answer: '答复', callback: '回访评价', supervise: '督办结束',
    department: '承办单位', departmentRequired: '请选择承办单位', departmentSearch: '输入名称查找',
    instructions: '诉求内容与办理要求', instructionsRequired: '请填写诉求内容与办理要求',
    answerText: '答复内容', answerRequired: '请填写答复内容', reason: '退回理由', reasonRequired: '请选择退回理由（只能从固定理由中选择）',
    comment: '说明', returnNote: '只能在签收前、签收时限内退回，理由须从固定清单中选择并说明情况。',
    rating: '来电人评价', ratingRequired: '请选择来电人评价', conclusion: '督办结论', conclusionRequired: '请填写督办结论',
    urgent: '紧急工单', urgentNote: '非工作时间登记的紧急工单即时转值班人员。', materials: '随来电收到的材料', callerRef: '来电登记号（可选）',
    callerRefPattern: '只能是字母、数字、_ . -（至多 64 个）',
    submit: '提交', cancel: '取消', done: '已办理', actionFailed: '操作失败：{message}', registered: '工单已登记：{caseNumber}',
    open: '查看', back: '返回列表', liveHint: '工单随办理进展自动刷新',
  },
  en: {
    title: '12345 work orders', register: 'Register order', orderNumber: 'Order no.', stage: 'Stage', handling: 'Handled by', handleDue: 'Handling limit',
    registeredAt: 'Registered', dueAt: 'Due', endedAt: 'Closed', none: '—', empty: 'No work orders', loadFailed: 'Could not load: {message}',
    filter_running: 'Open', filter_completed: 'Closed', filter_all: 'All',
    stage_dispatch: 'To dispatch', stage_handle: 'Being handled', stage_callback: 'To call back', stage_supervise: 'Supervised', stage_closed: 'Closed',
    signedTag: 'Signed for', unsignedTag: 'Not signed for', supervisedTag: 'Supervised', escalatedTag: 'Escalated', urgedTag: 'Urged {n}×', dutyTag: 'Duty officer alerted',
    caller: 'Call reference', coordinator: 'First-receiving department', history: 'History',
    ev_registered: 'Registered by the hotline', ev_routed: 'Dispatched to {department}', ev_returned: 'Returned by {department}: {reason}', ev_answered: 'Answered by {department}',
    ev_closedAtOnce: 'Answered at once by the hotline', ev_callback: 'Call back: {rating}', ev_supervised: 'Supervision concluded',
    rating_satisfied: 'Satisfied', rating_unsatisfied: 'Unsatisfied',
    route: 'Dispatch', close: 'Answer at once', sign: 'Sign for', return: 'Return', answer: 'Answer', callback: 'Record call back', supervise: 'Conclude supervision',
    department: 'Department', departmentRequired: 'Choose a department', departmentSearch: 'Type to search',
    instructions: 'Request and instructions', instructionsRequired: 'Describe the request and what is expected',
    answerText: 'Answer', answerRequired: 'Write the answer', reason: 'Reason for returning', reasonRequired: 'Choose a reason (only the fixed list)',
    comment: 'Comment', returnNote: 'Only before signing for it, within the sign-for limit, for a reason from the fixed list, explained.',
    rating: 'Caller\'s rating', ratingRequired: 'Choose the caller\'s rating', conclusion: 'Conclusion', conclusionRequired: 'Write the conclusion',
    urgent: 'Urgent', urgentNote: 'Out of office hours an urgent order goes to the duty officer at once.', materials: 'Received with the call', callerRef: 'Call reference (optional)',
    callerRefPattern: 'Letters, digits, _ . - only (at most 64)',
    submit: 'Submit', cancel: 'Cancel', done: 'Done', actionFailed: 'Failed: {message}', registered: 'Order registered: {caseNumber}',
    open: 'Open', back: 'Back to the list', liveHint: 'Orders refresh as they move on',
  },
});

export type MessageKey = keyof typeof messages.zh;
