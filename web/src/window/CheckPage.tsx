/**
 * 受理审查: the clerk checks each material against what was uploaded, then accepts (容缺 for
 * optional materials on the green channel, each with a promised date) or refuses with every
 * reason at once; afterwards the notices are printed from here.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { formatDate } from '../department/format.ts';
import { get, post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useLoad } from '../shared/use-load.ts';
import { decideAcceptance, type MaterialCheck } from './acceptance-rules.ts';
import { messages, type MessageKey } from './messages.ts';
import { NoticeLinks } from './NoticeLinks.tsx';

interface Notice {
  kind: 'acceptance' | 'refusal' | 'pending'; caseNumber: string; queryCode: string | null; itemName: string; green: boolean;
  promisedDays: number; greenPromisedDays: number | null; dueAt: string | null; submitted: string[];
  materials: { code: string; name: string; essential: boolean; status: string; promisedBy: string | null }[];
}
interface CaseFile { material: string; upload: { fileName: string; contentUrl: string } }

export function CheckPage() {
  const t = useT(messages);
  const { caseId = '' } = useParams();
  const navigate = useNavigate();
  const loaded = useLoad(async () => {
    const [notice, files] = await Promise.all([
      get<Notice>(`/api/cases/${caseId}/acceptance-notice`),
      get<{ files: CaseFile[] }>(`/api/cases/${caseId}/files`).then((r) => r.files, () => [] as CaseFile[]),
    ]);
    return { notice, files };
  }, [caseId]);
  if (loaded.error) return <Alert type="error" showIcon message={t('loadFailed', { message: loaded.error.message })} />;
  if (!loaded.data) return <Card loading />;
  const { notice, files } = loaded.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button onClick={() => navigate('/window')}>{t('back')}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('checkTitle', { caseNumber: notice.caseNumber })}</Typography.Title>
        {notice.green && <Tag color="green">{t('green')}</Tag>}
        <Tag>{t(`kind_${notice.kind}` as MessageKey)}</Tag>
      </Space>
      {notice.kind === 'pending'
        ? <MaterialCheckForm caseId={caseId} notice={notice} files={files} onDone={loaded.reload} />
        : <Outcome caseId={caseId} notice={notice} />}
    </Space>
  );
}

function Outcome({ caseId, notice }: { caseId: string; notice: Notice }) {
  const t = useT(messages);
  const owed = notice.materials.some((m) => m.status === 'promised');
  return (
    <Result status={notice.kind === 'acceptance' ? 'success' : 'warning'} data-testid="acceptance-outcome"
      title={notice.kind === 'acceptance' ? t('accepted', { caseNumber: notice.caseNumber }) : t('refused')}
      subTitle={notice.kind === 'acceptance' && (
        <Descriptions size="small" column={1} style={{ maxWidth: 420, margin: '0 auto' }}>
          <Descriptions.Item label={t('queryCode')}><span data-testid="query-code">{notice.queryCode}</span></Descriptions.Item>
          <Descriptions.Item label={t('promisedDays')}>{t('days', { n: notice.green && notice.greenPromisedDays ? notice.greenPromisedDays : notice.promisedDays })}</Descriptions.Item>
          <Descriptions.Item label={t('dueAt')}>{formatDate(notice.dueAt)}</Descriptions.Item>
        </Descriptions>
      )}
      extra={<NoticeLinks caseId={caseId} acceptance={notice.kind === 'acceptance'} missing={notice.kind === 'refusal' || owed} />} />
  );
}

function MaterialCheckForm({ caseId, notice, files, onDone }: { caseId: string; notice: Notice; files: CaseFile[]; onDone(): void }) {
  const t = useT(messages);
  const { message } = App.useApp();
  const submitted = useMemo(() => new Set(notice.submitted), [notice.submitted]);
  const [checks, setChecks] = useState<MaterialCheck[]>(() => notice.materials.map((m) => ({
    code: m.code, name: m.name, essential: m.essential,
    verified: submitted.has(m.code) || files.some((f) => f.material === m.code),
  })));
  const [busy, setBusy] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const decision = decideAcceptance(checks, notice.green);
  const set = (code: string, change: Partial<MaterialCheck>) => setChecks((all) => all.map((c) => (c.code === code ? { ...c, ...change } : c)));

  const accept = async () => {
    setBusy(true);
    try {
      await post(`/api/cases/${caseId}/accept`, decision.acceptBody);
      onDone();
    } catch (error) {
      message.error(t('actionFailed', { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card size="small" title={notice.itemName}>
        <Table<MaterialCheck> rowKey="code" size="small" pagination={false} dataSource={checks} columns={[
          { title: t('material'), key: 'name', render: (_, c) => <Space><Tag color={c.essential ? 'blue' : 'default'}>{c.essential ? t('essential') : t('optional')}</Tag>{c.name}</Space> },
          {
            title: t('uploaded'), key: 'files', width: 220, render: (_, c) => {
              const mine = files.filter((f) => f.material === c.code);
              if (mine.length) return <Space direction="vertical" size={0}>{mine.map((f) => <a key={f.upload.contentUrl} href={f.upload.contentUrl} target="_blank" rel="noreferrer">{f.upload.fileName}</a>)}</Space>;
              return submitted.has(c.code) ? <Tag color="processing">{t('declared')}</Tag> : <Typography.Text type="secondary">{t('notUploaded')}</Typography.Text>;
            },
          },
          {
            title: t('verified'), key: 'verified', width: 90, render: (_, c) => (
              <Checkbox checked={c.verified} aria-label={`${t('verified')} ${c.name}`} onChange={(e) => set(c.code, { verified: e.target.checked, owedBy: undefined })} />
            ),
          },
          ...(notice.green ? [{
            title: t('rongque'), key: 'owed', width: 230, render: (_: unknown, c: MaterialCheck) => !c.essential && !c.verified && (
              <Space>
                <Checkbox checked={c.owedBy !== undefined} aria-label={`${t('rongque')} ${c.name}`} onChange={(e) => set(c.code, { owedBy: e.target.checked ? '' : undefined })} />
                {c.owedBy !== undefined && <Input type="date" size="small" value={c.owedBy} aria-label={`${t('promisedBy')} ${c.name}`} onChange={(e) => set(c.code, { owedBy: e.target.value })} />}
              </Space>
            ),
          }] : []),
        ]} />
      </Card>
      {notice.green && <Alert type="info" showIcon message={t('rongqueHint')} />}
      {decision.missingEssential.length > 0 && <Alert type="warning" showIcon message={t('essentialMissing', { names: decision.missingEssential.map((m) => m.name).join('、') })} />}
      {decision.undated.length > 0 && <Alert type="warning" showIcon message={t('promisedRequired')} />}
      <Space>
        <Button type="primary" size="large" disabled={!decision.canAccept} loading={busy} onClick={accept} data-testid="accept">{t('accept')}</Button>
        <Button danger size="large" onClick={() => setRefusing(true)}>{t('refuse')}</Button>
        <NoticeLinks caseId={caseId} acceptance={false} missing />
      </Space>
      {refusing && (
        <RefuseDialog caseId={caseId} initial={decision.refusalReasons((name) => t('missingReason', { name }))}
          onClose={() => setRefusing(false)} onDone={() => { setRefusing(false); onDone(); }} />
      )}
    </>
  );
}

function RefuseDialog({ caseId, initial, onClose, onDone }: { caseId: string; initial: string[]; onClose(): void; onDone(): void }) {
  const t = useT(messages);
  const { message } = App.useApp();
  const [reasons, setReasons] = useState<string[]>(initial.length ? initial : ['']);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (reasons.some((r) => r.trim())) setError(false); }, [reasons]);
  const submit = async () => {
    const clean = reasons.map((r) => r.trim()).filter(Boolean);
    if (!clean.length) { setError(true); return; }
    setBusy(true);
    try {
      await post(`/api/cases/${caseId}/refuse`, { reasons: clean });
      onDone();
    } catch (e) {
      message.error(t('actionFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('refuseTitle')} okText={t('confirm')} cancelText={t('cancel')} okButtonProps={{ danger: true }} confirmLoading={busy} onOk={submit} onCancel={onClose} width={600}>
      <Typography.Paragraph>{t('reasons')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {reasons.map((r, i) => (
          <Space.Compact key={i} style={{ width: '100%' }}>
            <Input value={r} maxLength={500} status={error ? 'error' : undefined} aria-label={`${t('reasons')} ${i + 1}`}
              onChange={(e) => setReasons(reasons.map((x, j) => (j === i ? e.target.value : x)))} />
            <Button icon={<DeleteOutlined />} onClick={() => setReasons(reasons.filter((_, j) => j !== i))} />
          </Space.Compact>
        ))}
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => setReasons([...reasons, ''])}>{t('addReason')}</Button>
        {error && <Typography.Text type="danger">{t('reasonsRequired')}</Typography.Text>}
      </Space>
    </Modal>
  );
}
