/** One case as a department sees it: materials (with the files handed in), each department's step, the timeline. */
import { Alert, Button, Card, Descriptions, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { get } from '../shared/api.ts';
import { useLocale, useT } from '../shared/i18n.tsx';
import { eventLabel } from './event-labels.ts';
import { useCaseEvents, useReconnect } from '../shared/realtime.ts';
import { useLoad } from '../shared/use-load.ts';
import { loadItems } from './catalogue.ts';
import { formatDate, formatDateTime } from './format.ts';
import { messages, type MessageKey } from './messages.ts';

interface CaseDetail {
  id: string; caseNumber: string; itemCode: string; status: string; green: boolean; dueAt: string | null; createdAt: string; acceptedAt: string | null;
  tasks: { id: string; elementId: string; kind: string; departmentId: string | null; status: string; dueAt: string | null; signedAt: string | null; completedAt: string | null; outcome: Record<string, unknown> | null }[];
  timeline: { seq: number; type: string; at: string; payload: Record<string, unknown> }[];
}

interface CaseFile { material: string; upload: { fileName: string; contentUrl: string } }

export function CaseDetailPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const { caseId = '' } = useParams();
  const navigate = useNavigate();
  const detail = useLoad(async () => {
    const [c, items, files] = await Promise.all([
      get<CaseDetail>(`/api/cases/${caseId}`), loadItems(),
      get<{ files: CaseFile[] }>(`/api/cases/${caseId}/files`).then((r) => r.files, () => [] as CaseFile[]),
    ]);
    return { c, item: items.get(c.itemCode), files };
  }, [caseId]);
  useCaseEvents(caseId ? [caseId] : [], () => detail.reload());
  useReconnect(detail.reload);
  if (detail.error) return <Alert type="error" showIcon message={t('loadFailed', { message: detail.error.message })} />;
  if (!detail.data) return <Card loading />;
  const { c, item, files } = detail.data;
  const submitted = new Set((c.timeline.find((e) => e.type === 'applied')?.payload.materials as string[] | undefined) ?? []);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <Button onClick={() => navigate(-1)}>{t('back')}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('caseTitle', { caseNumber: c.caseNumber })}</Typography.Title>
        {c.green && <Tag color="green">{t('green')}</Tag>}
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('item')}>{item?.name ?? c.itemCode}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>{t(`caseStatus_${c.status}` as MessageKey)}</Descriptions.Item>
        <Descriptions.Item label={t('dueAt')}>{formatDate(c.dueAt)}</Descriptions.Item>
      </Descriptions>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" title={t('materials')}>
            <List size="small" dataSource={item?.materials ?? []} renderItem={(m) => {
              const mine = files.filter((f) => f.material === m.code);
              return (
                <List.Item>
                  <Space wrap>
                    <Tag color={m.essential ? 'blue' : 'default'}>{m.essential ? t('essential') : t('optional')}</Tag>
                    <span>{m.name}</span>
                    {mine.length ? mine.map((f) => <a key={f.upload.contentUrl} href={f.upload.contentUrl} target="_blank" rel="noreferrer">{f.upload.fileName}</a>)
                      : submitted.has(m.code) ? <Tag color="success">✓</Tag> : <Typography.Text type="secondary">{t('noFiles')}</Typography.Text>}
                  </Space>
                </List.Item>
              );
            }} />
          </Card>
          <Card size="small" title={t('tasks')}>
            <Table size="small" rowKey="id" pagination={false} dataSource={c.tasks} columns={[
              { title: t('step'), dataIndex: 'elementId' },
              { title: t('lead'), dataIndex: 'departmentId', render: (d) => d ?? '—' },
              { title: t('state'), dataIndex: 'status' },
              { title: t('deadline'), dataIndex: 'dueAt', render: (d) => formatDateTime(d) },
            ]} />
          </Card>
        </Space>
        <Card size="small" title={t('timeline')}>
          <Timeline items={c.timeline.map((e) => ({
            key: e.seq,
            color: e.type === 'default-consent' ? 'red' : e.type === 'opinion' ? 'green' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{eventLabel(e.type, e.payload, locale)}{typeof e.payload.departmentId === 'string' ? ` · ${e.payload.departmentId}` : ''}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text>
              </Space>
            ),
          }))} />
        </Card>
      </div>
    </Space>
  );
}
