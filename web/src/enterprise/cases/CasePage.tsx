/**
 * One case of the applicant: its progress (departments, countdowns, lights, predicted date), the
 * 补正 form when asked, the rating form once it ends, the files handed in and the full history.
 * Live: each event of the case reloads it in place.
 */
import { Card, Empty, Flex, List, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { useCaseEvents, useReconnect } from '../../shared/realtime.ts';
import { useLoad } from '../../shared/use-load.ts';
import { eventLabel, isMilestone } from '../common/event-label.ts';
import { Loaded } from '../common/Loaded.tsx';
import { Notice } from '../common/Notice.tsx';
import { formatSize, formatTime } from '../format.ts';
import { messages, type MessageKey } from '../messages.ts';
import { CaseTimeline } from '../tracking/CaseTimeline.tsx';
import type { CaseDetail, CaseFile, CaseProgress, CatalogueEntry, RatingAnswer } from '../types.ts';
import { RatingForm } from './RatingForm.tsx';
import { SupplementForm } from './SupplementForm.tsx';

export function CasePage() {
  const { caseId = '' } = useParams();
  const state = useLoad(async () => {
    const [detail, progress, { files }, rating] = await Promise.all([
      get<CaseDetail>(`/api/cases/${caseId}`), get<CaseProgress>(`/api/cases/${caseId}/progress`),
      get<{ files: CaseFile[] }>(`/api/cases/${caseId}/files`), get<RatingAnswer>(`/api/cases/${caseId}/rating`),
    ]);
    // Material codes read as their names from the item's public catalogue entry.
    const item = await get<CatalogueEntry>(`/api/catalogue/${detail.itemCode}`).catch(() => undefined);
    const materialNames = new Map((item?.materials ?? []).map((m) => [m.code, m.name]));
    return { detail, progress, files, rating, materialNames };
  }, [caseId]);
  const [liveAt, setLiveAt] = useState<string>();
  useCaseEvents(caseId ? [caseId] : [], (message) => { setLiveAt(message.event.at); state.reload(); });
  useReconnect(state.reload);
  return <Loaded state={state}>{(data) => <CaseView {...data} liveAt={liveAt} reload={state.reload} />}</Loaded>;
}

function CaseView({ detail, progress, files, rating, materialNames, liveAt, reload }: {
  detail: CaseDetail; progress: CaseProgress; files: CaseFile[]; rating: RatingAnswer; materialNames: Map<string, string>; liveAt?: string; reload(): void;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const departments = new Map(progress.departments.map((d) => [d.departmentId, d.departmentName]));
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1000, margin: '0 auto' }} data-testid="case-page">
      <Notice />
      <Link to={detail.projectId ? `/enterprise/projects/${detail.projectId}` : '/enterprise/cases'}>‹ {t('back')}</Link>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>{progress.itemName}</Typography.Title>
        <Space size={4} data-testid="live-indicator" data-live-at={liveAt ?? ''}>
          <Tag color="processing">{t('live')}</Tag>
          {liveAt && <Typography.Text type="secondary">{t('liveUpdated', { time: formatTime(liveAt, locale) })}</Typography.Text>}
        </Space>
      </Flex>
      <Space wrap size={16}>
        <span>{t('caseNumber')}：{detail.caseNumber}</span>
        {detail.queryCode && <span>{t('queryCode')}：<span data-testid="query-code">{detail.queryCode}</span></span>}
        <span>{t('appliedAt')}：{formatTime(detail.createdAt, locale)}</span>
      </Space>
      {progress.supplementRequest && <SupplementForm caseId={detail.id} request={progress.supplementRequest} departments={departments} onDone={reload} />}
      <RatingForm caseId={detail.id} rating={rating} onDone={reload} />
      <CaseTimeline progress={progress} />
      <Card size="small" title={t('files')}>
        {files.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noFiles')} /> : (
          <List size="small" dataSource={files} data-testid="case-files" renderItem={(f) => (
            <List.Item actions={[<a key="dl" href={f.upload.contentUrl}>{t('download')}</a>]}>
              <List.Item.Meta title={f.upload.fileName}
                description={`${materialNames.get(f.material) ?? f.material} · ${t(`purpose.${f.purpose}` as MessageKey)} · ${formatSize(f.upload.sizeBytes)} · ${formatTime(f.attachedAt, locale)}`} />
            </List.Item>
          )} />
        )}
      </Card>
      <Card size="small" title={t('events')}>
        <Timeline data-testid="case-events" items={detail.timeline.filter((e) => isMilestone(e.type)).map((e) => ({
          key: e.seq,
          children: <Space direction="vertical" size={0}><Typography.Text>{eventLabel(t, e, departments)}</Typography.Text><Typography.Text type="secondary">{formatTime(e.at, locale)}</Typography.Text></Space>,
        }))} />
      </Card>
    </Flex>
  );
}
