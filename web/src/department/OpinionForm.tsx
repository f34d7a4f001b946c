/** 审查意见: approve (with conditions), reject (with reasons) or ask for 补正 (every missing material at once). */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useT } from '../shared/i18n.tsx';
import { messages } from './messages.ts';
import { checkOpinion, opinionBody, type Decision, type OpinionDraft, type OpinionProblems } from './opinion-rules.ts';

export interface OpinionFormProps {
  /** Names of the item's materials, offered for a 补正 request (free text is allowed too). */
  materialOptions: string[];
  submitting?: boolean;
  onSubmit(body: ReturnType<typeof opinionBody>): void;
  onCancel?(): void;
}

function EntryList({ label, values, onChange, addLabel, error, testId }: {
  label: string; values: string[]; onChange(values: string[]): void; addLabel: string; error?: string; testId: string;
}) {
  const t = useT(messages);
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error} required={false}>
      <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
        {values.map((value, i) => (
          <Space.Compact key={i} style={{ width: '100%' }}>
            <Input value={value} placeholder={t('entryPlaceholder')} aria-label={`${label} ${i + 1}`} maxLength={2100}
              onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))} />
            <Button icon={<DeleteOutlined />} aria-label={`${t('cancel')} ${i + 1}`} onClick={() => onChange(values.filter((_, j) => j !== i))} />
          </Space.Compact>
        ))}
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...values, ''])}>{addLabel}</Button>
      </Space>
    </Form.Item>
  );
}

export function OpinionForm({ materialOptions, submitting, onSubmit, onCancel }: OpinionFormProps) {
  const t = useT(messages);
  const [draft, setDraft] = useState<OpinionDraft>({ reasons: [], conditions: [], materials: [] });
  const [problems, setProblems] = useState<OpinionProblems>({});
  const [tried, setTried] = useState(false);
  const update = (next: OpinionDraft) => {
    setDraft(next);
    if (tried) setProblems(checkOpinion(next));
  };
  const submit = () => {
    const found = checkOpinion(draft);
    setTried(true);
    setProblems(found);
    if (Object.keys(found).length === 0) onSubmit(opinionBody(draft as OpinionDraft & { decision: Decision }));
  };
  const help = (field: keyof OpinionProblems) => (problems[field] ? t(problems[field]!) : undefined);
  return (
    <Form layout="vertical" onFinish={submit} data-testid="opinion-form">
      <Form.Item label={t('decision')} validateStatus={problems.decision ? 'error' : undefined} help={help('decision')}>
        <Radio.Group value={draft.decision} onChange={(e) => update({ ...draft, decision: e.target.value as Decision })}
          options={[{ value: 'approve', label: t('approve') }, { value: 'reject', label: t('reject') }, { value: 'supplement', label: t('supplement') }]} />
      </Form.Item>
      {draft.decision === 'approve' && (
        <EntryList label={t('conditions')} testId="conditions" values={draft.conditions} addLabel={t('addCondition')} error={help('conditions')}
          onChange={(conditions) => update({ ...draft, conditions })} />
      )}
      {draft.decision && (
        <EntryList label={t('reasons')} testId="reasons" values={draft.reasons} addLabel={t('addReason')} error={help('reasons')}
          onChange={(reasons) => update({ ...draft, reasons })} />
      )}
      {draft.decision === 'supplement' && (
        <Form.Item label={t('missingMaterials')} validateStatus={problems.materials ? 'error' : undefined} help={help('materials')}>
          <Select mode="tags" value={draft.materials} placeholder={t('materialsPlaceholder')} aria-label={t('missingMaterials')}
            options={materialOptions.map((m) => ({ value: m, label: m }))} onChange={(materials: string[]) => update({ ...draft, materials })} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>{t('submit')}</Button>
        {onCancel && <Button onClick={onCancel}>{t('cancel')}</Button>}
      </Space>
    </Form>
  );
}
