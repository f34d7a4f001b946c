/** 办件: the region's recent cases, to reprint a notice. */
import { Alert, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../department/format.ts';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { messages } from './messages.ts';
import { NoticeLinks } from './NoticeLinks.tsx';

interface CaseRow { id: string; caseNumber: string; itemCode: string; green: boolean; status: string; acceptedAt: string | null; createdAt: string }

export function CasesPage() {
  const t = useT(messages);
  const cases = useLoad(() => get<{ cases: CaseRow[] }>('/api/cases?limit=50').then((r) => r.cases), []);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('cases')}</Typography.Title>
      {cases.error && <Alert type="error" showIcon message={t('loadFailed', { message: cases.error.message })} />}
      <Table<CaseRow> rowKey="id" size="small" dataSource={cases.data ?? []} loading={cases.loading && !cases.data} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('caseNumber'), key: 'n', render: (_, c) => <Space size={4}><Link to={`/window/cases/${c.id}`}>{c.caseNumber}</Link>{c.green && <Tag color="green">{t('green')}</Tag>}</Space> },
          { title: t('item'), dataIndex: 'itemCode' },
          { title: t('appliedAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('status'), key: 's', render: (_, c) => <Tag>{c.acceptedAt ? t('kind_acceptance') : c.status === 'returned' ? t('kind_refusal') : t('kind_pending')}</Tag> },
          { title: t('notices'), key: 'p', render: (_, c) => <NoticeLinks caseId={c.id} acceptance={!!c.acceptedAt} missing={!c.acceptedAt} /> },
        ]} />
    </Space>
  );
}
