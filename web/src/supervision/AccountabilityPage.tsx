/** 问责记录 of the month: which department let which limit pass, on what basis; by department, and as a download. */
import { Alert, Card, Col, Row, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { Chart } from './chart.tsx';
import { basisByDepartmentOption, COLOURS } from './chart-options.ts';
import { Downloads } from './downloads.tsx';
import { FilterBar, useFilters } from './filters.tsx';
import { useLiveReload } from '../shared/live-reload.ts';
import { basisNames, levelName, messages } from './messages.ts';
import { apiPath, periodParams, shanghaiMinute } from './query.ts';
import type { Accountability, AccountabilityRecord, Basis } from './types.ts';

export function AccountabilityPage() {
  const t = useT(messages);
  const { filters, itemName } = useFilters();
  const params = periodParams(filters);
  const data = useLoad(() => get<Accountability>(apiPath('/api/supervision/accountability', params)), [filters.month, filters.regionCode, filters.departmentId]);
  useLiveReload(data.reload);
  const names = basisNames(t);
  const bars = useMemo(() => basisByDepartmentOption(data.data?.byDepartment ?? [], names, t('noDepartment')), [data.data, t]);
  return (
    <div>
      <FilterBar />
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col span={24}><Card size="small" title={t('accountabilityByDepartment')}><Chart option={bars} height={220} label={t('accountabilityByDepartment')} /></Card></Col>
        <Col span={24}>
          <Card size="small" title={`${t('accountabilityList', { month: filters.month })} (${data.data?.total ?? 0})`}
            extra={<Downloads path="/api/supervision/accountability" params={params} name="accountability" />}>
            <Table<AccountabilityRecord> size="small" rowKey={(r) => `${r.taskId}:${r.recordedAt}`} loading={data.loading && !data.data}
              dataSource={data.data?.records ?? []} pagination={{ pageSize: 10, showSizeChanger: false }} data-testid="accountability"
              columns={[
                { title: t('recordedAt'), dataIndex: 'recordedAt', width: 140, render: (d: string) => shanghaiMinute(d) },
                { title: t('department'), dataIndex: 'departmentName', ellipsis: true, render: (n: string | null) => n ?? t('noDepartment') },
                { title: t('level'), dataIndex: 'level', width: 70, render: (l: string | null) => levelName(t, l) },
                { title: t('caseNumber'), dataIndex: 'caseNumber', width: 150 },
                { title: t('item'), dataIndex: 'itemCode', ellipsis: true, render: (c: string) => itemName(c) },
                { title: t('basis'), dataIndex: 'basis', width: 110, render: (b: Basis) => <Tag color={COLOURS.basis[b]}>{names[b]}</Tag> },
                { title: t('limit'), dataIndex: 'limitAt', width: 140, render: (d: string) => shanghaiMinute(d) },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
