/** Every item with its latest version: open it, open any version, compare versions, or import a file. */
import { Alert, Button, Card, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useT } from '../../shared/i18n.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { messages } from '../messages.ts';
import type { DraftRow, ItemRow } from './api-types.ts';
import { VersionTable } from './VersionTable.tsx';

export function ItemList() {
  const t = useT(messages);
  const navigate = useNavigate();
  const items = useLoad(() => get<{ items: ItemRow[] }>('/api/definitions'), []);
  const drafts = useLoad(() => get<{ drafts: DraftRow[] }>('/api/definitions/drafts'), []);
  const draftOf = new Map((drafts.data?.drafts ?? []).map((d) => [d.itemCode, d]));
  const deployed = new Set((items.data?.items ?? []).map((i) => i.itemCode));
  const newDrafts = (drafts.data?.drafts ?? []).filter((d) => !deployed.has(d.itemCode));
  const [expanded, setExpanded] = useState<string[]>([]);
  const importFile = async (file: File) => {
    navigate('/designer/import', { state: { xml: await file.text(), fileName: file.name } });
    return false;
  };
  return (
    <Card title={t('items')} extra={
      <Upload accept=".bpmn,.xml" showUploadList={false} beforeUpload={(file) => { void importFile(file); return false; }}>
        <Button data-testid="import-bpmn">{t('importFile')}</Button>
      </Upload>
    }>
      {items.error && <Alert type="error" showIcon title={t('loadFailed', { message: items.error.message })} />}
      <Table<ItemRow> rowKey="itemCode" size="middle" loading={items.loading} dataSource={items.data?.items ?? []} pagination={false}
        expandable={{
          expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          expandedRowRender: (item) => <VersionTable itemCode={item.itemCode} />,
        }}
        columns={[
          { title: t('itemCode'), dataIndex: 'itemCode', width: 140 },
          {
            title: t('itemName'), dataIndex: 'name', render: (name: string, item) => (
              <Space size={4}>
                <Link to={`items/${item.itemCode}`}>{name}</Link>
                {draftOf.has(item.itemCode) && <Tag color="blue">{t('hasDraft', { revision: draftOf.get(item.itemCode)!.revision })}</Tag>}
              </Space>
            ),
          },
          { title: t('form'), dataIndex: 'handlingForm', width: 90, render: (f: string) => t(`form.${f}` as 'form.joint') },
          { title: t('levels'), dataIndex: 'levels', width: 120, render: (levels: string[]) => levels.map((l) => <Tag key={l}>{t(`level.${l}` as 'level.city')}</Tag>) },
          { title: t('latest'), width: 80, render: (_, item) => `v${item.latest.version}` },
          { title: t('deployedAt'), width: 170, render: (_, item) => new Date(item.latest.deployedAt).toLocaleString() },
          {
            title: t('actions'), width: 200, render: (_, item) => (
              <Space>
                <Button type="primary" size="small" onClick={() => navigate(`items/${item.itemCode}`)}>{t('openLatest')}</Button>
                <Button size="small" onClick={() => setExpanded((e) => (e.includes(item.itemCode) ? e.filter((c) => c !== item.itemCode) : [...e, item.itemCode]))}>
                  {t('showVersions')} ({item.versions})
                </Button>
              </Space>
            ),
          },
        ]} />
      {newDrafts.length > 0 && (
        <Table<DraftRow> style={{ marginTop: 16 }} title={() => t('newDrafts')} rowKey="itemCode" size="small" pagination={false} dataSource={newDrafts}
          columns={[
            { title: t('itemCode'), dataIndex: 'itemCode', width: 140 },
            { title: t('itemName'), dataIndex: 'name', render: (name: string | null, d) => <Link to={`items/${encodeURIComponent(d.itemCode)}`}>{name ?? d.itemCode}</Link> },
            { title: t('savedBy'), dataIndex: 'savedByName', width: 140 },
            { title: t('savedAt'), dataIndex: 'savedAt', width: 170, render: (at: string) => new Date(at).toLocaleString() },
          ]} />
      )}
    </Card>
  );
}
