/**
 * 绿色通道 from the dashboard: a supervisor puts a running case on the green channel (a reason is
 * required; the API compresses its limits and puts it first in every inbox).
 */
import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { ApiError, post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { messages } from './messages.ts';

export function GreenChannel({ caseId, caseNumber, green, onDone }: { caseId: string; caseNumber: string; green: boolean; onDone(): void }) {
  const t = useT(messages);
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (green) return <Tag color="green">{t('green')}</Tag>;
  // Only a supervisor of the case's region may do it (admins watch, they do not steer cases).
  if (user?.role !== 'supervisor') return null;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await post(`/api/cases/${caseId}/green`, { reason: reason.trim() });
      message.success(t('greenDone', { caseNumber }));
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.reason ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" icon={<ThunderboltOutlined />} onClick={() => { setReason(''); setError(undefined); setOpen(true); }}>{t('greenAction')}</Button>
      <Modal open={open} title={t('greenTitle', { caseNumber })} okText={t('greenConfirm')} cancelText={t('cancel')} confirmLoading={busy}
        okButtonProps={{ disabled: !reason.trim() }} onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('greenHint')}</Typography.Paragraph>
        <Input.TextArea aria-label={t('greenReason')} placeholder={t('greenReason')} rows={3} maxLength={500} value={reason}
          onChange={(e) => setReason(e.target.value)} status={error ? 'error' : undefined} />
        {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      </Modal>
    </>
  );
}
