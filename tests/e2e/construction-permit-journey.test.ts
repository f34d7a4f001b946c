/**
 * 企业投资建设项目施工许可 across every role, in Chromium, in one test: the enterprise applies
 * with its files; the window checks, accepts and prints the 受理通知书; eight departments work
 * in their workbench — seven sign for and approve, the city transport bureau signs and then stays
 * silent until its limit passes on the injectable clock (不作为默认); the lead holds the 联审会
 * with the civil air defence office absent (缺席默认) and issues the permit; the enterprise, whose
 * case page stays open in its own browser the whole time, sees every step arrive live and rates
 * the case; the supervisor sees both default consents, the 问责记录 and the monthly scores drop.
 * The notice's QR link opens the public lookup with the progress shown at once.
 * Screenshots: test-artifacts/e2e/journey-NN-*.png.
 */
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.ts';
import { qrMatrixFrom, readPdf } from '../support/pdf-reader.ts';
import { MONDAY_MORNING } from '../support/runtime-harness.ts';
import { describeInBrowser, launchBrowser, signIn, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';
import { expectDepartmentState, expectFollowing, expectHistory, markPage, stillSamePage } from './support/journey-live.ts';
import { atRest, shot } from './support/journey-screens.ts';
import { DEPARTMENTS, addDepartmentReviewers, department } from './support/journey-people.ts';
import { batchSign, departmentDesk, inboxRow, signAndApprove } from './support/journey-workbench.ts';

const PERMIT = '010030001000';
const PERMIT_NAME = '企业投资建设项目施工许可';
/** The nine essential materials, each handed in as a file. */
const FILES = ['CP01', 'CP02', 'CP03', 'CP04', 'CP05', 'CP06', 'CP07', 'CP08', 'CP09'];
const PDF = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
/** Six working days after the transport bureau signed for the case: its five-day limit has passed. */
const A_WEEK_LATER = '2026-03-10T09:00:00+08:00';
/** For what a screen shows after a reload or a live event (generous: two CPUs are shared). */
const SOON = { timeout: 20_000, interval: 100 };

describeInBrowser('the construction permit journey across roles in Chromium', () => {
  let app: E2eApp;
  let browser: E2eBrowser;

  beforeAll(async () => {
    // Monday morning by the server's clock; the cookie's Max-Age does not care that it is the past.
    app = await startE2eApp(MONDAY_MORNING);
    await addDepartmentReviewers(app);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes the permit from application to rating: every role in its own browser, the enterprise watching live', async () => {
    // (1) The enterprise applies online with the nine essential materials as files.
    const enterpriseContext = await browser.context();
    const ent = await enterpriseContext.newPage();
    ent.setDefaultTimeout(20_000);
    await signIn(ent, app.baseUrl, 'ent-east', PASSWORD);
    await ent.getByTestId(`catalogue-item-${PERMIT}`).getByRole('link', { name: PERMIT_NAME }).click();
    await ent.getByTestId('apply-button').click();
    await ent.getByTestId('apply-form').waitFor();
    for (const code of FILES) await upload(ent, `material-${code}`, `${code}.pdf`);
    await shot(ent, 'journey-01-enterprise-apply');
    await ent.getByTestId('submit-application').click();
    const card = ent.locator('[data-testid^="case-progress-"]');
    await card.waitFor();
    const caseNumber = (await card.getAttribute('data-testid'))!.replace('case-progress-', '');
    const caseId = (await card.getAttribute('data-case-id'))!;
    expect(new URL(ent.url()).pathname).toBe(`/enterprise/cases/${caseId}`);
    await expect(card.getByTestId('case-holders').textContent()).resolves.toBe('当前办理：窗口受理');
    // From here on this page is never reloaded: whatever it shows later came live.
    await markPage(ent);
    await shot(ent, 'journey-02-enterprise-applied');

    // (2) The window checks the uploaded materials, accepts, and prints the acceptance notice.
    const windowContext = await browser.context();
    const win = await windowContext.newPage();
    win.setDefaultTimeout(20_000);
    await signIn(win, app.baseUrl, 'window-east', PASSWORD);
    const queued = win.getByTestId(`queue-row-${caseNumber}`);
    await queued.waitFor();
    await shot(win, 'journey-03-window-queue');
    await queued.getByRole('button', { name: /审查受理/ }).click();
    await win.getByText(`受理审查 · ${caseNumber}`).waitFor();
    await expect(win.getByRole('link', { name: 'CP09.pdf' }).count()).resolves.toBe(1);
    await shot(win, 'journey-04-window-check');
    await win.getByTestId('accept').click();
    await win.getByTestId('acceptance-outcome').waitFor();
    const queryCode = (await win.getByTestId('query-code').textContent())!;
    expect(queryCode).toMatch(/^\d{6}$/);
    await shot(win, 'journey-05-window-accepted');

    const href = (await win.getByTestId('print-acceptance').getAttribute('href'))!;
    const notice = await windowContext.request.get(`${app.baseUrl}${href}`);
    expect(notice.status()).toBe(200);
    expect(notice.headers()['content-type']).toBe('application/pdf');
    const pdfBytes = await notice.body();
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = readPdf(pdfBytes);
    const pdfText = pdf.text.replace(/\n/g, '');
    expect(pdfText).toContain('受理通知书');
    expect(pdfText).toContain(caseNumber);
    expect(pdfText).toContain(`查询码：${queryCode}`);
    // The QR code is exactly the public lookup link of this case (opened at the end).
    const trackUrl = `${app.baseUrl}/track?caseNumber=${caseNumber}&queryCode=${queryCode}`;
    const qr = QRCode.create(trackUrl, { errorCorrectionLevel: 'M' }).modules;
    expect(qrMatrixFrom(pdf.rects)).toEqual(Array.from({ length: qr.size }, (_, r) => Array.from({ length: qr.size }, (_, c) => (qr.get(r, c) ? 1 : 0))));
    await windowContext.close();

    // The enterprise saw the acceptance: the query code, and every department waiting to sign.
    await ent.getByTestId('query-code').waitFor();
    await expect(ent.getByTestId('query-code').textContent()).resolves.toBe(queryCode);
    for (const d of DEPARTMENTS) await expectDepartmentState(ent, d.id, 'awaiting-sign');
    await expectHistory(ent, '窗口受理');
    await shot(ent, 'journey-06-enterprise-accepted');

    // (3) Seven departments sign for the case and approve it in their workbench, one after another;
    // the enterprise's page follows each one.
    const desk = await departmentDesk(browser, app.baseUrl);
    const approving = DEPARTMENTS.filter((d) => d.id !== department('jt').id);
    for (const [i, d] of approving.entries()) {
      const bench = await desk.signInAs(d.username);
      const conditions = d === department('xf') ? ['施工前落实消防车道和消防水源'] : d === department('sthj') ? ['施工期间落实扬尘和噪声污染防治措施'] : [];
      await signAndApprove(bench, caseNumber, {
        conditions,
        shots: i === 0 ? { inbox: 'journey-07-department-inbox' } : d === department('xf') ? { opinion: 'journey-08-department-opinion' } : {},
      });
      await expectDepartmentState(ent, d.id, 'approved');
    }
    // The city transport bureau signs for it in a batch … and then does nothing.
    const jt = department('jt');
    await batchSign(await desk.signInAs(jt.username), caseNumber, 'journey-09-department-batch-sign');
    await desk.signOut();
    await expectDepartmentState(ent, jt.id, 'signed');
    await expectHistory(ent, `部门出具意见 · ${department('xf').name} · 同意`);
    expect(await stillSamePage(ent)).toBe(true);
    await shot(ent, 'journey-10-enterprise-reviewing');

    // (4) A week passes. Sessions last 12 hours of the server's clock, and the server drops the
    // sockets of ended sessions (its minute sweep, run here at once): the enterprise's open page
    // loses its live feed until the enterprise signs in again — in another tab, so the page
    // itself is neither reloaded nor left, and must pick the case up again by itself.
    app.clock.set(A_WEEK_LATER);
    await app.realtime.dropEndedSessions();
    expect(socketsOf(app, 'ent-east')).toBe(0);
    const again = await enterpriseContext.newPage();
    await signIn(again, app.baseUrl, 'ent-east', PASSWORD);
    await again.close();
    await expectFollowing(app, 'ent-east', caseId);
    // The transport bureau's limit has passed: the due timer records it as approving by default.
    await app.runtime.runDueTimers();
    await expectDepartmentState(ent, jt.id, 'default-approved');
    await expectHistory(ent, `默认同意 · ${jt.name}`);
    expect(await stillSamePage(ent)).toBe(true);
    await shot(ent, 'journey-11-enterprise-default-consent');

    // (5) The lead (县住建) schedules the 联审会 and closes it; the civil air defence office was absent.
    const lead = await desk.signInAs(department('zj').username);
    const meetingRow = inboxRow(lead, caseNumber);
    await meetingRow.getByRole('button', { name: '安排联审会' }).click();
    const schedule = lead.getByRole('dialog');
    await schedule.waitFor();
    await atRest(lead);
    await schedule.getByLabel('会议时间').fill('2026-03-10T10:00');
    await schedule.getByLabel('会议地点').fill('东阳县政务服务中心三楼联审会议室');
    await shot(lead, 'journey-12-lead-schedule-meeting');
    await schedule.getByRole('button', { name: '安排联审会' }).click();
    await schedule.waitFor({ state: 'detached' });
    // The enterprise's open page shows the meeting coming, live: when, where, whom it invites.
    const entMeeting = ent.locator('[data-testid="meeting-row"][data-status="scheduled"]');
    await entMeeting.getByText('东阳县政务服务中心三楼联审会议室').waitFor();
    await expect(entMeeting.getByText('2026/03/10 10:00').count()).resolves.toBe(1);
    await expect(entMeeting.getByTestId('meeting-attendee').count()).resolves.toBe(8);
    await meetingRow.getByRole('button', { name: '召开联审会' }).click();
    const meetingCard = lead.getByTestId(`meeting-${caseNumber}`);
    // Before its time the meeting cannot be closed (no 考勤, no 缺席默认 for a meeting still to come)…
    await expect(meetingCard.getByRole('button', { name: '结束会议并记录考勤' }).isDisabled()).resolves.toBe(true);
    // …at 10:00 it is held, and the lead records it.
    app.clock.set('2026-03-10T10:00:00+08:00');
    await lead.reload();
    await meetingCard.getByRole('button', { name: '结束会议并记录考勤' }).click();
    const closing = lead.getByRole('dialog');
    await closing.waitFor();
    await atRest(lead);
    const rf = department('rf');
    await closing.getByLabel(rf.name).uncheck();
    await closing.locator('textarea').fill('同意核发施工许可证；人防办缺席，按缺席默认处理。');
    await shot(lead, 'journey-13-lead-close-meeting');
    await closing.getByRole('button', { name: '结束会议并记录考勤' }).click();
    await closing.waitFor({ state: 'detached' });
    await meetingCard.getByText('已结束').waitFor();
    await expect(meetingCard.getByText(`${rf.name} 缺席`).count()).resolves.toBe(1);
    await shot(lead, 'journey-14-lead-meeting-closed');
    await expectHistory(ent, '联审会结束');
    await expectHistory(ent, `默认同意 · ${rf.name}`);
    // …and, held, its decision and attendance: the absent 人防办 counted as agreeing (缺席默认).
    const held = ent.locator('[data-testid="meeting-row"][data-status="closed"]');
    await held.getByText('会议决定：同意').waitFor();
    await expect(held.locator(`[data-testid="meeting-attendee"][data-department="${rf.id}"]`).textContent())
      .resolves.toBe(`${rf.name} · 缺席默认：视为同意会议决定`);
    await expect(held.locator('[data-testid="meeting-attendee"][data-present="true"]').count()).resolves.toBe(7);
    await held.scrollIntoViewIfNeeded();
    await shot(ent, 'journey-14-enterprise-meeting-held');

    // (6) The lead issues the permit: the case ends, and the enterprise is asked to rate it.
    await lead.getByRole('link', { name: '待办' }).click();
    const permitRow = inboxRow(lead, caseNumber);
    await permitRow.getByRole('button', { name: '作出决定' }).click();
    const decide = lead.getByRole('dialog');
    await decide.waitFor();
    await atRest(lead);
    await decide.getByLabel('准予许可（办结）').check();
    await shot(lead, 'journey-15-lead-decide');
    await decide.getByRole('button', { name: '作出决定' }).click();
    await permitRow.waitFor({ state: 'detached' });
    await desk.close();
    await ent.getByTestId('rating-form').waitFor();
    await expectHistory(ent, '办结');
    expect(await stillSamePage(ent)).toBe(true);
    await shot(ent, 'journey-16-enterprise-completed');

    // (7) The supervisor sees the two default consents, their 问责记录, and the month's scores.
    const supervisorContext = await browser.context();
    const sup = await supervisorContext.newPage();
    sup.setDefaultTimeout(20_000);
    await signIn(sup, app.baseUrl, 'supervisor-city', PASSWORD);
    await sup.getByRole('link', { name: '默认同意' }).click();
    const defaults = sup.getByTestId('default-consents');
    await defaults.getByText(caseNumber).first().waitFor();
    await expect.poll(() => rowTexts(defaults, caseNumber), SOON).toEqual([
      expect.stringMatching(new RegExp(`${jt.name}.*不作为默认`)), expect.stringMatching(new RegExp(`${rf.name}.*缺席默认`)),
    ]);
    await shot(sup, 'journey-17-supervision-defaults');
    await sup.getByRole('link', { name: '问责记录' }).click();
    const records = sup.getByTestId('accountability');
    await records.getByText(caseNumber).first().waitFor();
    await expect(records.getByText(jt.name).count()).resolves.toBeGreaterThan(0);
    await expect(records.getByText(rf.name).count()).resolves.toBeGreaterThan(0);
    await shot(sup, 'journey-18-supervision-accountability');
    await sup.getByRole('link', { name: '月度考评' }).click();
    // Before the rating the case is not settled: only the two charged departments are scored.
    await expect.poll(() => scoreOf(sup, `department:${jt.id}`), SOON).toBe('99');
    await expect.poll(() => scoreOf(sup, `department:${rf.id}`), SOON).toBe('99');
    await shot(sup, 'journey-19-supervision-scores-before');

    // (8) The enterprise rates the case 不满意 (a department sat on it for a week).
    const complaint = '交通运输局签收后一周未出具意见，人防办未参加联审会';
    await ent.getByTestId('rating-levels').getByText('不满意', { exact: true }).click();
    await ent.getByTestId('rating-form').locator('textarea').fill(complaint);
    await shot(ent, 'journey-20-enterprise-rating');
    await ent.getByTestId('submit-rating').click();
    await expect(ent.getByTestId('rating-done').textContent()).resolves.toContain('不满意');
    // The 差评核查 it opened shows in the history too, like every step, in words.
    await expectHistory(ent, '差评核查开始');
    await expect(ent.getByTestId('case-events').textContent()).resolves.not.toMatch(/[a-z]{3,}/);
    expect(await stillSamePage(ent)).toBe(true);
    await shot(ent, 'journey-21-enterprise-rated');

    // (9) The scores change: −2 for the 不满意 on every department of the case and the window.
    await sup.reload();
    await expect.poll(() => scoreOf(sup, `department:${jt.id}`), SOON).toBe('97');
    await expect.poll(() => scoreOf(sup, `department:${rf.id}`), SOON).toBe('97');
    await expect.poll(() => scoreOf(sup, `department:${department('zj').id}`), SOON).toBe('98');
    // … and the 不满意 opened a 差评核查, with the enterprise's words.
    await sup.getByTestId('verifications').getByText(complaint).waitFor();
    await shot(sup, 'journey-22-supervision-scores-after');
    await sup.getByText('窗口', { exact: true }).click();
    await expect.poll(() => scoreOf(sup, 'window:990121'), SOON).toBe('98');
    // One window, so a shorter chart than the departments': its canvas shrinks with its box.
    await expect.poll(() => sup.getByTestId('chart').first().evaluate((box) => box.querySelector('canvas')!.clientHeight - box.clientHeight), SOON).toBe(0);
    await shot(sup, 'journey-23-supervision-window-scores');
    await supervisorContext.close();

    // (10) Anyone scanning the notice's QR code sees the progress at once, without signing in.
    const visitor = await (await browser.context({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await visitor.goto(trackUrl);
    await visitor.getByTestId('track-result').waitFor({ timeout: 20_000 });
    await expect(visitor.getByTestId('track-status').textContent()).resolves.toBe('已办结');
    await shot(visitor, 'journey-24-public-track-from-qr');
  }, 240_000);
});

function socketsOf(app: E2eApp, username: string): number {
  return [...app.realtime.io.of('/').sockets.values()].filter((s) => s.data.user?.username === username).length;
}

async function upload(page: Page, testId: string, fileName: string): Promise<void> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
  await page.getByTestId(testId).locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF(fileName) });
  expect((await answer).status()).toBe(201);
}

/** Texts of the table rows that mention the case. */
async function rowTexts(table: ReturnType<Page['getByTestId']>, caseNumber: string): Promise<string[]> {
  return (await table.locator('tbody tr').filter({ hasText: caseNumber }).allTextContents()).sort();
}

/** The score shown in the ranking for one unit ('' while it is not listed). */
async function scoreOf(page: Page, unitId: string): Promise<string> {
  const row = page.getByTestId('ranking').locator(`tr[data-row-key="${unitId}"]`);
  if (!(await row.count())) return '';
  return (await row.locator('td b').first().textContent()) ?? '';
}
