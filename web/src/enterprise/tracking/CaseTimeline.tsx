/**
 * One case as the applicant follows it: who holds it now, the case's light and working-day
 * countdown, the predicted completion date, and each department's state with its own
 * countdown and light — in the order the departments received the case — and its 联审会.
 */
import { Card, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { Light } from '../../shared/light.tsx';
import { formatDay, formatTime } from '../format.ts';
import { messages, type MessageKey } from '../messages.ts';
import type { CaseProgress, DepartmentProgress, PublicDepartmentProgress } from '../types.ts';
import { MeetingRows } from './MeetingRows.tsx';

const STATE_COLOUR: Record<DepartmentProgress['state'], string> = {
  'awaiting-sign': 'default', reviewing: 'processing', signed: 'processing', approved: 'success', 'default-approved': 'gold',
  supplement: 'orange', rejected: 'error', cancelled: 'default',
};

const STATUS_COLOUR: Record<CaseProgress['status'], string> = { running: 'processing', completed: 'success', returned: 'error', cancelled: 'default' };

type T = ReturnType<typeof useT<MessageKey>>;

/** "剩余 3 个工作日" / "已超期 2 个工作日" / "—". */
export function countdownText(t: T, p: { remainingWorkingDays: number | null; late: boolean; overdueWorkingDays: number }): string {
  if (p.overdueWorkingDays > 0) return t('overdue', { n: p.overdueWorkingDays });
  if (p.late) return t('lateToday');
  if (p.remainingWorkingDays === null) return '—';
  return t('remaining', { n: p.remainingWorkingDays });
}

function pauseText(t: T, reason: string | null): string {
  if (reason === 'supplement') return t('pause.supplement');
  if (reason === 'missing-materials') return t('pause.missing-materials');
  return reason ?? '';
}

function holderText(t: T, h: CaseProgress['holders'][number]): string {
  const department = h.departmentName ?? '';
  if (h.kind === 'accept') return t('holder.accept');
  if (h.kind === 'supplement') return t('holder.supplement');
  const key = (['review', 'meeting', 'decide'].includes(h.kind) ? `holder.${h.kind}` : 'holder.other') as MessageKey;
  return t(key, { department });
}

function PredictionText({ progress }: { progress: CaseProgress }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const p = progress.prediction;
  if (!p) return <>—</>;
  if (p.state === 'not-accepted') return <>{t('predictionNotAccepted')}</>;
  if (p.state === 'clock-stopped') return <>{t('predictionStopped')}</>;
  if (p.state !== 'predicted' || !p.p50 || !p.p90) return <>—</>;
  const range = p.p50.date === p.p90.date ? formatDay(p.p50.date, locale) : t('predictedRange', { p50: formatDay(p.p50.date, locale), p90: formatDay(p.p90.date, locale) });
  return (
    <Space size={4} wrap>
      <span data-testid="predicted-date">{range}</span>
      <Typography.Text type="secondary">（{t(p.basis === 'history' ? 'predictionBasisHistory' : 'predictionBasisLimit')}）</Typography.Text>
      {p.p90BeyondPromised && <Tag color="warning">{t('beyondPromised')}</Tag>}
    </Space>
  );
}

/** One department's state and countdown; the public lookup shows it too, from the public part of the progress. */
export function DepartmentRow({ d }: { d: PublicDepartmentProgress }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const open = d.state === 'awaiting-sign' || d.state === 'reviewing' || d.state === 'signed';
  const basis = d.state === 'default-approved' && d.basis && d.basis !== 'given' ? t(`basis.${d.basis}` as MessageKey) : null;
  return (
    <Flex data-testid="department-row" data-department={d.departmentId} data-state={d.state} data-light={d.light}
      wrap align="center" gap={8} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <Typography.Text strong style={{ flex: '1 1 160px', minWidth: 0 }}>{d.departmentName}</Typography.Text>
      <Space size={4} wrap style={{ flex: '1 1 140px' }}>
        <Tag color={STATE_COLOUR[d.state]} data-testid="department-state">{t(`state.${d.state}` as MessageKey)}</Tag>
        {basis && <Typography.Text type="secondary">{basis}</Typography.Text>}
        {d.round > 1 && <Typography.Text type="secondary">{t('round', { n: d.round })}</Typography.Text>}
      </Space>
      <Space size={4} wrap style={{ flex: '1 1 160px', justifyContent: 'flex-end' }}>
        {open
          ? <Typography.Text data-testid="department-countdown" type={d.late ? 'danger' : undefined}>{countdownText(t, d)}</Typography.Text>
          : <Typography.Text type="secondary">{t('completedAt', { time: formatTime(d.completedAt, locale) })}</Typography.Text>}
        <Light light={d.light} />
      </Space>
    </Flex>
  );
}

/** The progress card of one case; `link` makes its number open the case page. */
export function CaseTimeline({ progress, link }: { progress: CaseProgress; link?: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const running = progress.status === 'running';
  const number = link ? <Link to={link}>{progress.caseNumber}</Link> : progress.caseNumber;
  return (
    <Card size="small" data-testid={`case-progress-${progress.caseNumber}`} data-case-id={progress.caseId}
      title={<Space wrap size={4}><span>{progress.itemName}</span></Space>}
      extra={<Space size={4} wrap><Tag color={STATUS_COLOUR[progress.status]}>{t(`status.${progress.status}` as MessageKey)}</Tag>{progress.green && <Tag color="green">{t('green')}</Tag>}</Space>}>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{t('caseNumber')}：<span data-testid="case-number">{number}</span></Typography.Text>
        {running && (
          <>
            <div data-testid="case-holders">{t('holder')}：{progress.holders.length ? progress.holders.map((h) => holderText(t, h)).join('、') : t('nobodyHolds')}</div>
            <Space wrap size={4} data-testid="case-countdown">
              <span>{t('dueAt')}：{progress.dueAt ? formatDay(progress.dueAt, locale) : t('noLimit')}</span>
              {progress.dueAt && !progress.pausedAt && <Typography.Text type={progress.late ? 'danger' : undefined}>（{countdownText(t, progress)}）</Typography.Text>}
              <Light light={progress.light} />
              {progress.pausedAt && <Tag>{t('clockStopped', { reason: pauseText(t, progress.pauseReason) })}</Tag>}
            </Space>
            <div>{t('predicted')}：<PredictionText progress={progress} /></div>
          </>
        )}
        {!running && progress.endedAt && <div>{t('endedAt')}：{formatTime(progress.endedAt, locale)}</div>}
        <Typography.Text strong style={{ marginTop: 8 }}>{t('departmentsProgress')}</Typography.Text>
        {progress.departments.length === 0
          ? <Typography.Text type="secondary">{t('noDepartments')}</Typography.Text>
          : <div data-testid="department-rows">{progress.departments.map((d) => <DepartmentRow key={d.taskId} d={d} />)}</div>}
        <MeetingRows meetings={progress.meetings} />
      </Flex>
    </Card>
  );
}
