/** The department's own 问责记录 (last 30 days) and its 月度百分考评 with every deduction. */
import { Alert, Card, Empty, Input, List, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { formatDateTime } from './format.ts';
import { messages, type MessageKey } from './messages.ts';

interface AccountabilityRecord { caseId: string; caseNumber: string; itemCode: string; elementId: string; basis: string; limitAt: string; recordedAt: string; departmentName: string | null }
interface Deduction { rule: string; points: number; detail: string; cases: { caseId: string; caseNumber: string }[] }
interface UnitScore { unitId: string; name: string; score: number; rank?: number; cases: number; rated: number; ratingRate: number | null; deductions: Deduction[] }

const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

export function RecordsPage() {
  const t = useT(messages);
  const [month, setMonth] = useState(thisMonth);
  const records = useLoad(() => get<{ total: number; records: AccountabilityRecord[] }>('/api/supervision/accountability'), []);
  const score = useLoad(() => get<{ ranked: number; scores: UnitScore[] }>(`/api/statistics/monthly-score?unit=department&month=${month}`), [month]);
  const own = score.data?.scores[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('monthlyScore')} extra={
        <Input type="month" value={month} aria-label={t('month')} onChange={(e) => e.target.value && setMonth(e.target.value)} style={{ width: 160 }} />
      }>
        {score.error && <Alert type="error" showIcon message={t('loadFailed', { message: score.error.message })} />}
        {score.data && !own && <Empty description={t('noScore')} />}
        {own && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space size="large" wrap data-testid="monthly-score">
              <Statistic title={`${own.name} · ${t('score')}`} value={own.score} />
              {own.rank !== undefined && <Statistic title={t('rank')} value={own.rank} suffix={`/ ${score.data!.ranked}`} />}
              <Statistic title={t('casesSettled')} value={own.cases} />
              <Statistic title={t('ratingRate')} value={own.ratingRate ?? '—'} suffix={own.ratingRate === null ? undefined : '%'} />
            </Space>
            {own.deductions.length > 0 && (
              <List size="small" header={<Typography.Text strong>{t('deductions')}</Typography.Text>} dataSource={own.deductions} renderItem={(d) => (
                <List.Item>
                  <Space wrap><Tag color="error">−{d.points}</Tag><span>{d.detail}</span>
                    {d.cases.slice(0, 5).map((c) => <Link key={c.caseId} to={`/department/cases/${c.caseId}`}>{c.caseNumber}</Link>)}
                  </Space>
                </List.Item>
              )} />
            )}
          </Space>
        )}
      </Card>
      <Card size="small" title={`${t('accountability')} · ${t('last30')}`}>
        {records.error && <Alert type="error" showIcon message={t('loadFailed', { message: records.error.message })} />}
        <Table<AccountabilityRecord> size="small" rowKey={(r) => `${r.caseId}-${r.elementId}-${r.basis}`} loading={records.loading && !records.data}
          dataSource={records.data?.records ?? []} locale={{ emptyText: t('noRecords') }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('caseNumber'), key: 'case', render: (_, r) => <Link to={`/department/cases/${r.caseId}`}>{r.caseNumber}</Link> },
            { title: t('step'), dataIndex: 'elementId' },
            { title: t('basis'), dataIndex: 'basis', render: (b: string) => <Tag color="error">{t(`basis_${b}` as MessageKey)}</Tag> },
            { title: t('limitAt'), dataIndex: 'limitAt', render: formatDateTime },
            { title: t('recordedAt'), dataIndex: 'recordedAt', render: formatDateTime },
          ]} />
      </Card>
    </Space>
  );
}
