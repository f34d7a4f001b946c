/** 待受理: the region's applications waiting at the front desk, green channel first, oldest first. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../department/format.ts';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useReconnect, useTaskChanges } from '../shared/realtime.ts';
import { useLoad } from '../shared/use-load.ts';
import { messages } from './messages.ts';

interface Application {
  taskId: string; caseId: string; caseNumber: string; itemCode: string; itemName: string; green: boolean; createdAt: string;
  applicantName: string | null; materialsTotal: number; materialsSubmitted: number;
}

export function QueuePage() {
  const t = useT(messages);
  const queue = useLoad(() => get<{ applications: Application[] }>('/api/tasks/acceptance-queue').then((r) => r.applications), []);
  useTaskChanges(() => queue.reload());
  useReconnect(queue.reload);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('queue')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={queue.reload}>{t('refresh')}</Button>
      </Space>
      {queue.error && <Alert type="error" showIcon message={t('loadFailed', { message: queue.error.message })} />}
      <Table<Application> rowKey="taskId" size="middle" dataSource={queue.data ?? []} loading={queue.loading && !queue.data}
        locale={{ emptyText: t('emptyQueue') }} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }}
        onRow={(row) => ({ 'data-testid': `queue-row-${row.caseNumber}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('caseNumber'), key: 'case', width: 200, render: (_, r) => <Space size={4}>{r.caseNumber}{r.green && <Tag color="green">{t('green')}</Tag>}</Space> },
          { title: t('item'), dataIndex: 'itemName', ellipsis: true },
          { title: t('applicant'), dataIndex: 'applicantName', width: 140, render: (v) => v ?? '—' },
          { title: t('materials'), key: 'materials', width: 110, render: (_, r) => t('submittedOf', { n: r.materialsSubmitted, total: r.materialsTotal }) },
          { title: t('appliedAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
          { title: t('actions'), key: 'actions', width: 120, render: (_, r) => <Link to={`/window/cases/${r.caseId}`}><Button type="primary" size="small">{t('check')}</Button></Link> },
        ]} />
    </Space>
  );
}
