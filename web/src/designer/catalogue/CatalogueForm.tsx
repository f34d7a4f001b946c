/** 七公开 editor beside the diagram: text fields and lists, kept in the editor's state. */
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../shared/i18n.tsx';
import { messages } from '../messages.ts';
import type { Catalogue } from './catalogue-model.ts';

type Key = keyof typeof messages.zh;

function TextList({ name, label, t }: { name: 'conditions' | 'procedure'; label: Key; t: (k: Key) => string }) {
  return (
    <Form.Item label={t(label)}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <Space.Compact key={field.key} style={{ width: '100%' }}>
                <Form.Item name={field.name} noStyle><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item>
                <Button onClick={() => remove(field.name)}>{t('remove')}</Button>
              </Space.Compact>
            ))}
            <Button size="small" onClick={() => add('')}>{t('add')}</Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}

export function CatalogueForm({ value, resetKey, onChange, problems }: {
  value: Catalogue;
  /** Changes when another document is loaded: only then is the form refilled from `value`. */
  resetKey: string;
  onChange(next: Catalogue): void;
  /** Server problems on catalogue fields, keyed by path without the `catalogue.` prefix. */
  problems: { path: string; reason: string }[];
}) {
  const t = useT(messages);
  const [form] = Form.useForm<Catalogue>();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { form.resetFields(); form.setFieldsValue(value); }, [form, resetKey]);
  return (
    <Card size="small" style={{ maxHeight: 'calc(100vh - 230px)', overflow: 'auto' }}>
      <Alert type="info" showIcon title={t('catalogueHint')} style={{ marginBottom: 12 }} />
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }}
        title={problems.map((p) => `${p.path}: ${p.reason}`).join('；')} />}
      <Form form={form} layout="vertical" initialValues={value} onValuesChange={(_, all) => onChange(all)} data-testid="catalogue-form">
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="name" label={t('cat.name')} style={{ width: 360 }}><Input /></Form.Item>
          <Form.Item name="category" label={t('cat.category')} style={{ width: 180 }}><Input /></Form.Item>
          <Form.Item name="consultation" label={t('cat.consultation')} style={{ width: 180 }}><Input /></Form.Item>
        </Space>
        <Form.Item name="implementingDepartment" label={t('cat.implementingDepartment')}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item>
        <Form.Item label={t('cat.legalBasis')}>
          <Form.List name="legalBasis">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space.Compact key={field.key} style={{ width: '100%' }}>
                    <Form.Item name={[field.name, 'title']} noStyle><Input placeholder={t('cat.title')} style={{ width: '55%' }} /></Form.Item>
                    <Form.Item name={[field.name, 'articles']} noStyle><Input placeholder={t('cat.articles')} style={{ width: '45%' }} /></Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('remove')}</Button>
                  </Space.Compact>
                ))}
                <Button size="small" onClick={() => add({ title: '' })}>{t('add')}</Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <TextList name="conditions" label="cat.conditions" t={t} />
        <TextList name="procedure" label="cat.procedure" t={t} />
        <Form.Item label={t('cat.fees')}>
          <Form.List name="fees">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space.Compact key={field.key} style={{ width: '100%' }}>
                    <Form.Item name={[field.name, 'name']} noStyle><Input placeholder={t('cat.feeName')} /></Form.Item>
                    <Form.Item name={[field.name, 'amount']} noStyle><Input placeholder={t('cat.amount')} /></Form.Item>
                    <Form.Item name={[field.name, 'basis']} noStyle><Input placeholder={t('cat.basis')} /></Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('remove')}</Button>
                  </Space.Compact>
                ))}
                <Button size="small" onClick={() => add({ name: '', amount: '' })}>{t('add')}</Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="notes" label={t('cat.notes')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /></Form.Item>
      </Form>
    </Card>
  );
}
