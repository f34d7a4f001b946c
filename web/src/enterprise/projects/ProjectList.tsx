/** 我的项目: the applicant's construction projects, and registering a new one. */
import { Alert, Button, Card, Empty, Flex, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, get, post } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { useSession } from '../../shared/session.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { formatDay } from '../format.ts';
import { Loaded } from '../common/Loaded.tsx';
import { messages } from '../messages.ts';
import type { Project } from '../types.ts';

export function ProjectList() {
  const t = useT(messages);
  const { locale } = useLocale();
  const state = useLoad(() => get<{ projects: Project[] }>('/api/projects'), []);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1000, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('projectsTitle')}</Typography.Title>
      <RegisterProject />
      <Loaded state={state}>
        {({ projects }) => projects.length === 0 ? <Empty description={t('noProjects')} /> : (
          <List dataSource={projects} renderItem={(p) => (
            <List.Item data-testid={`project-${p.id}`} actions={[<Link key="open" to={p.id}>{t('openProject')}</Link>]}>
              <List.Item.Meta title={<Space wrap><Link to={p.id}>{p.name}</Link>{p.keyProject && <Tag color="green">{t('keyProject')}</Tag>}</Space>}
                description={`${p.regionCode} · ${formatDay(p.createdAt, locale)}`} />
            </List.Item>
          )} />
        )}
      </Loaded>
    </Flex>
  );
}

function RegisterProject() {
  const t = useT(messages);
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ name: string; regionCode: string }>();
  const [error, setError] = useState<string>();
  const submit = async (values: { name: string; regionCode: string }) => {
    setError(undefined);
    try {
      const project = await post<Project>('/api/projects', values);
      navigate(project.id, { state: { notice: t('projectRegistered') } });
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        form.setFields(Object.entries(e.fields).map(([name, reason]) => ({ name: name as 'name' | 'regionCode', errors: [reason] })));
      } else setError(String((e as Error).message));
    }
  };
  return (
    <Card size="small" title={t('registerProject')}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ regionCode: user?.regionCode }} style={{ rowGap: 8 }} data-testid="register-project">
        <Form.Item name="name" label={t('projectName')} rules={[{ required: true, whitespace: true, max: 200 }]} style={{ minWidth: 260, flex: '1 1 260px' }}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('projectRegion')} rules={[{ required: true, pattern: /^\d{6,12}$/ }]}>
          <Input inputMode="numeric" maxLength={12} style={{ width: 140 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">{t('register')}</Button>
      </Form>
      {error && <Alert style={{ marginTop: 8 }} type="error" message={error} />}
    </Card>
  );
}
