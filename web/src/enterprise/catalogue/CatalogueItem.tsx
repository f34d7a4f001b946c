/** One item's 七公开 page: content, legal basis, conditions, materials, procedure, limits, fees — and where to apply. */
import { Button, Card, Descriptions, Flex, List, Space, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useT } from '../../shared/i18n.tsx';
import { useSession } from '../../shared/session.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { Loaded } from '../common/Loaded.tsx';
import { messages, type MessageKey } from '../messages.ts';
import type { CatalogueEntry } from '../types.ts';

function Section({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <Card size="small" title={title}>
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>{items.map((text, i) => <li key={i}>{text}</li>)}</ol>
    </Card>
  );
}

export function CatalogueItem({ base }: { base: string }) {
  const t = useT(messages);
  const { itemCode = '' } = useParams();
  const [search] = useSearchParams();
  const { user } = useSession();
  const state = useLoad(() => get<CatalogueEntry>(`/api/catalogue/${encodeURIComponent(itemCode)}`), [itemCode]);
  const project = search.get('project');
  const applyTo = `/enterprise/apply/${itemCode}${project ? `?project=${project}` : ''}`;
  return (
    <Loaded state={state}>
      {(item) => (
        <Flex vertical gap={12} style={{ maxWidth: 1000, margin: '0 auto' }}>
          <Link to={base}>‹ {t('back')}</Link>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Typography.Title level={3} style={{ margin: 0 }}>{item.name}</Typography.Title>
            {item.startedBy !== 'applicant'
              ? <Tag color="blue" data-testid="not-applied-for">{t(item.startedBy === 'hotline' ? 'startedByHotline' : 'startedBySystem')}</Tag>
              : user?.role === 'applicant'
                ? <Link to={applyTo}><Button type="primary" data-testid="apply-button">{t('apply')}</Button></Link>
                : !user && <Link to="/login" state={{ from: applyTo }}><Button type="primary">{t('signInToApply')}</Button></Link>}
          </Flex>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('itemCode')}>{item.itemCode}</Descriptions.Item>
            <Descriptions.Item label={t('handlingForm')}>{t(`form.${item.handlingForm}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('promisedDays')}>{t('days', { n: item.promisedDays })}</Descriptions.Item>
            <Descriptions.Item label={t('statutoryDays')}>{t('days', { n: item.statutoryDays })}</Descriptions.Item>
            {item.greenPromisedDays !== null && <Descriptions.Item label={t('greenDays')}>{t('days', { n: item.greenPromisedDays })}</Descriptions.Item>}
            {item.category && <Descriptions.Item label={t('category')}>{item.category}</Descriptions.Item>}
            {item.implementingDepartment && <Descriptions.Item label={t('implementingDepartment')} span={2}>{item.implementingDepartment}</Descriptions.Item>}
            {item.departments.length > 0 && <Descriptions.Item label={t('departments')} span={2}>{item.departments.map((d) => <Tag key={d.code}>{d.name}</Tag>)}</Descriptions.Item>}
            {item.consultation && <Descriptions.Item label={t('consultation')}>{item.consultation}</Descriptions.Item>}
          </Descriptions>
          <Card size="small" title={t('materials')}>
            <List size="small" dataSource={item.materials} renderItem={(m) => (
              <List.Item><Space wrap><Typography.Text>{m.name}</Typography.Text><Tag color={m.essential ? 'red' : 'default'}>{m.essential ? t('essential') : t('optional')}</Tag></Space></List.Item>
            )} />
          </Card>
          <Section title={t('conditions')} items={item.conditions} />
          <Section title={t('procedure')} items={item.procedure} />
          <Section title={t('legalBasis')} items={item.legalBasis.map((l) => `${l.title}${l.articles ? ` ${l.articles}` : ''}`)} />
          <Section title={t('fees')} items={item.fees.map((f) => `${f.name}：${f.amount}${f.basis ? `（${f.basis}）` : ''}`)} />
          {item.notes && <Card size="small" title={t('notes')}><Typography.Paragraph style={{ margin: 0 }}>{item.notes}</Typography.Paragraph></Card>}
        </Flex>
      )}
    </Loaded>
  );
}
