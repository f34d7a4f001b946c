// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseTimeline } from '../../../web/src/enterprise/tracking/CaseTimeline.tsx';
import type { CaseProgress, DepartmentProgress, MeetingProgress } from '../../../web/src/enterprise/types.ts';
import { LocaleProvider } from '../../../web/src/shared/i18n.tsx';

afterEach(cleanup);

function department(over: Partial<DepartmentProgress>): DepartmentProgress {
  return {
    taskId: over.departmentId ?? 't', elementId: 'jointReview', round: 1, departmentId: '990121:x', departmentName: '某部门', state: 'signed', basis: null,
    signedAt: null, completedAt: null, signDueAt: null, dueAt: '2026-03-13T15:59:59.999Z', light: 'none', remainingWorkingDays: 5, late: false, overdueWorkingDays: 0,
    reasons: [], conditions: [], materials: [], ...over,
  };
}

// 施工许可 in joint review: six departments in the order they received the case, each in another state.
const progress: CaseProgress = {
  caseId: 'c1', caseNumber: '20260302000001', itemCode: '010030001000', itemName: '企业投资建设项目施工许可', status: 'running', form: 'joint', green: false,
  acceptedAt: '2026-03-02T01:10:00.000Z', dueAt: '2026-03-20T15:59:59.999Z', pausedAt: null, pauseReason: null, endedAt: null,
  light: 'yellow', remainingWorkingDays: 2, late: false, overdueWorkingDays: 0,
  holders: [{ taskId: 'a', kind: 'review', departmentId: '990121:zj', departmentName: '东阳县住房和城乡建设局' }, { taskId: 'b', kind: 'review', departmentId: '990121:xf', departmentName: '东阳县消防救援大队' }],
  departments: [
    department({ taskId: 'a', departmentId: '990121:zj', departmentName: '东阳县住房和城乡建设局', state: 'signed', light: 'yellow', remainingWorkingDays: 1 }),
    department({ taskId: 'b', departmentId: '990121:xf', departmentName: '东阳县消防救援大队', state: 'awaiting-sign', light: 'red', remainingWorkingDays: 0, late: true, overdueWorkingDays: 2 }),
    department({ taskId: 'c', departmentId: '990121:zrzy', departmentName: '东阳县自然资源和规划局', state: 'approved', light: 'none', completedAt: '2026-03-03T02:00:00.000Z', remainingWorkingDays: null }),
    department({ taskId: 'd', departmentId: '990121:rf', departmentName: '东阳县人民防空办公室', state: 'default-approved', basis: 'timeout', light: 'none', completedAt: '2026-03-10T16:00:00.000Z', remainingWorkingDays: null }),
    department({ taskId: 'e', departmentId: '990121:sthj', departmentName: '东阳县生态环境分局', state: 'supplement', light: 'none', completedAt: '2026-03-04T02:00:00.000Z', materials: ['环评批复'], remainingWorkingDays: null }),
    department({ taskId: 'f', departmentId: '990121:sw', departmentName: '东阳县水务局', state: 'reviewing', light: 'none', remainingWorkingDays: 7 }),
    department({ taskId: 'g', departmentId: '990100:fgw', departmentName: '临川市发展和改革委员会', state: 'awaiting-sign', light: 'red', remainingWorkingDays: 0, late: true, overdueWorkingDays: 0 }),
  ],
  supplementRequest: null,
  meetings: [],
  prediction: { state: 'predicted', basis: 'history', promisedDate: '2026-03-20T15:59:59.999Z', p50: { date: '2026-03-17T15:59:59.999Z', remainingWorkingDays: 3 }, p90: { date: '2026-03-24T15:59:59.999Z', remainingWorkingDays: 6 }, p90BeyondPromised: true },
};

function renderTimeline(p: CaseProgress, locale: 'zh' | 'en' = 'zh') {
  return render(<LocaleProvider locale={locale}><MemoryRouter><CaseTimeline progress={p} /></MemoryRouter></LocaleProvider>);
}

