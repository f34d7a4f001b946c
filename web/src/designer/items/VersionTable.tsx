/** The versions of one item, newest first: open any of them, compare with the previous or any two. */
import { Button, Space, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useT } from '../../shared/i18n.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { messages } from '../messages.ts';
import type { VersionRow } from './api-types.ts';

export function VersionTable({ itemCode, reloadKey = 0 }: { itemCode: string; reloadKey?: number }) {
  const t = useT(messages);
  const navigate = useNavigate();
  const versions = useLoad(() => get<{ versions: VersionRow[] }>(`/api/definitions/${encodeURIComponent(itemCode)}/versions`), [itemCode, reloadKey]);
  const [selected, setSelected] = useState<number[]>([]);
  const rows = [...(versions.data?.versions ?? [])].reverse();
  const base = `/designer/items/${encodeURIComponent(itemCode)}`;
  const compare = (a: number, b: number) => navigate(`${base}/diff/${Math.min(a, b)}/${Math.max(a, b)}`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`versions-${itemCode}`}>
      <Table<VersionRow> rowKey="id" size="small" loading={versions.loading} dataSource={rows} pagination={false}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected((keys as number[]).slice(-2)) }}
        columns={[
          { title: t('version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: t('itemName'), dataIndex: 'name' },
          { title: t('deployedAt'), dataIndex: 'deployedAt', width: 170, render: (d: string) => new Date(d).toLocaleString() },
          { title: t('deployedBy'), dataIndex: 'deployedBy', width: 120, render: (d: string | null) => d ?? '—' },
          {
            title: t('actions'), width: 220, render: (_, row, index) => (
              <Space>
                <Button size="small" onClick={() => navigate(`${base}?version=${row.id}`)}>{t('open')}</Button>
                {rows[index + 1] && <Button size="small" onClick={() => compare(rows[index + 1]!.id, row.id)}>{t('compareWithPrevious')}</Button>}
              </Space>
            ),
          },
        ]} />
      <Button size="small" disabled={selected.length !== 2} onClick={() => compare(selected[0]!, selected[1]!)}>{t('compareSelected')}</Button>
    </Space>
  );
}
