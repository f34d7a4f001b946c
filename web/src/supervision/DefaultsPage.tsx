/**
 * 默认同意: the opinions recorded by a default rule in the month (超时 / 不作为 / 未签收 / 缺席默认),
 * their share by basis and by department, and the list itself — also as a download.
 */
import { Alert, Card, Col, Row, Segmented, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { Chart } from './chart.tsx';
import { basisByDepartmentOption, basisPieOption, COLOURS } from './chart-options.ts';
import { Downloads } from './downloads.tsx';
import { FilterBar, useFilters } from './filters.tsx';
import { useLiveReload } from '../shared/live-reload.ts';
import { basisNames, levelName, messages } from './messages.ts';
import { apiPath, periodParams, shanghaiMinute } from './query.ts';
import { BASES, type Basis, type DefaultConsent, type DefaultConsents } from './types.ts';

export function DefaultsPage() {
  const t = useT(messages);
  const { filters, itemName } = useFilters();
  const [basis, setBasis] = useState<Basis | 'all'>('all');
  const params = periodParams(filters);
  const data = useLoad(() => get<DefaultConsents>(apiPath('/api/supervision/default-consents', params)), [filters.month, filters.regionCode, filters.departmentId]);
  useLiveReload(data.reload);
  const names = basisNames(t);
  const pie = useMemo(() => basisPieOption(data.data?.byBasis ?? {}, names), [data.data, t]);
  const bars = useMemo(() => basisByDepartmentOption(data.data?.byDepartment ?? [], names, t('noDepartment')), [data.data, t]);
  const rows = (data.data?.opinions ?? []).filter((o) => basis === 'all' || o.basis === basis);
  return (
    <div>
      <FilterBar />
      {data.error && <Alert type="error" showIcon title={data.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col span={8}><Card size="small" title={t('defaultsByBasis')}><Chart option={pie} height={220} label={t('defaultsByBasis')} /></Card></Col>
        <Col span={16}><Card size="small" title={t('defaultsByDepartment')}><Chart option={bars} height={220} label={t('defaultsByDepartment')} /></Card></Col>
        <Col span={24}>
          <Card size="small" title={`${t('defaultList', { month: filters.month })} (${rows.length})`}
            extra={<Downloads path="/api/supervision/default-consents" params={{ ...params, basis: basis === 'all' ? null : basis }} name="default-consents" />}>
            <Segmented size="small" style={{ marginBottom: 8 }} value={basis} onChange={(v) => setBasis(v as Basis | 'all')}
              options={[{ value: 'all', label: t('allBases') }, ...BASES.map((b) => ({ value: b, label: `${names[b]} ${data.data?.byBasis[b] ?? 0}` }))]} />
            <Table<DefaultConsent> size="small" rowKey={(o) => `${o.taskId}:${o.recordedAt}`} loading={data.loading && !data.data} dataSource={rows}
              pagination={{ pageSize: 10, showSizeChanger: false }} data-testid="default-consents"
              columns={[
                { title: t('recordedAt'), dataIndex: 'recordedAt', width: 140, render: (d: string) => shanghaiMinute(d) },
                { title: t('caseNumber'), dataIndex: 'caseNumber', width: 150 },
                { title: t('item'), dataIndex: 'itemCode', ellipsis: true, render: (c: string) => itemName(c) },
                { title: t('department'), dataIndex: 'departmentName', ellipsis: true, render: (n: string | null) => n ?? t('noDepartment') },
                { title: t('level'), dataIndex: 'level', width: 70, render: (l: string | null) => levelName(t, l) },
                { title: t('basis'), dataIndex: 'basis', width: 110, render: (b: Basis) => <Tag color={COLOURS.basis[b]}>{names[b]}</Tag> },
                { title: t('decision'), dataIndex: 'decision', width: 90, render: (d: string) => (d === 'approve' ? t('approve') : d) },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