describe('CaseTimeline', () => {
  it("lists every department in the order it received the case, with its state, countdown and light", () => {
    renderTimeline(progress);
    const rows = screen.getAllByTestId('department-row');
    expect(rows.map((r) => r.getAttribute('data-department'))).toEqual(['990121:zj', '990121:xf', '990121:zrzy', '990121:rf', '990121:sthj', '990121:sw', '990100:fgw']);
    expect(rows.map((r) => within(r).getByTestId('department-state').textContent)).toEqual(['已签收，审查中', '待签收', '同意', '默认同意', '要求补正', '审查中', '待签收']);
    expect(rows.map((r) => r.querySelector('[data-light]')?.getAttribute('data-light') ?? null)).toEqual(['yellow', 'red', null, null, null, null, 'red']);
    expect(within(rows[0]!).getByTestId('department-countdown').textContent).toBe('剩余 1 个工作日');
    expect(within(rows[1]!).getByTestId('department-countdown').textContent).toBe('已超期 2 个工作日');
    expect(within(rows[1]!).getByText('红灯')).toBeTruthy();
    expect(within(rows[5]!).getByTestId('department-countdown').textContent).toBe('剩余 7 个工作日');
    // Late by less than a working day: no "0 days left" under a red light.
    expect(within(rows[6]!).getByTestId('department-countdown').textContent).toBe('已超时');
    // A finished department shows when it finished, not a countdown; a default approval names its rule.
    expect(within(rows[2]!).queryByTestId('department-countdown')).toBeNull();
    expect(within(rows[2]!).getByText(/办结于 2026\/03\/03 10:00/)).toBeTruthy();
    expect(within(rows[3]!).getByText('超时默认')).toBeTruthy();
  });

  it("shows who holds the case, the case's own countdown and light, and the predicted completion date", () => {
    renderTimeline(progress);
    expect(screen.getByTestId('case-holders').textContent).toBe('当前办理：东阳县住房和城乡建设局 审查、东阳县消防救援大队 审查');
    const countdown = screen.getByTestId('case-countdown');
    expect(countdown.textContent).toContain('承诺办结：2026/03/20');
    expect(countdown.textContent).toContain('剩余 2 个工作日');
    expect(countdown.querySelector('[data-light]')?.getAttribute('data-light')).toBe('yellow');
    expect(screen.getByTestId('predicted-date').textContent).toBe('2026/03/17（较慢时 2026/03/24）');
    expect(screen.getByText('可能晚于承诺时限')).toBeTruthy();
  });

  it('speaks English on the toggle', () => {
    renderTimeline(progress, 'en');
    const rows = screen.getAllByTestId('department-row');
    expect(within(rows[3]!).getByTestId('department-state').textContent).toBe('Approved by default');
    expect(within(rows[1]!).getByTestId('department-countdown').textContent).toBe('2 working days overdue');
  });

  it('shows the 联审会 with its invitees, and once held its decision, who attended and the absentee counted as agreeing (缺席默认)', () => {
    const invitees = [
      { departmentId: '990121:zj', departmentName: '东阳县住房和城乡建设局' }, { departmentId: '990121:rf', departmentName: '东阳县人民防空办公室' },
      { departmentId: '990121:xf', departmentName: '东阳县消防救援大队' },
    ];
    const meeting: MeetingProgress = {
      taskId: 'm', leadId: '990121:zj', leadName: '东阳县住房和城乡建设局', scheduledAt: '2026-03-11T06:30:00.000Z', place: '三楼联审会议室',
      status: 'scheduled', decision: null, closedAt: null, attendance: invitees.map((i) => ({ ...i, present: null, absenceDefault: false })),
    };
    renderTimeline({ ...progress, meetings: [meeting] });
    let row = screen.getByTestId('meeting-row');
    expect(row.textContent).toContain('已安排');
    expect(row.textContent).toContain('2026/03/11 14:30');
    expect(row.textContent).toContain('三楼联审会议室');
    expect(row.textContent).toContain('主持：东阳县住房和城乡建设局');
    expect(row.textContent).not.toContain('会议决定');
    expect(within(row).getAllByTestId('meeting-attendee').map((a) => a.textContent)).toEqual(invitees.map((i) => i.departmentName));
    cleanup();

    renderTimeline({ ...progress, meetings: [{
      ...meeting, status: 'closed', decision: 'approved', closedAt: '2026-03-11T08:00:00.000Z',
      attendance: [
        { ...invitees[0]!, present: true, absenceDefault: false }, { ...invitees[1]!, present: false, absenceDefault: true },
        { ...invitees[2]!, present: false, absenceDefault: false },
      ],
    }] });
    row = screen.getByTestId('meeting-row');
    expect(row.getAttribute('data-status')).toBe('closed');
    expect(row.textContent).toContain('已召开');
    expect(row.textContent).toContain('会议决定：同意');
    expect(within(row).getAllByTestId('meeting-attendee').map((a) => a.textContent)).toEqual([
      '东阳县住房和城乡建设局 · 出席', '东阳县人民防空办公室 · 缺席默认：视为同意会议决定', '东阳县消防救援大队 · 缺席',
    ]);
  });

  it('shows no meeting section for a case without a 联审会', () => {
    renderTimeline(progress);
    expect(screen.queryByTestId('meeting-row')).toBeNull();
    expect(screen.queryByText('联审会')).toBeNull();
  });

  it('shows an ended case without countdowns or prediction, and a case not yet with the departments', () => {
    renderTimeline({ ...progress, status: 'completed', endedAt: '2026-03-19T07:00:00.000Z', light: 'none', departments: [], holders: [], prediction: null });
    expect(screen.queryByTestId('case-countdown')).toBeNull();
    expect(screen.getByText('已办结')).toBeTruthy();
    expect(screen.getByText('尚未进入部门审查')).toBeTruthy();
  });
});
