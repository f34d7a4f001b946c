/**
 * 月度百分考评: windows, departments or staff ranked for the month (100 less each deduction,
 * every deduction naming its cases; the top three 服务明星, the last flagged), and the
 * 差评核查 that 不满意 ratings opened, with where each stands.
 */
import { StarFilled } from '@ant-design/icons';
import { Alert, Card, Col, List, Row, Segmented, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { Chart } from './chart.tsx';
import { rankingOrder, scoreOption } from './chart-options.ts';
import { Downloads } from './downloads.tsx';
import { FilterBar, useFilters } from './filters.tsx';
import { messages } from './messages.ts';
import { apiPath, periodParams, scopeParams, shanghaiMinute } from './query.ts';
import type { MonthlyScore, UnitScore, Verification } from './types.ts';

type Unit = MonthlyScore['unit'];
const UNITS: Unit[] = ['department', 'window', 'staff'];

export function ScoresPage() {
  const t = useT(messages);
  const { filters, itemName, regionName } = useFilters();
  const [unit, setUnit] = useState<Unit>('department');
  const params = { ...scopeParams(filters), month: filters.month, unit };
  const scores = useLoad(() => get<MonthlyScore>(apiPath('/api/statistics/monthly-score', params)), [filters.month, filters.regionCode, filters.departmentId, unit]);
  const period = periodParams(filters);
  const verifications = useLoad(() => get<{ total: number; byState: Record<string, number>; verifications: Verification[] }>(apiPath('/api/supervision/verifications', period)),
    [filters.month, filters.regionCode, filters.departmentId]);
  const ordered = useMemo(() => rankingOrder(scores.data?.scores ?? []), [scores.data]);
  const chart = useMemo(() => scoreOption(ordered, t('score')), [ordered, t]);
  const unitName = (u: Unit) => t(`unit_${u}`);
  const ruleName = (rule: string) => t(`rule_${rule as 'dissatisfied' | 'rating-rate' | 'accountability'}`);
  const error = scores.error ?? verifications.error;
  return (
    <div>
      <FilterBar extra={<Segmented size="small" value={unit} onChange={(v) => setUnit(v as Unit)} options={UNITS.map((u) => ({ value: u, label: unitName(u) }))} />} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col span={9}>
          <Card size="small" title={t('scoreChart', { month: filters.month, unit: unitName(unit) })}>
            <Chart option={chart} height={Math.max(200, Math.min(15, ordered.length) * 26 + 30)} label={t('scoreChart', { month: filters.month, unit: unitName(unit) })} />
          </Card>
        </Col>
        <Col span={15}>
          <Card size="small" title={`${t('ranking', { unit: unitName(unit) })} (${ordered.length})`}
            extra={<Downloads path="/api/statistics/monthly-score" params={params} name="monthly-score" />}>
            <Table<UnitScore> size="small" rowKey="unitId" loading={scores.loading && !scores.data} dataSource={ordered}
              pagination={{ pageSize: 10, showSizeChanger: false }} data-testid="ranking"
              expandable={{
                rowExpandable: (s) => s.deductions.length > 0,
                expandedRowRender: (s) => (
                  <List size="small" dataSource={s.deductions} renderItem={(d) => (
                    <List.Item>
                      <Typography.Text>{ruleName(d.rule)} −{d.points}</Typography.Text>
                      <Typography.Text type="secondary">{d.cases.map((c) => c.caseNumber).join('、')}</Typography.Text>
                    </List.Item>
                  )} />
                ),
              }}
              columns={[
                { title: t('rank'), dataIndex: 'rank', width: 60 },
                {
                  title: unitName(unit), dataIndex: 'name', ellipsis: true,
                  render: (name: string, s) => (
                    <span>{name} {s.star && <Tag color="gold" icon={<StarFilled />}>{t('star')}</Tag>}{s.last && <Tag color="red">{t('last')}</Tag>}</span>
                  ),
                },
                { title: t('score'), dataIndex: 'score', width: 70, render: (v: number) => <b>{v}</b> },
                { title: t('casesSettled'), dataIndex: 'cases', width: 80 },
                { title: t('ratingRate'), dataIndex: 'ratingRate', width: 90, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
                { title: t('deductions'), key: 'deductions', width: 90, render: (_: unknown, s) => s.deductions.reduce((sum, d) => sum + d.points, 0) || '—' },
              ]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={`${t('verifications', { month: filters.month })} (${verifications.data?.total ?? 0})`}
            extra={<Downloads path="/api/supervision/verifications" params={period} name="verifications" />}>
            <Table<Verification> size="small" rowKey="caseId" loading={verifications.loading && !verifications.data} dataSource={verifications.data?.verifications ?? []}
              pagination={{ pageSize: 8, showSizeChanger: false }} data-testid="verifications"
              columns={[
                { title: t('ratedAt'), dataIndex: 'ratedAt', width: 140, render: (d: string) => shanghaiMinute(d) },
                { title: t('caseNumber'), dataIndex: 'caseNumber', width: 150 },
                { title: t('item'), dataIndex: 'itemCode', ellipsis: true, render: (c: string) => itemName(c) },
                { title: t('region'), dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
                { title: t('rating'), dataIndex: 'ratingLevel', width: 90, render: (l: string) => <Tag color="red">{l}</Tag> },
                { title: t('comment'), dataIndex: 'comment', ellipsis: true },
                { title: t('verificationState'), dataIndex: 'state', width: 100, render: (s: Verification['state']) => <Tag color={STATE_COLOURS[s]}>{t(`state_${s}`)}</Tag> },
                { title: t('outcome'), dataIndex: 'outcome', width: 130, render: (o: string | null, v) => o ?? (v.redWarnings ? <Tag color="red">{t('redCount', { n: v.redWarnings })}</Tag> : '—') },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

const STATE_COLOURS: Record<Verification['state'], string> = { pending: 'orange', 'in-progress': 'processing', concluded: 'green', 'not-required': 'default' };
