/**
 * 12345 work orders in Chromium, each role in its own browser: the hotline (window) registers a
 * call and dispatches it (派单); the housing bureau returns it for a reason from the fixed list
 * (退回); the hotline, watching the same page, sees it come back live and dispatches it to the
 * fire brigade, which signs for it and answers from its inbox (签收, 办理); the hotline records the
 * caller's rating (回访) and the order closes. Then an order left unanswered past its limits is
 * escalated and a supervisor concludes the 督办 from the dashboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.ts';
import { MONDAY_MORNING } from '../support/runtime-harness.ts';
import { describeInBrowser, launchBrowser, screenshot, signIn, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';

const ZJ = '东阳县住房和城乡建设局';
const XF = '东阳县消防救援支队';
const SOON = { timeout: 20_000 };

describeInBrowser('12345 work orders in Chromium', () => {
  let app: E2eApp;
  let browser: E2eBrowser;
  beforeAll(async () => {
    app = await startE2eApp(MONDAY_MORNING);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const signedIn = async (username: string): Promise<Page> => {
    const page = await (await browser.context()).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, app.baseUrl, username, PASSWORD);
    return page;
  };
  const stage = (page: Page) => page.getByTestId('order-stage').first();
  const expectStage = async (page: Page, text: string) => {
    await page.getByTestId('order-stage').filter({ hasText: text }).first().waitFor(SOON);
  };
  const pick = async (page: Page, label: string, option: string, search?: string) => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label).click();
    if (search) await dialog.getByLabel(label).fill(search);
    await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  };
  const submitDialog = async (page: Page) => {
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'detached' });
  };

  it('runs an order from the call to the caller\'s rating across the hotline and two departments', async () => {
    const hotline = await signedIn('window-east');
    await hotline.getByRole('menuitem', { name: '12345工单' }).click();
    await hotline.getByTestId('register-order').click();
    const register = hotline.getByRole('dialog');
    await register.getByLabel('诉求人联系方式').check();
    await register.getByLabel('诉求内容').check();
    await register.getByLabel('来电登记号（可选）').fill('call-20260302-0001');
    await screenshot(hotline, 'work-orders-register');
    await register.getByRole('button', { name: /登记工单/ }).click();
    await hotline.waitForURL(/\/window\/work-orders\/[0-9a-f-]{36}$/);
    const orderId = hotline.url().split('/').pop()!;
    const caseNumber = (await hotline.getByTestId('order-number').textContent())!;
    await expectStage(hotline, '待派单');
    expect((await app.as('window-east').then((c) => c.get(`/api/work-orders/${orderId}`))).body).toMatchObject({ applicantId: 'caller:call-20260302-0001', stage: 'dispatch' });

    // 派单 to the housing bureau: the picker offers the county's departments and its townships'.
    await hotline.getByRole('button', { name: /派\s*单/ }).click();
    await pick(hotline, '承办单位', ZJ, '住房');
    await hotline.getByRole('dialog').getByLabel('诉求内容与办理要求').fill('来电反映城南小区工地夜间施工噪音扰民，请核查处理并答复来电人。');
    await screenshot(hotline, 'work-orders-route');
    await submitDialog(hotline);
    await expectStage(hotline, '办理中');
    await hotline.getByText(`派单至 ${ZJ}`).waitFor();

    // The housing bureau returns it: not its remit (a reason from the fixed list only).
    const zj = await signedIn('zj-east');
    await zj.getByRole('menuitem', { name: '12345工单' }).click();
    const zjRow = zj.getByTestId(`order-row-${caseNumber}`);
    await zjRow.waitFor();
    await expect(zjRow.textContent()).resolves.toContain('待签收');
    await zjRow.getByRole('link', { name: caseNumber }).click();
    await zj.getByText('来电反映城南小区工地夜间施工噪音扰民，请核查处理并答复来电人。').waitFor();
    await zj.getByTestId('order-actions').getByRole('button', { name: /退\s*回/ }).click();
    await pick(zj, '退回理由', '不属于本单位职责范围');
    await zj.getByRole('dialog').getByLabel('说明').fill('夜间施工噪音由生态环境部门监管');
    await screenshot(zj, 'work-orders-return');
    await submitDialog(zj);
    await expectStage(zj, '待派单');
    expect(await zj.getByTestId('order-actions').count()).toBe(0);

    // The hotline's page follows the order by itself: back at 派单, with the return in its history.
    await expectStage(hotline, '待派单');
    await hotline.getByText(`${ZJ} 退回：不属于本单位职责范围`).waitFor(SOON);
    await screenshot(hotline, 'work-orders-returned');
    await hotline.getByRole('button', { name: /派\s*单/ }).click();
    await pick(hotline, '承办单位', XF, '消防');
    await hotline.getByRole('dialog').getByLabel('诉求内容与办理要求').fill('请核查该工地消防通道占用情况并答复来电人。');
    await submitDialog(hotline);
    await expectStage(hotline, '办理中');

    // The fire brigade works from its inbox: sign for it, then answer (办理).
    const xf = await signedIn('xf-east');
    const row = xf.getByTestId(`inbox-row-${caseNumber}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('待签收');
    await row.getByRole('button', { name: /签\s*收/ }).click();
    await row.getByRole('button', { name: /办\s*理/ }).click();
    await xf.getByRole('dialog').getByLabel('答复内容').fill('已现场核查，责令施工单位当日清理消防通道，并告知来电人。');
    await screenshot(xf, 'work-orders-answer');
    await submitDialog(xf);
    await row.waitFor({ state: 'detached' });

    // 回访: the caller is satisfied; the order closes.
    await expectStage(hotline, '待回访');
    await hotline.getByText(`${XF} 答复`).waitFor();
    await hotline.getByRole('button', { name: /回访评价/ }).click();
    await hotline.getByRole('dialog').getByLabel('满意', { exact: true }).check();
    await submitDialog(hotline);
    await expectStage(hotline, '已办结');
    await hotline.getByText('回访评价：满意').waitFor();
    await screenshot(hotline, 'work-orders-closed');
    // One clock instant for every step here: the history still tells them in the order they happened.
    expect(await hotline.getByTestId('order-history').locator('strong').allTextContents()).toEqual([
      '热线登记工单', `派单至 ${ZJ}`, `${ZJ} 退回：不属于本单位职责范围`, `派单至 ${XF}`, `${XF} 答复`, '回访评价：满意',
    ]);

    const closed = (await (await app.as('window-east')).get(`/api/work-orders/${orderId}`)).body;
    expect(closed).toMatchObject({
      status: 'completed', coordinatorDepartmentId: '990121:zj', callback: { rating: 'satisfied' },
      answer: { departmentId: '990121:xf', text: '已现场核查，责令施工单位当日清理消防通道，并告知来电人。' },
      returns: [{ departmentId: '990121:zj', reason: 'outside-jurisdiction', comment: '夜间施工噪音由生态环境部门监管' }],
    });
    expect(closed.routings.map((r: { departmentId: string }) => r.departmentId)).toEqual(['990121:zj', '990121:xf']);
    expect(await stage(hotline).textContent()).toBe('已办结');
  }, 180_000);

  it('lets a supervisor conclude the 督办 of an order left unanswered past its limits', async () => {
    const window = await app.as('window-east');
    const created = (await window.post('/api/work-orders', { callerRef: 'call-20260302-0002' })).body;
    await window.post(`/api/work-orders/${created.id}/route`, { department: '990121:xf', instructions: '来电反映城关镇供水管网漏水，请尽快维修。' });
    await (await app.as('xf-east')).post(`/api/work-orders/${created.id}/sign`);
    // handling limit and two 催办 pass; ten more working days escalate it (as in the API's own test)
    app.clock.set('2026-03-30T09:00:00+08:00');
    await app.runtime.runDueTimers();

    const supervisor = await signedIn('supervisor-city');
    await supervisor.getByRole('menuitem', { name: '12345工单' }).click();
    const row = supervisor.getByTestId(`order-row-${created.caseNumber}`);
    await row.locator('.ant-tag', { hasText: '督办' }).waitFor();
    await row.getByRole('link', { name: created.caseNumber }).click();
    await supervisor.getByText('已升级督办').waitFor();
    await supervisor.getByText('催办 2 次').waitFor();
    await supervisor.getByTestId('order-actions').getByRole('button', { name: /督办结束/ }).click();
    await supervisor.getByRole('dialog').getByLabel('督办结论').fill('已约谈县消防救援支队，责令建立漏水报修快速响应机制。');
    await screenshot(supervisor, 'work-orders-supervise');
    await submitDialog(supervisor);
    await supervisor.getByTestId('order-actions').waitFor({ state: 'detached', ...SOON });
    await supervisor.getByTestId('order-history').getByText('督办结束', { exact: true }).waitFor();
    const after = (await (await app.as('supervisor-city')).get(`/api/work-orders/${created.id}`)).body;
    expect(after).toMatchObject({ supervised: false, supervision: { conclusion: '已约谈县消防救援支队，责令建立漏水报修快速响应机制。' } });
  }, 120_000);
});
