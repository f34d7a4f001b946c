/** 七公开: every approval item, searchable, for visitors and signed-in applicants alike. */
import { Card, Empty, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useT } from '../../shared/i18n.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { Loaded } from '../common/Loaded.tsx';
import { messages, type MessageKey } from '../messages.ts';
import type { CatalogueEntry } from '../types.ts';

/** `base`: where an item's page lives (`/catalogue` for visitors, `/enterprise/catalogue` signed in). */
export function CatalogueList({ base }: { base: string }) {
  const t = useT(messages);
  const [q, setQ] = useState('');
  // Applying within a project: the project travels along to the item and its form.
  const project = useSearchParams()[0].get('project');
  const to = (code: string) => `${base}/${code}${project ? `?project=${project}` : ''}`;
  const state = useLoad(() => get<{ items: CatalogueEntry[] }>(`/api/catalogue${q ? `?q=${encodeURIComponent(q)}` : ''}`), [q]);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('catalogueTitle')}</Typography.Title>
      <Input.Search allowClear placeholder={t('search')} onSearch={(v) => setQ(v.trim())} aria-label={t('search')} style={{ maxWidth: 480 }} />
      <Loaded state={state}>
        {({ items }) => items.length === 0 ? <Empty description={t('noItems')} /> : (
          <List grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} dataSource={items} renderItem={(item) => (
            <List.Item>
              <Card size="small" data-testid={`catalogue-item-${item.itemCode}`} title={<Link to={to(item.itemCode)}>{item.name}</Link>}>
                <Space direction="vertical" size={4}>
                  <Typography.Text type="secondary">{t('itemCode')}：{item.itemCode}</Typography.Text>
                  <Space wrap size={4}>
                    <Tag>{t(`form.${item.handlingForm}` as MessageKey)}</Tag>
                    <Tag color="blue">{t('promisedDays')} {t('days', { n: item.promisedDays })}</Tag>
                    {item.category && <Tag>{item.category}</Tag>}
                  </Space>
                  {item.implementingDepartment && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{item.implementingDepartment}</Typography.Paragraph>}
                  <Link to={to(item.itemCode)}>{t('viewDetail')}</Link>
                </Space>
              </Card>
            </List.Item>
          )} />
        )}
      </Loaded>
    </Flex>
  );
}
