/**
 * One dialog per work-order action that needs words: 派单 (department + request), 即时答复, 退回
 * (a reason from the fixed list), 答复, 回访 (the caller's rating) and 督办结束. The caller decides
 * where the body goes (the order's own routes, or the inbox's task routes).
 */
import { Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useAction } from '../shared/use-action.ts';
import { useLoad } from '../shared/use-load.ts';
import { messages } from './messages.ts';
import type { OrderAction } from './order-actions.ts';
import type { ReturnReason, RouteTarget } from './types.ts';

export type WordedAction = Exclude<OrderAction, 'sign'>;

/** What each action sends to the order's route of the same name. */
export interface ActionBodies {
  route: { department: string; instructions: string };
  close: { answer: string };
  return: { reason: string; comment?: string };
  answer: { answer: string };
  callback: { rating: 'satisfied' | 'unsatisfied'; comment?: string };
  supervise: { conclusion: string };
}

interface Props<A extends WordedAction> {
  action: A;
  /** The order (派单 lists the departments it may go to). */
  orderId: string;
  caseNumber: string;
  onSubmit(body: ActionBodies[A]): Promise<unknown>;
  onClose(): void;
  onDone(): void;
}

let reasons: Promise<ReturnReason[]> | undefined;
const loadReasons = () => {
  reasons ??= get<{ reasons: ReturnReason[] }>('/api/work-orders/return-reasons').then((r) => r.reasons)
    .catch((error) => { reasons = undefined; throw error; });
  return reasons;
};

export function OrderActionDialog<A extends WordedAction>({ action, orderId, caseNumber, onSubmit, onClose, onDone }: Props<A>) {
  const t = useT(messages);
  const [form] = Form.useForm();
  const { busy, run } = useAction((m) => t('actionFailed', { message: m }));
  const submit = (values: Record<string, string | undefined>) => {
    const v = (name: string) => values[name]?.trim() ?? '';
    const body = {
      route: () => ({ department: v('department'), instructions: v('instructions') }),
      close: () => ({ answer: v('answer') }),
      return: () => ({ reason: v('reason'), comment: v('comment') || undefined }),
      answer: () => ({ answer: v('answer') }),
      callback: () => ({ rating: v('rating'), comment: v('comment') || undefined }),
      supervise: () => ({ conclusion: v('conclusion') }),
    }[action]() as ActionBodies[A];
    return run(() => onSubmit(body), t('done'), onDone);
  };
  return (
    <Modal open title={`${t(action)} · ${caseNumber}`} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <ActionFields action={action} orderId={orderId} />
      </Form>
    </Modal>
  );
}

function ActionFields({ action, orderId }: { action: WordedAction; orderId: string }) {
  const t = useT(messages);
  const text = (name: string, label: string, required: string, max = 4000) => (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: required }]}>
      <Input.TextArea rows={4} maxLength={max} showCount />
    </Form.Item>
  );
  const comment = <Form.Item name="comment" label={t('comment')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>;
  switch (action) {
    case 'route':
      return (
        <>
          <Form.Item name="department" label={t('department')} rules={[{ required: true, message: t('departmentRequired') }]}>
            <TargetSelect orderId={orderId} />
          </Form.Item>
          {text('instructions', t('instructions'), t('instructionsRequired'))}
        </>
      );
    case 'close':
    case 'answer':
      return text('answer', t('answerText'), t('answerRequired'));
    case 'return':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('returnNote')}</Typography.Paragraph>
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('reasonRequired') }]}>
            <ReasonSelect />
          </Form.Item>
          {comment}
        </>
      );
    case 'callback':
      return (
        <>
          <Form.Item name="rating" label={t('rating')} rules={[{ required: true, message: t('ratingRequired') }]}>
            <Radio.Group options={[{ value: 'satisfied', label: t('rating_satisfied') }, { value: 'unsatisfied', label: t('rating_unsatisfied') }]} />
          </Form.Item>
          {comment}
        </>
      );
    case 'supervise':
      return text('conclusion', t('conclusion'), t('conclusionRequired'));
  }
}

// Form.Item hands value/onChange to its only child.
function TargetSelect(props: { id?: string; value?: string; onChange?(v: string): void; orderId: string }) {
  const t = useT(messages);
  const targets = useLoad(() => get<{ departments: RouteTarget[] }>(`/api/work-orders/${props.orderId}/route-targets`).then((r) => r.departments), [props.orderId]);
  return (
    <Select id={props.id} showSearch value={props.value} onChange={props.onChange} placeholder={t('departmentSearch')} loading={targets.loading}
      optionFilterProp="label"
      options={(targets.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
  );
}

function ReasonSelect(props: { id?: string; value?: string; onChange?(v: string): void }) {
  const list = useLoad(loadReasons, []);
  return <Select id={props.id} value={props.value} onChange={props.onChange} loading={list.loading} options={(list.data ?? []).map((r) => ({ value: r.code, label: r.text }))} />;
}
