/**
 * 12345工单: the orders the user may see (the hotline's region, a department's own, a supervisor's
 * region and below), newest first, live; the hotline registers new ones here.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../department/format.ts';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLiveReload } from '../shared/live-reload.ts';
import { useSession } from '../shared/session.tsx';
import { useLoad } from '../shared/use-load.ts';
import { messages } from './messages.ts';
import { RegisterOrderDialog } from './RegisterOrderDialog.tsx';
import { StageTag } from './StageTag.tsx';
import type { WorkOrderSummary } from './types.ts';

type Filter = 'running' | 'completed' | 'all';

/** `base`: the area's path (/window, /department, /supervision); orders open at `${base}/work-orders/:id`. */
export function WorkOrdersPage({ base }: { base: string }) {
  const t = useT(messages);
  const { user } = useSession();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('running');
  const [registering, setRegistering] = useState(false);
  const orders = useLoad(() => get<{ itemCode: string; orders: WorkOrderSummary[] }>(`/api/work-orders${filter === 'all' ? '' : `?status=${filter}`}`), [filter]);
  const itemCode = orders.data?.itemCode;
  // A region's hotline or supervisor hears every case event of the region: only the orders' own
  // reload the list (every event, until the first answer names their item), settled.
  useLiveReload(orders.reload, { accepts: (m) => !itemCode || m.itemCode === itemCode });
  const open = (id: string) => `${base}/work-orders/${id}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Segmented<Filter> value={filter} onChange={setFilter}
          options={(['running', 'completed', 'all'] as const).map((f) => ({ value: f, label: t(`filter_${f}`) }))} />
        {user?.role === 'window' && <Button type="primary" onClick={() => setRegistering(true)} data-testid="register-order">{t('register')}</Button>}
        <Tooltip title={t('liveHint')}><Button icon={<ReloadOutlined />} onClick={orders.reload} /></Tooltip>
      </Space>
      {orders.error && <Alert type="error" showIcon message={t('loadFailed', { message: orders.error.message })} />}
      <Table<WorkOrderSummary> rowKey="id" size="middle" dataSource={orders.data?.orders ?? []} loading={orders.loading && !orders.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t('empty') }} scroll={{ x: 900 }}
        onRow={(o) => ({ 'data-testid': `order-row-${o.caseNumber}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('orderNumber'), key: 'n', width: 190, render: (_, o) => <Link to={open(o.id)}>{o.caseNumber}</Link> },
          {
            title: t('stage'), key: 'stage', width: 180, render: (_, o) => (
              <Space size={4} wrap><StageTag stage={o.stage} />{o.supervised && o.stage !== 'supervise' && <Tag color="red">{t('supervisedTag')}</Tag>}</Space>
            ),
          },
          {
            title: t('handling'), key: 'dept', render: (_, o) => o.handlingDepartmentName
              ? <Space size={4} wrap>{o.handlingDepartmentName}<Tag>{o.handleSigned ? t('signedTag') : t('unsignedTag')}</Tag></Space> : t('none'),
          },
          { title: t('handleDue'), key: 'hd', width: 160, render: (_, o) => formatDateTime(o.handleDueAt) },
          { title: t('registeredAt'), key: 'at', width: 160, render: (_, o) => formatDateTime(o.createdAt) },
          { title: '', key: 'go', width: 80, render: (_, o) => <Button size="small" onClick={() => navigate(open(o.id))}>{t('open')}</Button> },
        ]} />
      {registering && <RegisterOrderDialog onClose={() => setRegistering(false)} onRegistered={(o) => { setRegistering(false); navigate(open(o.id)); }} />}
    </Space>
  );
}
