/**
 * 12345 work orders over HTTP. The hotline intake is the window role of its region: it registers
 * orders, dispatches them (派单) or answers at once (即时答复), and records the caller's rating on
 * the call back (回访). The department signs for (签收), returns for a fixed reason (退回) or
 * answers (答复). Timers remind, urge and escalate; a supervisor concludes the 督办.
 * Wrong roles get 403, other regions and uninvolved departments 404, malformed bodies 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM } from '../../support/runtime-harness.ts';

const EAST = '990121';
const WEST = '990122';

describe('12345 work orders', () => {
  let h: ApiHarness;
  const clients = new Map<string, ApiClient>();
  const as = (username: string) => clients.get(username)!;
  const signInAll = async () => {
    for (const username of ['ent-east', 'window-east', 'window-west', 'xf-east', 'xf-west', 'zj-east', 'sw-east', 'supervisor-city', 'supervisor-west', 'designer-city', 'admin']) {
      clients.set(username, await h.as(username));
    }
  };
  const eventCount = async () => (await h.db.pool.query('SELECT count(*)::int AS n FROM case_events')).rows[0].n as number;
  const register = async (body: Record<string, unknown> = {}) => {
    const res = await as('window-east').post('/api/work-orders', body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    await new UserStore(h.db.pool).create({
      id: 'u-sw-east', username: 'sw-east', passwordHash: await hashPassword(PASSWORD), displayName: 'sw-east', role: 'reviewer', regionCode: EAST, departmentId: `${EAST}:sw`,
    });
    await signInAll();
  });
  afterAll(async () => { await h.close(); });

  it('runs an order end to end: register, route, returned for a fixed reason, re-routed, signed, answered, called back', async () => {
    const window = as('window-east');
    const created = await window.post('/api/work-orders', { materials: ['WO01', 'WO02'], callerRef: 'call-20260302-0001' }, { 'idempotency-key': 'wo-register-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ regionCode: EAST, status: 'running', stage: 'dispatch', applicantId: 'caller:call-20260302-0001', dutyOfficerAlerted: false });
    expect(created.headers.get('location')).toBe(`/api/work-orders/${created.body.id}`);
    const id = created.body.id as string;
    const replay = await window.post('/api/work-orders', { materials: ['WO01', 'WO02'], callerRef: 'call-20260302-0001' }, { 'idempotency-key': 'wo-register-1' });
    expect(replay.body.id).toBe(id);

    const routed = await window.post(`/api/work-orders/${id}/route`, { department: `${EAST}:zj`, instructions: '来电反映城南小区施工夜间噪音扰民，请核查处理并答复。' });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ stage: 'handle', handlingDepartmentId: `${EAST}:zj`, handleSigned: false, coordinatorDepartmentId: `${EAST}:zj` });
    expect(routed.body.routings).toEqual([{ departmentId: `${EAST}:zj`, instructions: '来电反映城南小区施工夜间噪音扰民，请核查处理并答复。', at: expect.any(String) }]);

    const returned = await as('zj-east').post(`/api/work-orders/${id}/return`, { reason: 'outside-jurisdiction', comment: '夜间施工噪音由生态环境部门监管' });
    expect(returned.status).toBe(200);
    expect(returned.body.stage).toBe('dispatch');
    expect(returned.body.returns).toEqual([{ departmentId: `${EAST}:zj`, reason: 'outside-jurisdiction', reasonText: '不属于本单位职责范围', comment: '夜间施工噪音由生态环境部门监管', at: expect.any(String) }]);

    await window.post(`/api/work-orders/${id}/route`, { department: `${EAST}:xf`, instructions: '请核查施工现场消防通道占用情况。' });
    const xf = as('xf-east');
    const early = await xf.post(`/api/work-orders/${id}/answer`, { answer: '已处理' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('invalid_state');
    const signed = await xf.post(`/api/work-orders/${id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body.handleSigned).toBe(true);
    // once signed, the order is handled, not returned
    expect((await xf.post(`/api/work-orders/${id}/return`, { reason: 'too-vague' })).status).toBe(409);
    const answered = await xf.post(`/api/work-orders/${id}/answer`, { answer: '已现场核查，责令施工单位清理消防通道。' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ stage: 'callback', answer: { departmentId: `${EAST}:xf`, text: '已现场核查，责令施工单位清理消防通道。' } });

    const closed = await window.post(`/api/work-orders/${id}/callback`, { rating: 'satisfied', comment: '来电人表示满意' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'completed', stage: 'closed', callback: { rating: 'satisfied', comment: '来电人表示满意' } });
    // 首接负责制: the first department stays the coordinator
    expect(closed.body.coordinatorDepartmentId).toBe(`${EAST}:zj`);
    expect(closed.body.routings.map((r: { departmentId: string }) => r.departmentId)).toEqual([`${EAST}:zj`, `${EAST}:xf`]);
    expect(closed.body.timeline.map((e: { type: string }) => e.type)).toContain('completed');
  });

  it('closes an order answered at once by the hotline (即时答复办结)', async () => {
    const id = await register();
    const res = await as('window-east').post(`/api/work-orders/${id}/close`, { answer: '已告知来电人办理营业执照所需材料及地点。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', stage: 'closed', answer: { departmentId: null, text: '已告知来电人办理营业执照所需材料及地点。' } });
    expect((await as('window-east').post(`/api/work-orders/${id}/route`, { department: `${EAST}:zj`, instructions: '再派' })).status).toBe(409);
  });

  it('lists orders per scope: the hotline\'s region, the departments they reached, a supervisor\'s region and below', async () => {
    const ids = async (username: string, query = '') => {
      const res = await as(username).get(`/api/work-orders${query}`);
      expect(res.status).toBe(200);
      expect(res.body.itemCode).toBe(ITEM.workOrder12345); // what the live list listens for
      return res.body.orders.length as number;
    };
    expect(await ids('window-east')).toBe(2);
    expect(await ids('window-east', '?status=running')).toBe(0);
    expect(await ids('window-west')).toBe(0);
    expect(await ids('xf-east')).toBe(1);
    expect(await ids('zj-east')).toBe(1);
    expect(await ids('xf-west')).toBe(0);
    expect(await ids('supervisor-city')).toBe(2);
    expect(await ids('supervisor-west')).toBe(0);
    expect(await ids('admin')).toBe(2);
    for (const username of ['ent-east', 'designer-city']) expect((await as(username).get('/api/work-orders')).status).toBe(403);
    expect((await h.anonymous().get('/api/work-orders')).status).toBe(401);
    const bad = await as('window-east').get('/api/work-orders?status=open&limit=x');
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['query.limit', 'query.status']);
  });

  it('offers the hotline, as 派单 targets, the departments of the order\'s region and below — never above or beside it', async () => {
    const id = await register({ callerRef: 'call-targets' });
    const res = await as('window-east').get(`/api/work-orders/${id}/route-targets`);
    expect(res.status).toBe(200);
    const targets = res.body.departments as Array<{ id: string; name: string; regionCode: string; level: string }>;
    expect(res.body.truncated).toBe(false);
    expect(new Set(targets.map((d) => d.regionCode))).toEqual(new Set([EAST, `${EAST}001`, `${EAST}002`]));
    expect(targets.find((d) => d.id === `${EAST}:xf`)).toMatchObject({ name: '东阳县消防救援支队', level: 'county' });
    // county departments before the townships'
    expect(targets.findIndex((d) => d.level === 'township')).toBeGreaterThan(targets.findLastIndex((d) => d.level === 'county'));
    // every target is one `route` accepts
    const township = targets.find((d) => d.level === 'township')!;
    expect((await as('window-east').post(`/api/work-orders/${id}/route`, { department: township.id, instructions: '请城关镇核实。' })).body.handlingDepartmentName).toBe(township.name);
    for (const [username, status] of [['window-west', 404], ['xf-east', 403], ['supervisor-city', 403], ['ent-east', 403]] as const) {
      expect({ username, status: (await as(username).get(`/api/work-orders/${id}/route-targets`)).status }).toEqual({ username, status });
    }
  });

  it('names the departments an order reached, in its list row and its detail', async () => {
    const id = await register({ callerRef: 'call-names' });
    await as('window-east').post(`/api/work-orders/${id}/route`, { department: `${EAST}:zj`, instructions: '请核查。' });
    await as('zj-east').post(`/api/work-orders/${id}/return`, { reason: 'outside-jurisdiction' });
    const routed = await as('window-east').post(`/api/work-orders/${id}/route`, { department: `${EAST}:xf`, instructions: '请核查消防通道。' });
    expect(routed.body.handlingDepartmentName).toBe('东阳县消防救援支队');
    expect(routed.body.departmentNames).toEqual({ [`${EAST}:zj`]: '东阳县住房和城乡建设局', [`${EAST}:xf`]: '东阳县消防救援支队' });
    const row = (await as('xf-east').get('/api/work-orders?status=running')).body.orders.find((o: { id: string }) => o.id === id);
    expect(row).toMatchObject({ handlingDepartmentId: `${EAST}:xf`, handlingDepartmentName: '东阳县消防救援支队', stage: 'handle', handleSigned: false, returnable: true });
  });

  it('lists the fixed return reasons', async () => {
    const res = await as('xf-east').get('/api/work-orders/return-reasons');
    expect(res.status).toBe(200);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['outside-jurisdiction', 'in-legal-process', 'secrets', 'unlawful-request', 'too-vague']);
    expect((await as('ent-east').get('/api/work-orders/return-reasons')).status).toBe(403);
  });

  describe('refusals change nothing', () => {
    let id = '';
    beforeAll(async () => { id = await register({ callerRef: 'call-0002' }); });

    it('registers only as the hotline (window) of its own region', async () => {
      const before = await eventCount();
      for (const username of ['ent-east', 'xf-east', 'zj-east', 'supervisor-city', 'designer-city', 'admin']) {
        expect({ username, status: (await as(username).post('/api/work-orders', {})).status }).toEqual({ username, status: 403 });
      }
      expect((await h.anonymous().post('/api/work-orders', {})).status).toBe(401);
      expect((await as('window-east').post('/api/work-orders', { regionCode: WEST })).status).toBe(404);
      expect(await eventCount()).toBe(before);
    });

    it('shows an order to its hotline, the departments it reached, supervisors above it and admins only', async () => {
      await as('window-east').post(`/api/work-orders/${id}/route`, { department: `${EAST}:xf`, instructions: '请核查。' });
      const statuses: Record<string, number> = {};
      for (const username of ['window-east', 'window-west', 'xf-east', 'xf-west', 'zj-east', 'supervisor-city', 'supervisor-west', 'admin', 'ent-east', 'designer-city']) {
        statuses[username] = (await as(username).get(`/api/work-orders/${id}`)).status;
      }
      expect(statuses).toEqual({
        'window-east': 200, 'window-west': 404, 'xf-east': 200, 'xf-west': 404, 'zj-east': 404, 'supervisor-city': 200,
        'supervisor-west': 404, admin: 200, 'ent-east': 403, 'designer-city': 403,
      });
      expect((await as('window-east').get('/api/work-orders/not-a-uuid')).body.problems[0].path).toBe('params.orderId');
      // an ordinary case is not a work order
      const caseId = (await as('ent-east').post('/api/cases', { itemCode: '010070001000', regionCode: EAST })).body.id;
      expect((await as('window-east').get(`/api/work-orders/${caseId}`)).status).toBe(404);
    });

    it('leaves department steps to the department holding the order', async () => {
      const before = await eventCount();
      for (const action of ['sign', 'return', 'answer']) {
        const body = action === 'return' ? { reason: 'secrets' } : action === 'answer' ? { answer: '答复' } : undefined;
        for (const [username, status] of [['window-east', 403], ['supervisor-city', 403], ['admin', 403], ['ent-east', 403], ['xf-west', 404], ['zj-east', 404]] as const) {
          expect({ action, username, status: (await as(username).post(`/api/work-orders/${id}/${action}`, body)).status }).toEqual({ action, username, status });
        }
      }
      expect(await eventCount()).toBe(before);
    });

    it('leaves routing, closing and the call back to the hotline of the order\'s region', async () => {
      const fresh = await register();
      const before = await eventCount();
      const calls: Array<[string, unknown]> = [
        ['route', { department: `${EAST}:zj`, instructions: '请处理' }], ['close', { answer: '已答复' }], ['callback', { rating: 'satisfied' }],
      ];
      for (const [action, body] of calls) {
        for (const [username, status] of [['xf-east', 403], ['supervisor-city', 403], ['admin', 403], ['ent-east', 403], ['window-west', 404]] as const) {
          expect({ action, username, status: (await as(username).post(`/api/work-orders/${fresh}/${action}`, body)).status }).toEqual({ action, username, status });
        }
      }
      expect(await eventCount()).toBe(before);
      // no call back before an answer
      expect((await as('window-east').post(`/api/work-orders/${fresh}/callback`, { rating: 'satisfied' })).status).toBe(409);
    });

    it('names every malformed field', async () => {
      const window = as('window-east');
      const before = await eventCount();
      const create = await window.post('/api/work-orders', { urgent: 'yes', materials: 'WO01', callerRef: 'has spaces' });
      expect(create.status).toBe(400);
      expect(create.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['callerRef', 'materials', 'urgent']);
      const fresh = await register();
      const route = await window.post(`/api/work-orders/${fresh}/route`, { department: 'zj', instructions: '' });
      expect(route.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['department', 'instructions']);
      const outside = await window.post(`/api/work-orders/${fresh}/route`, { department: `${WEST}:zj`, instructions: '请处理' });
      expect(outside.status).toBe(400);
      expect(outside.body.problems).toEqual([{ path: 'department', reason: `must be a department of ${EAST} or below` }]);
      const unknown = await window.post(`/api/work-orders/${fresh}/route`, { department: `${EAST}:nope`, instructions: '请处理' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.problems).toEqual([{ path: 'department', reason: `no department "${EAST}:nope"` }]);
      expect((await window.post(`/api/work-orders/${fresh}/close`, {})).body.problems.map((p: { path: string }) => p.path)).toEqual(['answer']);
      expect((await as('xf-east').post(`/api/work-orders/${id}/return`, { reason: 'too-busy' })).body.problems.map((p: { path: string }) => p.path)).toEqual(['reason']);
      expect((await as('xf-east').post(`/api/work-orders/${id}/answer`, { answer: '   ' })).body.problems.map((p: { path: string }) => p.path)).toEqual(['answer']);
      expect((await window.post(`/api/work-orders/${id}/callback`, { rating: 'ok' })).body.problems.map((p: { path: string }) => p.path)).toEqual(['rating']);
      expect((await as('supervisor-city').post(`/api/work-orders/${id}/supervise`, {})).body.problems.map((p: { path: string }) => p.path)).toEqual(['conclusion']);
      // only the fresh registration above was recorded
      const { rows } = await h.db.pool.query('SELECT count(*)::int AS n FROM case_events WHERE case_id <> $1', [fresh]);
      expect(rows[0].n).toBe(before);
    });
  });

  it('alerts the duty officer at once for an urgent order registered at night', async () => {
    h.clock.set('2026-03-02T22:40:00+08:00');
    await signInAll();
    const urgent = await as('window-east').post('/api/work-orders', { urgent: true });
    expect(urgent.status).toBe(201);
    expect(urgent.body.dutyOfficerAlerted).toBe(true);
    const ordinary = await as('window-east').post('/api/work-orders', {});
    expect(ordinary.body.dutyOfficerAlerted).toBe(false);
  });

  it('escalates an unanswered order to supervision; a supervisor of its region concludes the 督办 and the order closes', async () => {
    h.clock.set('2026-03-03T09:00:00+08:00');
    await signInAll();
    const id = await register({ callerRef: 'call-0003' });
    await as('window-east').post(`/api/work-orders/${id}/route`, { department: `${EAST}:sw`, instructions: '来电反映城关镇供水管网漏水，请尽快维修。' });
    expect((await as('sw-east').post(`/api/work-orders/${id}/sign`)).status).toBe(200);

    // handling limit: 8 working days from Tue 3 March → end of Fri 13 March; escalation 10 working days later → end of Fri 27 March
    h.clock.set('2026-03-30T09:00:00+08:00');
    await h.runtime.runDueTimers();
    await signInAll();
    const escalated = await as('supervisor-city').get(`/api/work-orders/${id}`);
    expect(escalated.body).toMatchObject({ escalated: true, urged: 2, supervised: true, stage: 'handle' });
    const overdue = await as('supervisor-city').get('/api/supervision/overdue');
    expect(overdue.body.tasks.map((t: { caseId: string; elementId: string }) => [t.caseId, t.elementId])).toContainEqual([id, 'handle']);

    const before = await eventCount();
    for (const [username, status] of [['window-east', 403], ['sw-east', 403], ['admin', 403], ['supervisor-west', 404]] as const) {
      expect({ username, status: (await as(username).post(`/api/work-orders/${id}/supervise`, { conclusion: '已督办' })).status }).toEqual({ username, status });
    }
    expect(await eventCount()).toBe(before);

    await as('sw-east').post(`/api/work-orders/${id}/answer`, { answer: '漏点已修复，恢复供水。' });
    const called = await as('window-east').post(`/api/work-orders/${id}/callback`, { rating: 'unsatisfied', comment: '维修太慢' });
    expect(called.body).toMatchObject({ status: 'running', stage: 'supervise', supervised: true, callback: { rating: 'unsatisfied' } });
    const done = await as('supervisor-city').post(`/api/work-orders/${id}/supervise`, { conclusion: '已约谈县水务局，责令建立漏水快速响应机制。' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', supervision: { conclusion: '已约谈县水务局，责令建立漏水快速响应机制。' } });
  });

  it('says while an order may still be returned: before signing and within the sign-for limit, by the server\'s clock', async () => {
    const id = await register({ callerRef: 'call-late-return' });
    const routed = await as('window-east').post(`/api/work-orders/${id}/route`, { department: `${EAST}:xf`, instructions: '请核查。' });
    expect(routed.body).toMatchObject({ returnable: true, handleSigned: false });
    // the department's 待办 row says the same, so its 退回 button shows only while it may
    const inboxRow = async () => (await as('xf-east').get('/api/tasks/inbox')).body.tasks.find((t: { caseId: string; kind: string }) => t.caseId === id && t.kind === 'handle');
    expect(await inboxRow()).toMatchObject({ status: 'open', returnable: true });
    const signDueAt = new Date(routed.body.tasks.find((t: { elementId: string; status: string }) => t.elementId === 'handle' && t.status === 'open').signDueAt);
    // (the clock only moves forward: this test comes last)
    h.clock.set(new Date(signDueAt.getTime() + 60_000));
    await signInAll();
    const late = await as('xf-east').get(`/api/work-orders/${id}`);
    expect(late.body).toMatchObject({ returnable: false, handleSigned: false });
    const listed = (await as('xf-east').get('/api/work-orders?status=running')).body.orders.find((o: { id: string }) => o.id === id);
    expect(listed.returnable).toBe(false);
    expect(await inboxRow()).toMatchObject({ status: 'open', returnable: false });
    const refused = await as('xf-east').post(`/api/work-orders/${id}/return`, { reason: 'too-vague' });
    expect(refused.status).toBe(409);
    const signed = await as('xf-east').post(`/api/work-orders/${id}/sign`);
    expect(signed.body).toMatchObject({ returnable: false, handleSigned: true });
  });
});
