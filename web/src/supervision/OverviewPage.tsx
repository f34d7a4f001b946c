/**
 * 预警总览: every red and yellow light in the region now — department steps and whole cases —
 * with the month's default consents and 问责记录 at a glance. Reloads on any case event of the
 * region and every minute; says when its data was taken (the server's clock).
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { Light } from '../shared/light.tsx';
import { useLoad } from '../shared/use-load.ts';
import { Chart } from './chart.tsx';
import { lightsByDepartmentOption, lightsByRegionOption } from './chart-options.ts';
import { Downloads } from './downloads.tsx';
import { FilterBar, useFilters } from './filters.tsx';
import { GreenChannel } from './green.tsx';
import { useLiveReload } from '../shared/live-reload.ts';
import { levelName, messages } from './messages.ts';
import { apiPath, periodParams, scopeParams, shanghaiMinute } from './query.ts';
import type { Accountability, CaseWarning, DefaultConsents, TaskWarning, Warnings } from './types.ts';

type LightFilter = 'all' | 'red' | 'yellow';

export function OverviewPage() {
  const t = useT(messages);
  const { filters, itemName, regionName } = useFilters();
  const [light, setLight] = useState<LightFilter>('all');
  const scope = scopeParams(filters);
  const period = periodParams(filters);
  const warnings = useLoad(() => get<Warnings>(apiPath('/api/supervision/warnings', scope)), [filters.regionCode, filters.departmentId]);
  const month = useLoad(() => Promise.all([
    get<DefaultConsents>(apiPath('/api/supervision/default-consents', period)),
    get<Accountability>(apiPath('/api/supervision/accountability', period)),
  ]), [filters.month, filters.regionCode, filters.departmentId]);
  const reload = () => { warnings.reload(); month.reload(); };
  useLiveReload(reload);

  const w = warnings.data;
  const shown = <T extends { light: string }>(rows: T[] = []) => (light === 'all' ? rows : rows.filter((r) => r.light === light));
  const chart = useMemo(() => lightsByDepartmentOption(w?.tasks ?? [], { red: t('red'), yellow: t('yellow'), none: t('noDepartment') }), [w, t]);
  const regionChart = useMemo(() => lightsByRegionOption([...(w?.tasks ?? []), ...(w?.cases ?? [])], regionName, { red: t('red'), yellow: t('yellow') }), [w, t, regionName]);
  const downloadParams = { ...scope, light: light === 'all' ? null : light };

  return (
    <div>
      <FilterBar extra={(
        <Space size={8}>
          <Typography.Text type="secondary" data-testid="updated-at">
            {w ? t('updatedAt', { at: shanghaiMinute(w.at) }) : t('loading')}
          </Typography.Text>
          <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={warnings.loading && !!w}>{t('refresh')}</Button>
        </Space>
      )} />
      {warnings.error && <Alert type="error" showIcon title={warnings.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col span={4}><Card size="small"><Statistic title={t('redTasks')} value={w?.counts.tasks.red ?? '–'} styles={{ content: { color: '#cf1322' } }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('yellowTasks')} value={w?.counts.tasks.yellow ?? '–'} styles={{ content: { color: '#d48806' } }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('redCases')} value={w?.counts.cases.red ?? '–'} styles={{ content: { color: '#cf1322' } }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('yellowCases')} value={w?.counts.cases.yellow ?? '–'} styles={{ content: { color: '#d48806' } }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('monthDefaults', { month: filters.month })} value={month.data?.[0].total ?? '–'} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('monthAccountability', { month: filters.month })} value={month.data?.[1].total ?? '–'} /></Card></Col>
        <Col span={16}>
          <Card size="small" title={t('lightsByDepartment')}>
            <Chart option={chart} height={220} label={t('lightsByDepartment')} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('lightsByRegion')}>
            <Chart option={regionChart} height={220} label={t('lightsByRegion')} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              tabBarExtraContent={(
                <Space>
                  <Segmented size="small" value={light} onChange={(v) => setLight(v as LightFilter)}
                    options={[{ value: 'all', label: t('allLights') }, { value: 'red', label: t('overdueOnly') }, { value: 'yellow', label: t('nearOnly') }]} />
                  <Downloads path="/api/supervision/warnings" params={downloadParams} name="warnings" />
                </Space>
              )}
              items={[
                { key: 'tasks', label: `${t('taskWarnings')} (${shown(w?.tasks).length})`, children: <TaskTable rows={shown(w?.tasks)} loading={!w && warnings.loading} itemName={itemName} onChanged={reload} /> },
                { key: 'cases', label: `${t('caseWarnings')} (${shown(w?.cases).length})`, children: <CaseTable rows={shown(w?.cases)} loading={!w && warnings.loading} itemName={itemName} regionName={regionName} onChanged={reload} /> },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function DaysCell({ light, remaining, overdue }: { light: string; remaining: number; overdue: number }) {
  const t = useT(messages);
  return light === 'red'
    ? <Typography.Text type="danger">{t('overdueDays', { n: overdue })}</Typography.Text>
    : <Typography.Text>{t('remainingDays', { n: remaining })}</Typography.Text>;
}

function TaskTable({ rows, loading, itemName, onChanged }: { rows: TaskWarning[]; loading: boolean; itemName(code: string): string; onChanged(): void }) {
  const t = useT(messages);
  return (
    <Table<TaskWarning> size="small" rowKey="taskId" loading={loading} dataSource={rows} pagination={{ pageSize: 10, showSizeChanger: false }}
      data-testid="task-warnings" scroll={{ x: 1000 }}
      columns={[
        { title: t('light'), dataIndex: 'light', width: 70, render: (l: string) => <Light light={l} /> },
        { title: t('caseNumber'), dataIndex: 'caseNumber', width: 150 },
        { title: t('item'), dataIndex: 'itemCode', ellipsis: true, render: (code: string) => itemName(code) },
        { title: t('department'), dataIndex: 'departmentName', ellipsis: true, render: (name: string | null) => name ?? t('noDepartment') },
        { title: t('level'), dataIndex: 'level', width: 70, render: (l: string | null) => levelName(t, l) },
        { title: t('status'), dataIndex: 'status', width: 80, render: (s: string) => (s === 'open' ? <Tag>{t('unsigned')}</Tag> : <Tag color="blue">{t('signed')}</Tag>) },
        {
          title: t('limit'), key: 'limit', width: 140,
          // An unsigned step late for 签收 is late against its sign-for limit.
          render: (_: unknown, r) => shanghaiMinute(r.status === 'open' && r.signDueAt && r.light === 'red' && r.signDueAt < r.dueAt ? r.signDueAt : r.dueAt),
        },
        { title: t('days'), key: 'days', width: 140, render: (_: unknown, r) => <DaysCell light={r.light} remaining={r.remainingWorkingDays} overdue={r.overdueWorkingDays} /> },
        { title: t('action'), key: 'action', width: 150, render: (_: unknown, r) => <GreenChannel caseId={r.caseId} caseNumber={r.caseNumber} green={r.green} onDone={onChanged} /> },
      ]} />
  );
}

function CaseTable({ rows, loading, itemName, regionName, onChanged }: {
  rows: CaseWarning[]; loading: boolean; itemName(code: string): string; regionName(code: string): string; onChanged(): void;
}) {
  const t = useT(messages);
  return (
    <Table<CaseWarning> size="small" rowKey="caseId" loading={loading} dataSource={rows} pagination={{ pageSize: 10, showSizeChanger: false }}
      data-testid="case-warnings"
      columns={[
        { title: t('light'), dataIndex: 'light', width: 70, render: (l: string) => <Light light={l} /> },
        { title: t('caseNumber'), dataIndex: 'caseNumber', width: 150 },
        { title: t('item'), dataIndex: 'itemCode', ellipsis: true, render: (code: string) => itemName(code) },
        { title: t('region'), dataIndex: 'regionCode', width: 100, render: (code: string) => regionName(code) },
        { title: t('level'), dataIndex: 'level', width: 70, render: (l: string) => levelName(t, l) },
        { title: t('promisedLimit'), dataIndex: 'dueAt', width: 140, render: (d: string) => shanghaiMinute(d) },
        { title: t('days'), key: 'days', width: 140, render: (_: unknown, r) => <DaysCell light={r.light} remaining={r.remainingWorkingDays} overdue={r.overdueWorkingDays} /> },
        { title: t('action'), key: 'action', width: 150, render: (_: unknown, r) => <GreenChannel caseId={r.caseId} caseNumber={r.caseNumber} green={r.green} onDone={onChanged} /> },
      ]} />
  );
}
