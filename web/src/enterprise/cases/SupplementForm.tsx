/**
 * 补正: the complete list of what the departments asked for (一次性告知), one upload per item,
 * sent together. The case clock stands still meanwhile.
 */
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, post } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { newIdempotencyKey } from '../common/idempotency-key.ts';
import { MaterialUpload } from '../common/MaterialUpload.tsx';
import { formatDay } from '../format.ts';
import { messages } from '../messages.ts';
import type { CaseProgress, Upload } from '../types.ts';

type Request = NonNullable<CaseProgress['supplementRequest']>;

export function SupplementForm({ caseId, request, departments, onDone }: { caseId: string; request: Request; departments: Map<string, string>; onDone(): void }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [files, setFiles] = useState<Record<number, Upload[]>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const key = useMemo(() => newIdempotencyKey(), [request.taskId]);
  // A 补正 step opened without a list (not by a department's opinion) still takes files.
  const items = request.materials.length ? request.materials : [t('supplementGeneric')];

  const submit = async () => {
    const missing = items.filter((_, i) => !files[i]?.length);
    if (missing.length) return setError(t('missingFiles', { names: missing.join('、') }));
    setSending(true);
    setError(undefined);
    try {
      await post(`/api/cases/${caseId}/supplement`, {
        materials: items.map((m) => m.slice(0, 64)),
        comment: comment.trim() || undefined,
        files: items.flatMap((m, i) => (files[i] ?? []).map((u) => ({ material: m.slice(0, 200), uploadId: u.id }))),
      }, { 'idempotency-key': key });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? Object.values(e.fields).join('；') || e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t('supplementTitle')} data-testid="supplement-form" style={{ borderColor: '#fa8c16' }}>
      <Flex vertical gap={8}>
        <Typography.Text>{t('supplementIntro')}</Typography.Text>
        <Typography.Text type="secondary">{request.askedBy.map((d) => departments.get(d) ?? d).join('、')}{request.dueAt ? ` · ${t('dueAt')} ${formatDay(request.dueAt, locale)}` : ''}</Typography.Text>
        <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="supplement-list">
          {items.map((m, i) => (
            <li key={i} style={{ padding: '6px 0' }}>
              <Flex vertical gap={4}>
                <Typography.Text strong>{m}</Typography.Text>
                <MaterialUpload testId={`supplement-upload-${i}`} onChange={(uploads) => setFiles((f) => ({ ...f, [i]: uploads }))} />
              </Flex>
            </li>
          ))}
        </ol>
        {request.reasons.length > 0 && <Alert type="info" message={t('supplementReasons')} description={request.reasons.join('；')} />}
        <Form.Item label={t('supplementComment')} style={{ margin: 0 }}>
          <Input.TextArea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
        <Button type="primary" onClick={submit} loading={sending} data-testid="submit-supplement">{t('submitSupplement')}</Button>
      </Flex>
    </Card>
  );
}
