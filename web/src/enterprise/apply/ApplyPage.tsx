/**
 * 在线申报: the form is the item's materials list — one upload per material — plus the window's
 * region and, optionally, the project the case belongs to. Sent once (Idempotency-Key).
 */
import { Alert, Button, Card, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, get, post } from '../../shared/api.ts';
import { useT } from '../../shared/i18n.tsx';
import { useSession } from '../../shared/session.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { newIdempotencyKey } from '../common/idempotency-key.ts';
import { Loaded } from '../common/Loaded.tsx';
import { MaterialUpload } from '../common/MaterialUpload.tsx';
import { messages } from '../messages.ts';
import type { CaseDetail, CatalogueEntry, Project, Upload } from '../types.ts';

interface Values { regionCode: string; projectId?: string }

export function ApplyPage() {
  const { itemCode = '' } = useParams();
  const [search] = useSearchParams();
  const state = useLoad(async () => {
    const [item, { projects }] = await Promise.all([
      get<CatalogueEntry>(`/api/catalogue/${encodeURIComponent(itemCode)}`), get<{ projects: Project[] }>('/api/projects'),
    ]);
    return { item, projects };
  }, [itemCode]);
  return (
    <Loaded state={state}>
      {({ item, projects }) => item.startedBy === 'applicant'
        ? <ApplyForm item={item} projects={projects} projectId={search.get('project') ?? undefined} />
        : <NotAppliedFor item={item} />}
    </Loaded>
  );
}

// A 12345 order or a 差评核查 is never applied for (the server refuses it too): say where it comes from.
function NotAppliedFor({ item }: { item: CatalogueEntry }) {
  const t = useT(messages);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 800, margin: '0 auto' }}>
      <Link to={`/enterprise/catalogue/${item.itemCode}`}>‹ {t('back')}</Link>
      <Alert type="info" showIcon data-testid="not-applied-for" message={item.name}
        description={t(item.startedBy === 'hotline' ? 'startedByHotline' : 'startedBySystem')} />
    </Flex>
  );
}

function ApplyForm({ item, projects, projectId }: { item: CatalogueEntry; projects: Project[]; projectId?: string }) {
  const t = useT(messages);
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<Record<string, Upload[]>>({});
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  // One key per filled-in form: a second click or a retried request cannot apply twice.
  const key = useMemo(() => newIdempotencyKey(), []);
  const project = projects.find((p) => p.id === projectId);
  const missing = item.materials.filter((m) => m.essential && !(files[m.code]?.length));

  const submit = async (values: Values) => {
    setSending(true);
    setError(undefined);
    try {
      const named = item.materials.flatMap((m) => (files[m.code] ?? []).map((u) => ({ material: m.code, uploadId: u.id })));
      const created = await post<CaseDetail>('/api/cases', { itemCode: item.itemCode, regionCode: values.regionCode, projectId: values.projectId || undefined, files: named }, { 'idempotency-key': key });
      navigate(values.projectId ? `/enterprise/projects/${values.projectId}` : `/enterprise/cases/${created.id}`, { state: { notice: t('applied', { number: created.caseNumber }) } });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(Object.entries(e.fields).filter(([path]) => path === 'regionCode' || path === 'projectId').map(([name, reason]) => ({ name: name as keyof Values, errors: [reason] })));
        setError(t('applyFailed', { message: Object.values(e.fields).join('；') || e.message }));
      } else setError(t('applyFailed', { message: String(e) }));
    } finally {
      setSending(false);
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 900, margin: '0 auto' }}>
      <Link to={`/enterprise/catalogue/${item.itemCode}`}>‹ {t('back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('applyTitle', { name: item.name })}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="apply-form"
        initialValues={{ regionCode: project?.regionCode ?? user?.regionCode ?? '', projectId: project?.id ?? '' }}>
        <Card size="small">
          <Form.Item name="regionCode" label={t('regionCode')} extra={t('regionHelp')} rules={[{ required: true, pattern: /^\d{6,12}$/ }]}>
            <Input inputMode="numeric" maxLength={12} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item name="projectId" label={t('project')}>
            <Select style={{ maxWidth: 480 }} options={[{ value: '', label: t('noProject') }, ...projects.map((p) => ({ value: p.id, label: p.name }))]} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('materialFiles')} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('uploadHint')}</Typography.Text>
          {item.materials.map((m) => (
            <Flex key={m.code} data-testid={`material-${m.code}`} vertical gap={4} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
              <Space wrap size={4}>
                <Typography.Text>{m.name}</Typography.Text>
                <Tag color={m.essential ? 'red' : 'default'}>{m.essential ? t('essential') : t('optional')}</Tag>
              </Space>
              <MaterialUpload testId={`upload-${m.code}`} onChange={(uploads) => setFiles((f) => ({ ...f, [m.code]: uploads }))} />
            </Flex>
          ))}
        </Card>
        {missing.length > 0 && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('missingEssential', { names: missing.map((m) => m.name).join('、') })} />}
        {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} data-testid="apply-error" />}
        <Button style={{ marginTop: 12 }} type="primary" htmlType="submit" loading={sending} data-testid="submit-application">{sending ? t('submitting') : t('submitApplication')}</Button>
      </Form>
    </Flex>
  );
}
