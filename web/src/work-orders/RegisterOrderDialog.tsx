/** 登记: the hotline registers a call as a work order (urgent or not, what came with the call). */
import { App, Checkbox, Form, Input, Modal, Switch } from 'antd';
import { loadItems } from '../department/catalogue.ts';
import { post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useAction } from '../shared/use-action.ts';
import { useLoad } from '../shared/use-load.ts';
import { messages } from './messages.ts';
import { WORK_ORDER_ITEM, type WorkOrder } from './types.ts';

interface Values { urgent: boolean; materials: string[]; callerRef?: string }

export function RegisterOrderDialog({ onClose, onRegistered }: { onClose(): void; onRegistered(order: WorkOrder): void }) {
  const t = useT(messages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useAction((m) => t('actionFailed', { message: m }));
  const item = useLoad(() => loadItems().then((items) => items.get(WORK_ORDER_ITEM)), []);
  const submit = (v: Values) => run(async () => {
    const order = await post<WorkOrder>('/api/work-orders', { urgent: v.urgent, materials: v.materials, callerRef: v.callerRef?.trim() || undefined });
    message.success(t('registered', { caseNumber: order.caseNumber }));
    onRegistered(order);
  });
  return (
    <Modal open title={t('register')} okText={t('register')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ urgent: false, materials: [] }}>
        <Form.Item name="urgent" label={t('urgent')} valuePropName="checked" extra={t('urgentNote')}>
          <Switch aria-label={t('urgent')} />
        </Form.Item>
        <Form.Item name="materials" label={t('materials')}>
          <Checkbox.Group options={(item.data?.materials ?? []).map((m) => ({ value: m.code, label: m.name }))} />
        </Form.Item>
        <Form.Item name="callerRef" label={t('callerRef')} rules={[{ pattern: /^[\w.-]{1,64}$/, message: t('callerRefPattern') }]}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
