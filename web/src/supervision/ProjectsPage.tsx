/**
 * 重点项目: the construction projects sited in the supervisor's region, each with its cases;
 * marking one a key project puts every running case of it on the green channel (compressed
 * limits, first in every inbox), with an optional named helper (帮办).
 */
import { FlagOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Select, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { ApiError, get, post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { useLoad } from '../shared/use-load.ts';
import { FilterBar, useFilters } from './filters.tsx';
import { caseStatus, messages } from './messages.ts';
import { apiPath, shanghaiMinute } from './query.ts';

interface Project {
  id: string;
  name: string;
  regionCode: string;
  applicantId: string;
  keyProject: boolean;
  helperId: string | null;
  markedAt: string | null;
  createdAt: string;
}

interface ProjectCase { id: string; caseNumber: string; itemCode: string; status: string; green: boolean; dueAt: string | null }

export function ProjectsPage() {
  const t = useT(messages);
  const { filters, regionName } = useFilters();
  const projects = useLoad(() => get<{ projects: Project[] }>(apiPath('/api/projects', { regionCode: filters.regionCode })), [filters.regionCode]);
  return (
    <div>
      <FilterBar />
      {projects.error && <Alert type="error" showIcon title={projects.error.message} style={{ marginBottom: 12 }} />}
      <Card size="small" title={`${t('projects')} (${projects.data?.projects.length ?? 0})`}>
        <Table<Project> size="small" rowKey="id" loading={projects.loading && !projects.data} dataSource={projects.data?.projects ?? []}
          pagination={{ pageSize: 12, showSizeChanger: false }} data-testid="projects"
          expandable={{ expandedRowRender: (p) => <ProjectCases projectId={p.id} /> }}
          columns={[
            { title: t('projectName'), dataIndex: 'name', ellipsis: true },
            { title: t('region'), dataIndex: 'regionCode', width: 110, render: (c: string) => regionName(c) },
            { title: t('registeredAt'), dataIndex: 'createdAt', width: 140, render: (d: string) => shanghaiMinute(d) },
            {
              title: t('keyProject'), key: 'key', width: 220,
              render: (_: unknown, p) => (p.keyProject
                ? <span><Tag color="green">{t('keyProject')}</Tag>{p.markedAt && <Typography.Text type="secondary">{shanghaiMinute(p.markedAt)}</Typography.Text>}</span>
                : <MarkKey project={p} onDone={projects.reload} />),
            },
          ]} />
      </Card>
    </div>
  );
}

function ProjectCases({ projectId }: { projectId: string }) {
  const t = useT(messages);
  const { itemName } = useFilters();
  const detail = useLoad(() => get<{ cases: ProjectCase[] }>(`/api/projects/${projectId}`), [projectId]);
  return (
    <Table<ProjectCase> size="small" rowKey="id" loading={detail.loading} dataSource={detail.data?.cases ?? []} pagination={false}
      columns={[
        { title: t('caseNumber'), dataIndex: 'caseNumber', width: 160 },
        { title: t('item'), dataIndex: 'itemCode', ellipsis: true, render: (c: string) => itemName(c) },
        { title: t('status'), dataIndex: 'status', width: 110, render: (s: string) => caseStatus(t, s) },
        { title: t('promisedLimit'), dataIndex: 'dueAt', width: 140, render: (d: string | null) => (d ? shanghaiMinute(d) : '—') },
        { title: t('green'), dataIndex: 'green', width: 100, render: (g: boolean) => (g ? <Tag color="green">{t('green')}</Tag> : '—') },
      ]} />
  );
}

interface Helper { id: string; displayName: string; role: string; regionName: string; departmentName: string | null }

// 帮办: window and department staff of the project's region and below, searched on the server as typed.
function HelperSelect({ projectId, value, onChange, invalid }: { projectId: string; value: string; onChange(id: string): void; invalid: boolean }) {
  const t = useT(messages);
  const [q, setQ] = useState('');
  const helpers = useLoad(() => get<{ helpers: Helper[] }>(`/api/projects/${projectId}/helpers${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`).then((r) => r.helpers), [projectId, q]);
  return (
    <Select aria-label={t('helperId')} placeholder={t('helperId')} style={{ width: '100%' }} allowClear showSearch filterOption={false}
      value={value || undefined} onChange={(v) => onChange(v ?? '')} onSearch={setQ} loading={helpers.loading} status={invalid ? 'error' : undefined}
      options={(helpers.data ?? []).map((h) => ({ value: h.id, label: `${h.displayName} · ${h.departmentName ?? `${h.regionName}${t('windowStaff')}`}` }))} />
  );
}

function MarkKey({ project, onDone }: { project: Project; onDone(): void }) {
  const t = useT(messages);
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [helperId, setHelperId] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (user?.role !== 'supervisor') return <span>—</span>;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await post<{ markedCases: unknown[] }>(`/api/projects/${project.id}/key`, helperId.trim() ? { helperId: helperId.trim() } : {});
      message.success(t('keyDone', { name: project.name, n: r.markedCases.length }));
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.helperId ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" icon={<FlagOutlined />} onClick={() => { setHelperId(''); setError(undefined); setOpen(true); }}>{t('markKey')}</Button>
      <Modal open={open} title={t('markKeyTitle', { name: project.name })} okText={t('markKey')} cancelText={t('cancel')} confirmLoading={busy}
        onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('markKeyHint')}</Typography.Paragraph>
        <HelperSelect projectId={project.id} value={helperId} onChange={setHelperId} invalid={!!error} />
        {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      </Modal>
    </>
  );
}
