/**
 * One 12345 work order: where it stands, who holds it, its 办理经过, and the actions open to the
 * signed-in user (派单 / 即时答复 / 回访 for the hotline, 签收 / 退回 / 答复 for the department it
 * is routed to, 督办结束 for a supervisor). Live: it follows the order's events.
 */
import { Alert, Button, Card, Descriptions, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../department/format.ts';
import { get, post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useCaseEvents, useReconnect } from '../shared/realtime.ts';
import { useSession } from '../shared/session.tsx';
import { useAction } from '../shared/use-action.ts';
import { useLoad } from '../shared/use-load.ts';
import { messages, type MessageKey } from './messages.ts';
import { orderActions } from './order-actions.ts';
import { orderHistory, type HistoryStep } from './order-history.ts';
import { OrderActionDialog, type WordedAction } from './OrderActionDialog.tsx';
import { StageTag } from './StageTag.tsx';
import type { WorkOrder } from './types.ts';

export function WorkOrderPage({ base }: { base: string }) {
  const t = useT(messages);
  const { orderId = '' } = useParams();
  const { user } = useSession();
  const order = useLoad(() => get<WorkOrder>(`/api/work-orders/${orderId}`), [orderId]);
  const [dialog, setDialog] = useState<WordedAction | null>(null);
  const signing = useAction((m) => t('actionFailed', { message: m }));
  useCaseEvents([orderId], () => order.reload());
  useReconnect(order.reload);
  const o = order.data;
  if (!o) {
    return order.error ? <Alert type="error" showIcon message={t('loadFailed', { message: order.error.message })} /> : <Spin />;
  }
  const actions = user ? orderActions(o, user) : [];
  const name = (id: string | null) => (id ? o.departmentNames[id] ?? id : t('none'));
  const sign = () => signing.run(() => post(`/api/work-orders/${o.id}/sign`), t('done'), order.reload);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Link to={`${base}/work-orders`}>{t('back')}</Link>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-number">{o.caseNumber}</Typography.Title>
        <StageTag stage={o.stage} />
        {o.supervised && o.stage !== 'supervise' && <Tag color="red">{t('supervisedTag')}</Tag>}
        {o.escalated && <Tag color="red">{t('escalatedTag')}</Tag>}
        {o.urged > 0 && <Tag color="orange">{t('urgedTag', { n: o.urged })}</Tag>}
        {o.dutyOfficerAlerted && <Tag color="purple">{t('dutyTag')}</Tag>}
      </Space>
      {actions.length > 0 && (
        <Space wrap data-testid="order-actions">
          {actions.map((a) => a === 'sign'
            ? <Button key={a} type="primary" loading={signing.busy} onClick={sign}>{t('sign')}</Button>
            : <Button key={a} type={a === 'return' || a === 'close' ? 'default' : 'primary'} onClick={() => setDialog(a)}>{t(a)}</Button>)}
        </Space>
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'at', label: t('registeredAt'), children: formatDateTime(o.createdAt) },
          { key: 'due', label: t('dueAt'), children: formatDateTime(o.dueAt) },
          { key: 'handling', label: t('handling'), children: o.handlingDepartmentId ? <Space size={4}>{name(o.handlingDepartmentId)}<Tag>{o.handleSigned ? t('signedTag') : t('unsignedTag')}</Tag></Space> : t('none') },
          { key: 'handleDue', label: t('handleDue'), children: formatDateTime(o.handleDueAt) },
          { key: 'coordinator', label: t('coordinator'), children: name(o.coordinatorDepartmentId) },
          { key: 'caller', label: t('caller'), children: o.applicantId.replace(/^caller:/, '') },
          ...(o.endedAt ? [{ key: 'ended', label: t('endedAt'), children: formatDateTime(o.endedAt) }] : []),
        ]} />
      </Card>
      <Card size="small" title={t('history')}>
        <Timeline data-testid="order-history" items={orderHistory(o).map((step, i) => ({ key: i, color: colour(step), children: <HistoryItem step={step} /> }))} />
      </Card>
      {dialog && (
        <OrderActionDialog action={dialog} orderId={o.id} caseNumber={o.caseNumber} onClose={() => setDialog(null)}
          onDone={() => { setDialog(null); order.reload(); }}
          onSubmit={(body) => post(`/api/work-orders/${o.id}/${dialog}`, body)} />
      )}
    </Space>
  );
}

function colour(step: HistoryStep): string {
  if (step.kind === 'returned') return 'orange';
  if (step.kind === 'callback') return step.rating === 'satisfied' ? 'green' : 'red';
  return step.kind === 'supervised' ? 'red' : 'blue';
}

function HistoryItem({ step }: { step: HistoryStep }) {
  const t = useT(messages);
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text strong>{titleOf(step, t)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(step.at)}</Typography.Text>
      {'text' in step && step.text && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{step.text}</Typography.Paragraph>}
    </Space>
  );
}

function titleOf(step: HistoryStep, t: (key: MessageKey, vars?: Record<string, string>) => string): string {
  switch (step.kind) {
    case 'registered': return t('ev_registered');
    case 'routed': return t('ev_routed', { department: step.department });
    case 'returned': return t('ev_returned', { department: step.department, reason: step.reason });
    case 'answered': return t('ev_answered', { department: step.department });
    case 'closedAtOnce': return t('ev_closedAtOnce');
    case 'callback': return t('ev_callback', { rating: t(`rating_${step.rating}`) });
    case 'supervised': return t('ev_supervised');
  }
}
