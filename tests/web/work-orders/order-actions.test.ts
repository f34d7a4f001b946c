import { describe, expect, it } from 'vitest';
import { orderActions } from '../../../web/src/work-orders/order-actions.ts';
import { orderHistory } from '../../../web/src/work-orders/order-history.ts';
import type { WorkOrder, WorkOrderSummary } from '../../../web/src/work-orders/types.ts';

const XF = '990121:xf';
const ZJ = '990121:zj';
const order = (o: Partial<WorkOrderSummary>) => ({ status: 'running', stage: 'dispatch', handlingDepartmentId: null, handleSigned: null, returnable: false, supervised: false, ...o } as const);
const window = { role: 'window', departmentId: null };
const xf = { role: 'reviewer', departmentId: XF };
const zjLead = { role: 'lead', departmentId: ZJ };
const supervisor = { role: 'supervisor', departmentId: null };

describe('what a user may do with a 12345 work order', () => {
  it('lets the hotline dispatch or answer at once an order waiting for 派单, and nobody else', () => {
    const waiting = order({ stage: 'dispatch' });
    expect(orderActions(waiting, window)).toEqual(['route', 'close']);
    for (const user of [xf, zjLead, supervisor]) expect(orderActions(waiting, user)).toEqual([]);
  });

  it('lets only the department it is routed to sign for or return it, then answer it once signed', () => {
    const routed = order({ stage: 'handle', handlingDepartmentId: XF, handleSigned: false, returnable: true });
    expect(orderActions(routed, xf)).toEqual(['sign', 'return']);
    // past the sign-for limit it can only be signed for and handled
    expect(orderActions({ ...routed, returnable: false }, xf)).toEqual(['sign']);
    expect(orderActions(routed, zjLead)).toEqual([]);
    expect(orderActions(routed, window)).toEqual([]);
    expect(orderActions({ ...routed, handleSigned: true }, xf)).toEqual(['answer']);
    expect(orderActions({ ...routed, handleSigned: true }, { role: 'reviewer', departmentId: null })).toEqual([]);
  });

  it('lets the hotline record the call back once the department answered', () => {
    expect(orderActions(order({ stage: 'callback' }), window)).toEqual(['callback']);
    expect(orderActions(order({ stage: 'callback' }), xf)).toEqual([]);
  });

  it('lets a supervisor conclude the 督办 of an escalated order, beside the handling', () => {
    expect(orderActions(order({ stage: 'handle', handlingDepartmentId: XF, handleSigned: true, supervised: true }), supervisor)).toEqual(['supervise']);
    expect(orderActions(order({ stage: 'handle', handlingDepartmentId: XF, handleSigned: true }), supervisor)).toEqual([]);
  });

  it('offers nothing on a closed order, nor to roles without a part in it', () => {
    const closed = order({ status: 'completed', stage: 'closed', supervised: true });
    for (const user of [window, xf, supervisor]) expect(orderActions(closed, user)).toEqual([]);
    for (const role of ['applicant', 'designer', 'admin']) expect(orderActions(order({ stage: 'dispatch' }), { role, departmentId: null })).toEqual([]);
  });
});

describe('the 办理经过 of a work order', () => {
  it('lists registration, routings, returns, the answer and the call back in time order, departments by name', () => {
    const o = {
      createdAt: '2026-03-02T01:00:00.000Z',
      departmentNames: { [ZJ]: '东阳县住房和城乡建设局', [XF]: '东阳县消防救援支队' },
      routings: [
        { departmentId: ZJ, instructions: '请核查夜间施工噪音。', at: '2026-03-02T01:05:00.000Z' },
        { departmentId: XF, instructions: '请核查消防通道。', at: '2026-03-02T02:00:00.000Z' },
      ],
      returns: [{ departmentId: ZJ, reason: 'outside-jurisdiction', reasonText: '不属于本单位职责范围', comment: '由生态环境部门监管', at: '2026-03-02T01:30:00.000Z' }],
      answer: { departmentId: XF, text: '已责令清理消防通道。', at: '2026-03-03T01:00:00.000Z' },
      callback: { rating: 'satisfied', comment: null, at: '2026-03-03T02:00:00.000Z' },
      supervision: null,
    } as unknown as WorkOrder;
    expect(orderHistory(o)).toEqual([
      { kind: 'registered', at: '2026-03-02T01:00:00.000Z' },
      { kind: 'routed', at: '2026-03-02T01:05:00.000Z', department: '东阳县住房和城乡建设局', text: '请核查夜间施工噪音。' },
      { kind: 'returned', at: '2026-03-02T01:30:00.000Z', department: '东阳县住房和城乡建设局', reason: '不属于本单位职责范围', text: '由生态环境部门监管' },
      { kind: 'routed', at: '2026-03-02T02:00:00.000Z', department: '东阳县消防救援支队', text: '请核查消防通道。' },
      { kind: 'answered', at: '2026-03-03T01:00:00.000Z', department: '东阳县消防救援支队', text: '已责令清理消防通道。' },
      { kind: 'callback', at: '2026-03-03T02:00:00.000Z', rating: 'satisfied', text: null },
    ]);
  });

  it('keeps a return between its routing and the next one when they share an instant', () => {
    const at = '2026-03-02T01:00:00.000Z';
    const o = {
      createdAt: at, departmentNames: {}, answer: { departmentId: XF, text: '已处理。', at }, callback: null, supervision: null,
      routings: [{ departmentId: ZJ, instructions: null, at }, { departmentId: XF, instructions: null, at }],
      returns: [{ departmentId: ZJ, reason: 'too-vague', reasonText: '诉求内容不清、无法办理', comment: null, at }],
    } as unknown as WorkOrder;
    expect(orderHistory(o).map((s) => [s.kind, 'department' in s ? s.department : ''])).toEqual([
      ['registered', ''], ['routed', ZJ], ['returned', ZJ], ['routed', XF], ['answered', XF],
    ]);
  });

  it('shows the hotline\'s own answer as 即时答复办结', () => {
    const o = { createdAt: '2026-03-02T01:00:00.000Z', departmentNames: {}, routings: [], returns: [], answer: { departmentId: null, text: '已告知办理地点。', at: '2026-03-02T01:03:00.000Z' }, callback: null, supervision: null } as unknown as WorkOrder;
    expect(orderHistory(o).map((s) => s.kind)).toEqual(['registered', 'closedAtOnce']);
  });
});
