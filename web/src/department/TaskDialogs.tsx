/** The dialogs of the inbox: opinion, 联审会 scheduling, a lead's decision, and answering or returning a handling task. */
import { Form, Input, Modal, Radio } from 'antd';
import { post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useAction } from '../shared/use-action.ts';
import { beijingInput } from './format.ts';
import type { InboxTask } from './inbox-order.ts';
import { messages } from './messages.ts';
import { OpinionForm } from './OpinionForm.tsx';
import { OrderActionDialog } from '../work-orders/OrderActionDialog.tsx';

export type Dialog = { kind: 'opinion' | 'schedule' | 'decide' | 'answer' | 'return'; task: InboxTask } | null;

interface Props {
  dialog: Dialog;
  materialOptions: string[];
  onClose(): void;
  onDone(): void;
}

export function TaskDialogs({ dialog, materialOptions, onClose, onDone }: Props) {
  const t = useT(messages);
  const action = useAction((m) => t('actionFailed', { message: m }));
  const busy = action.busy;
  const run: Run = (work, ok) => action.run(work, ok, onDone);
  if (!dialog) return null;
  const { task } = dialog;
  if (dialog.kind === 'opinion') {
    return (
      <Modal open title={t('opinionTitle', { caseNumber: task.caseNumber })} footer={null} onCancel={onClose} destroyOnHidden width={640}>
        <OpinionForm materialOptions={materialOptions} submitting={busy} onCancel={onClose}
          onSubmit={(body) => run(() => post(`/api/tasks/${task.taskId}/opinion`, body), t('opinionSent'))} />
      </Modal>
    );
  }
  // A handling task (12345 工单, 差评整改) completes as answered or returned, like the order's own routes.
  const complete = (body: Record<string, unknown>) => post(`/api/tasks/${task.taskId}/complete`, body);
  if (dialog.kind === 'answer') {
    return <OrderActionDialog action="answer" orderId={task.caseId} caseNumber={task.caseNumber} onClose={onClose} onDone={onDone}
      onSubmit={(b) => complete({ outcome: 'answered', comment: b.answer })} />;
  }
  if (dialog.kind === 'return') {
    return <OrderActionDialog action="return" orderId={task.caseId} caseNumber={task.caseNumber} onClose={onClose} onDone={onDone}
      onSubmit={(b) => complete({ outcome: 'returned', returnReason: b.reason, comment: b.comment })} />;
  }
  if (dialog.kind === 'schedule') return <ScheduleDialog task={task} busy={busy} onClose={onClose} run={run} />;
  return <DecideDialog task={task} busy={busy} onClose={onClose} run={run} />;
}

type Run = (action: () => Promise<unknown>, ok: string) => Promise<void>;

function ScheduleDialog({ task, busy, onClose, run }: { task: InboxTask; busy: boolean; onClose(): void; run: Run }) {
  const t = useT(messages);
  const [form] = Form.useForm<{ at: string; place: string }>();
  const submit = (v: { at: string; place: string }) =>
    run(() => post(`/api/tasks/${task.taskId}/meeting`, { at: beijingInput(v.at), place: v.place.trim() }), t('scheduleOk'));
  return (
    <Modal open title={`${t('schedule')} · ${task.caseNumber}`} okText={t('schedule')} cancelText={t('cancel')} confirmLoading={busy}
      onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="at" label={t('meetingAt')} rules={[{ required: true, message: t('atRequired') }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="place" label={t('place')} rules={[{ required: true, whitespace: true, message: t('placeRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideDialog({ task, busy, onClose, run }: { task: InboxTask; busy: boolean; onClose(): void; run: Run }) {
  const t = useT(messages);
  const [form] = Form.useForm<{ outcome: 'approved' | 'returned'; comment?: string }>();
  const submit = (v: { outcome: string; comment?: string }) =>
    run(() => post(`/api/tasks/${task.taskId}/complete`, { outcome: v.outcome, comment: v.comment?.trim() || undefined }), t('decided'));
  return (
    <Modal open title={t('decideTitle', { caseNumber: task.caseNumber })} okText={t('decide')} cancelText={t('cancel')} confirmLoading={busy}
      onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'approved' }}>
        <Form.Item name="outcome" label={t('decision')}>
          <Radio.Group options={[{ value: 'approved', label: t('decideApprove') }, { value: 'returned', label: t('decideReturn') }]} />
        </Form.Item>
        <Form.Item name="comment" label={t('comment')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
