/**
 * 统计分析 and 堵点: the month's cases by department, region, level or item (办结率, 按期办结率,
 * 满意率 …) and which department holds up which item, each as a chart, a table and a download.
 */
import { Alert, Card, Col, Row, Segmented, Table } from 'antd';
import { useMemo, useState } from 'react';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { Chart } from './chart.tsx';
import { bottleneckOption, ratesOption, type RateKey } from './chart-options.ts';
import { Downloads } from './downloads.tsx';
import { FilterBar, useFilters } from './filters.tsx';
import { levelName, messages } from './messages.ts';
import { apiPath, periodParams } from './query.ts';
import type { Bottleneck, Statistics, StatisticsRow } from './types.ts';

type GroupBy = Statistics['groupBy'];
const GROUPS: GroupBy[] = ['department', 'region', 'level', 'item'];

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (v: number | null) => (v === null ? '—' : v);

export function StatisticsPage() {
  const t = useT(messages);
  const { filters } = useFilters();
  const [groupBy, setGroupBy] = useState<GroupBy>('department');
  const params = periodParams(filters);
  const deps = [filters.month, filters.regionCode, filters.departmentId];
  const stats = useLoad(() => get<Statistics>(apiPath('/api/statistics', { ...params, groupBy })), [...deps, groupBy]);
  const bottlenecks = useLoad(() => get<{ total: number; bottlenecks: Bottleneck[] }>(apiPath('/api/statistics/bottlenecks', { ...params, limit: 50 })), deps);
  const rates: { key: RateKey; name: string }[] = [
    { key: 'finishRate', name: t('finishRate') }, { key: 'onTimeRate', name: t('onTimeRate') }, { key: 'satisfactionRate', name: t('satisfactionRate') },
  ];
  const ratesChart = useMemo(() => ratesOption(stats.data?.rows ?? [], rates), [stats.data, t]);
  const bottleneckChart = useMemo(() => bottleneckOption(bottlenecks.data?.bottlenecks ?? [], { p90: t('p90Days'), average: t('averageDays') }), [bottlenecks.data, t]);
  const groupName = (g: GroupBy) => t(`groupBy_${g}`);
  const error = stats.error ?? bottlenecks.error;
  return (
    <div>
      <FilterBar extra={(
        <Segmented size="small" value={groupBy} onChange={(v) => setGroupBy(v as GroupBy)} options={GROUPS.map((g) => ({ value: g, label: groupName(g) }))} />
      )} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col span={12}><Card size="small" title={t('ratesChart', { group: groupName(groupBy) })}><Chart option={ratesChart} height={240} label={t('ratesChart', { group: groupName(groupBy) })} /></Card></Col>
        <Col span={12}><Card size="small" title={t('bottleneckChart')}><Chart option={bottleneckChart} height={240} label={t('bottleneckChart')} /></Card></Col>
        <Col span={24}>
          <Card size="small" title={t('statisticsTable', { group: groupName(groupBy) })}
            extra={<Downloads path="/api/statistics" params={{ ...params, groupBy }} name="statistics" />}>
            <Table<StatisticsRow> size="small" rowKey="key" loading={stats.loading && !stats.data} dataSource={stats.data?.rows ?? []}
              pagination={{ pageSize: 8, showSizeChanger: false }} scroll={{ x: 1100 }} data-testid="statistics"
              summary={() => stats.data && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><b>{t('total')}</b></Table.Summary.Cell>
                  {figureCells(stats.data.total).map((v, i) => <Table.Summary.Cell key={i} index={i + 1}>{v}</Table.Summary.Cell>)}
                </Table.Summary.Row>
              )}
              columns={[
                { title: groupName(groupBy), key: 'name', fixed: 'left', width: 160, ellipsis: true, render: (_: unknown, r) => (groupBy === 'level' ? levelName(t, r.key) : r.name || r.key) },
                ...FIGURE_TITLES.map((key, i) => ({ title: t(key), key, width: 90, render: (_: unknown, r: StatisticsRow) => figureCells(r)[i] })),
              ]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={`${t('bottleneckTable')} (${bottlenecks.data?.total ?? 0})`}
            extra={<Downloads path="/api/statistics/bottlenecks" params={{ ...params, limit: 1000 }} name="bottlenecks" />}>
            <Table<Bottleneck> size="small" rowKey={(b) => `${b.departmentId}:${b.itemCode}:${b.level}`} loading={bottlenecks.loading && !bottlenecks.data}
              dataSource={bottlenecks.data?.bottlenecks ?? []} pagination={{ pageSize: 8, showSizeChanger: false }} data-testid="bottlenecks"
              columns={[
                { title: t('department'), dataIndex: 'departmentName', ellipsis: true },
                { title: t('item'), dataIndex: 'itemName', ellipsis: true },
                { title: t('level'), dataIndex: 'level', width: 70, render: (l: string) => levelName(t, l) },
                { title: t('completed'), dataIndex: 'completed', width: 70 },
                { title: t('averageDays'), dataIndex: 'averageWorkingDays', width: 100, render: num },
                { title: t('p90Days'), dataIndex: 'p90WorkingDays', width: 100, render: num },
                { title: t('lateRate'), dataIndex: 'lateRate', width: 90, render: pct },
                { title: t('pendingOverdue'), dataIndex: 'pendingOverdue', width: 90 },
                { title: t('defaultsTotal'), key: 'defaults', width: 90, render: (_: unknown, b) => b.defaultConsents.total },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

const FIGURE_TITLES = ['accepted', 'finished', 'open', 'finishRate', 'onTimeRate', 'instantRate', 'speedUpRate', 'ratingRate', 'satisfactionRate', 'defaultsTotal', 'averageCaseDays'] as const;

function figureCells(f: StatisticsRow | Statistics['total']): (string | number)[] {
  return [
    f.accepted, f.finished, f.open, pct(f.finishRate), pct(f.onTimeRate), pct(f.instantRate), pct(f.speedUpRate), pct(f.ratingRate),
    pct(f.satisfactionRate), f.defaultConsents.total, num(f.caseWorkingDays.average),
  ];
}
