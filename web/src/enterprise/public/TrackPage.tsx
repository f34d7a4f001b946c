/**
 * 公开查询: progress by case number and query code, without signing in (nothing personal is shown).
 * The acceptance notice's QR code opens `/track?caseNumber=…&queryCode=…`: those are filled in and
 * looked up at once, so scanning the code shows the progress without typing.
 */
import { Alert, Button, Card, Descriptions, Flex, Form, Input, List, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, get } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { eventLabel } from '../common/event-label.ts';
import { formatDay, formatTime } from '../format.ts';
import { DepartmentRow } from '../tracking/CaseTimeline.tsx';
import { messages, type MessageKey } from '../messages.ts';
import type { CatalogueEntry, PublicProgress } from '../types.ts';

interface Found { progress: PublicProgress; item?: CatalogueEntry }
interface Lookup { caseNumber: string; queryCode: string }

const OPEN_STATES = new Set(['awaiting-sign', 'reviewing', 'signed']);

export function TrackPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const [found, setFound] = useState<Found>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Lookup>();
  const [params] = useSearchParams();
  const fromLink = { caseNumber: params.get('caseNumber') ?? '', queryCode: params.get('queryCode') ?? '' };
  const linked = useRef('');

  const lookUp = async ({ caseNumber, queryCode }: Lookup) => {
    setBusy(true);
    setError(undefined);
    try {
      const progress = await get<PublicProgress>(`/api/public/progress?caseNumber=${encodeURIComponent(caseNumber.trim())}&queryCode=${encodeURIComponent(queryCode.trim())}`);
      const item = await get<CatalogueEntry>(`/api/catalogue/${progress.itemCode}`).catch(() => undefined);
      setFound({ progress, item });
    } catch (e) {
      setFound(undefined);
      setError(e instanceof ApiError && e.status === 404 ? t('notFound') : e instanceof ApiError && e.status === 429 ? t('tooMany') : String((e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  // Once per link (not again on re-render): the form's own rules decide whether it is looked up.
  useEffect(() => {
    const key = `${fromLink.caseNumber}|${fromLink.queryCode}`;
    if (!fromLink.caseNumber || !fromLink.queryCode || linked.current === key) return;
    linked.current = key;
    form.setFieldsValue(fromLink);
    form.validateFields().then(lookUp, () => undefined);
  }, [fromLink.caseNumber, fromLink.queryCode]);

  // The answer names each department (东阳县消防救援支队); a step's label reads the names from it.
  const names = new Map<string, string>();
  for (const x of [...(found?.progress.departments ?? []), ...(found?.progress.steps ?? []), ...(found?.progress.pending ?? [])]) {
    if (x.departmentId && x.departmentName) names.set(x.departmentId, x.departmentName);
  }
  const departmentName = (id: string | null) => (id ? names.get(id) ?? id : '—');
  // A department reviewing now already has its row (with countdown) below; list the other open steps only.
  const reviewing = new Set((found?.progress.departments ?? []).filter((d) => OPEN_STATES.has(d.state)).map((d) => d.departmentId));
  const pending = (found?.progress.pending ?? []).filter((p) => !p.departmentId || !reviewing.has(p.departmentId));

  return (
    <Flex vertical gap={12} style={{ maxWidth: 800, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('trackTitle')}</Typography.Title>
      <Typography.Text type="secondary">{t('trackIntro')}</Typography.Text>
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={lookUp} data-testid="track-form">
          <Form.Item name="caseNumber" label={t('caseNumber')} rules={[{ required: true, pattern: /^\s*\d{8,20}\s*$/, message: t('badCaseNumber') }]}>
            <Input inputMode="numeric" maxLength={24} autoComplete="off" />
          </Form.Item>
          <Form.Item name="queryCode" label={t('queryCodeLabel')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('badQueryCode') }]}>
            <Input inputMode="numeric" maxLength={8} autoComplete="off" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('lookUp')}</Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} data-testid="track-error" />}
      {found && (
        <Card size="small" data-testid="track-result" title={found.item?.name ?? found.progress.itemCode}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('caseNumber')}>{found.progress.caseNumber}</Descriptions.Item>
            <Descriptions.Item label={t('status')}><Tag data-testid="track-status">{t(`status.${found.progress.status}` as MessageKey)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('acceptedAt')}>{formatTime(found.progress.acceptedAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('dueAt')}>{formatDay(found.progress.dueAt, locale)}</Descriptions.Item>
            {found.progress.endedAt && <Descriptions.Item label={t('endedAt')}>{formatTime(found.progress.endedAt, locale)}</Descriptions.Item>}
          </Descriptions>
          {pending.length > 0 && (
            <>
              <Typography.Text strong>{t('pendingSteps')}</Typography.Text>
              <div data-testid="track-pending">
                <List size="small" dataSource={pending} renderItem={(p) => (
                  <List.Item><span>{p.departmentName ?? departmentName(p.departmentId)}</span><Typography.Text type="secondary">{t('stepDue')} {formatDay(p.dueAt, locale)}</Typography.Text></List.Item>
                )} />
              </div>
            </>
          )}
          {found.progress.departments.length > 0 && (
            <>
              <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('departmentsProgress')}</Typography.Text>
              <div data-testid="track-departments">
                {found.progress.departments.map((d, i) => <DepartmentRow key={`${d.departmentId}|${i}`} d={d} />)}
              </div>
            </>
          )}
          <Typography.Text strong style={{ display: 'block', margin: '8px 0' }}>{t('steps')}</Typography.Text>
          <Timeline data-testid="track-steps" items={found.progress.steps.map((s, i) => ({
            key: i,
            children: (
              <Flex vertical>
                <span>{eventLabel(t, { type: s.type, payload: { departmentId: s.departmentId, decision: s.decision } }, names)}</span>
                <Typography.Text type="secondary">{formatTime(s.at, locale)}</Typography.Text>
              </Flex>
            ),
          }))} />
        </Card>
      )}
    </Flex>
  );
}
