/** 我的办件: the applicant's cases, newest first. */
import { Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { Loaded } from '../common/Loaded.tsx';
import { formatTime } from '../format.ts';
import { messages, type MessageKey } from '../messages.ts';
import type { CaseSummary, CatalogueEntry } from '../types.ts';

export function CaseList() {
  const t = useT(messages);
  const { locale } = useLocale();
  const state = useLoad(async () => {
    const [{ cases }, { items }] = await Promise.all([get<{ cases: CaseSummary[] }>('/api/cases?limit=100'), get<{ items: CatalogueEntry[] }>('/api/catalogue')]);
    return { cases, names: new Map(items.map((i) => [i.itemCode, i.name])) };
  }, []);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1000, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('myCases')}</Typography.Title>
      <Loaded state={state}>
        {({ cases, names }) => cases.length === 0 ? <Empty description={t('noMyCases')} /> : (
          <List dataSource={cases} renderItem={(c) => (
            <List.Item data-testid={`case-row-${c.caseNumber}`} actions={[<Link key="open" to={c.id}>{t('openCase')}</Link>]}>
              <List.Item.Meta
                title={<Space wrap><Link to={c.id}>{names.get(c.itemCode) ?? c.itemCode}</Link><Tag>{t(`status.${c.status}` as MessageKey)}</Tag>{c.green && <Tag color="green">{t('green')}</Tag>}</Space>}
                description={`${t('caseNumber')} ${c.caseNumber} · ${t('appliedAt')} ${formatTime(c.createdAt, locale)}`} />
            </List.Item>
          )} />
        )}
      </Loaded>
    </Flex>
  );
}
