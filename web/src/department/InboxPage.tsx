/**
 * 待办: the department's open tasks in 待办 order, a page at a time (加载更多), with lights, 签收
 * (one or many, among the loaded rows), opinions and decisions.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { Light } from '../shared/light.tsx';
import { useReconnect, useTaskChanges } from '../shared/realtime.ts';
import { useSession } from '../shared/session.tsx';
import { useLoad } from '../shared/use-load.ts';
import { loadItems } from './catalogue.ts';
import { formatDateTime } from './format.ts';
import { needsSigning, type InboxTask } from './inbox-order.ts';
import { useInboxPages } from './inbox-pages.ts';
import { messages, type MessageKey } from './messages.ts';
import { TaskDialogs, type Dialog } from './TaskDialogs.tsx';
import { WORK_ORDER_ITEM } from '../work-orders/types.ts';

export function InboxPage() {
  const t = useT(messages);
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const inbox = useInboxPages();
  const items = useLoad(loadItems, []);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [signing, setSigning] = useState(false);
  useTaskChanges(() => inbox.reload());
  useReconnect(inbox.reload);
  const isLead = user?.role === 'lead';
  const tasks = inbox.tasks;
  const selectable = useMemo(() => new Set(tasks.filter(needsSigning).map((x) => x.taskId)), [tasks]);
  // A reload can drop rows (signed elsewhere, moved on): only loaded rows still to sign stay selected.
  const chosen = useMemo(() => selected.filter((id) => selectable.has(id)), [selected, selectable]);

  const sign = async (taskIds: string[]) => {
    setSigning(true);
    try {
      if (taskIds.length === 1) {
        await post(`/api/tasks/${taskIds[0]}/sign`);
        message.success(t('signed', { n: 1 }));
      } else {
        const { results } = await post<{ results: { taskId: string; ok: boolean; code?: string }[] }>('/api/tasks/batch-sign', { taskIds });
        const failed = results.filter((r) => !r.ok);
        message.success(t('signed', { n: results.length - failed.length }));
        if (failed.length) message.warning(t('signFailed', { n: failed.length, codes: [...new Set(failed.map((f) => f.code))].join(', ') }));
      }
      setSelected([]);
    } catch (error) {
      message.error(t('actionFailed', { message: (error as Error).message }));
    } finally {
      setSigning(false);
      inbox.reload();
    }
  };

  const kindLabel = (kind: string) => (['review', 'meeting', 'decide', 'handle'].includes(kind) ? t(`kind_${kind}` as MessageKey) : t('kind_other', { kind }));
  const statusLabel = (task: InboxTask) => (needsSigning(task) ? t('status_open') : task.status === 'signed' ? t('status_signed') : t('status_openNoSign'));
  const materialOptions = (dialog && items.data?.get(dialog.task.itemCode)?.materials.map((m) => m.name)) ?? [];

  const actions = (task: InboxTask) => {
    if (needsSigning(task)) {
      const signButton = <Button size="small" type="primary" loading={signing} onClick={() => sign([task.taskId])}>{t('sign')}</Button>;
      // 12345 / 整改: a handling task may be returned (for a fixed reason) instead of signed for,
      // within its sign-for limit only.
      return task.returnable ? <Space size={4}>{signButton}<Button size="small" onClick={() => setDialog({ kind: 'return', task })}>{t('returnTask')}</Button></Space> : signButton;
    }
    if (task.kind === 'review') return <Button size="small" type="primary" onClick={() => setDialog({ kind: 'opinion', task })}>{t('giveOpinion')}</Button>;
    if (task.kind === 'handle') return <Button size="small" type="primary" onClick={() => setDialog({ kind: 'answer', task })}>{t('handleTask')}</Button>;
    if (task.kind === 'meeting' && isLead) {
      return (
        <Space size={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'schedule', task })}>{t('schedule')}</Button>
          <Button size="small" type="primary" onClick={() => navigate('/department/meetings')}>{t('toMeetings')}</Button>
        </Space>
      );
    }
    if (task.kind === 'decide' && isLead) return <Button size="small" type="primary" onClick={() => setDialog({ kind: 'decide', task })}>{t('decide')}</Button>;
    return null;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('inbox')}</Typography.Title>
        {inbox.total !== undefined && <Tag data-testid="inbox-total">{t('inboxTotal', { n: inbox.total })}</Tag>}
        <Button type="primary" disabled={chosen.length === 0} loading={signing} onClick={() => sign(chosen)} data-testid="batch-sign">
          {t('signSelected', { n: chosen.length })}
        </Button>
        <Tooltip title={t('liveHint')}><Button icon={<ReloadOutlined />} onClick={inbox.reload}>{t('refresh')}</Button></Tooltip>
      </Space>
      {inbox.error && <Alert type="error" showIcon message={t('loadFailed', { message: inbox.error.message })} />}
      {/* One scrolling list of the loaded pages (the header stays put); more come on request. */}
      <Table<InboxTask> rowKey="taskId" size="middle" dataSource={tasks} loading={inbox.loading && tasks.length === 0} pagination={false}
        locale={{ emptyText: t('emptyInbox') }} scroll={{ x: 1000, y: 'calc(100vh - 330px)' }}
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (row) => ({ disabled: !selectable.has(row.taskId), 'aria-label': row.caseNumber }) }}
        onRow={(row) => ({ 'data-testid': `inbox-row-${row.caseNumber}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('light'), key: 'light', width: 80, render: (_, row) => <Light light={row.light} /> },
          {
            title: t('caseNumber'), key: 'case', width: 190, render: (_, row) => (
              <Space size={4} wrap>
                <Link to={row.itemCode === WORK_ORDER_ITEM ? `/department/work-orders/${row.caseId}` : `/department/cases/${row.caseId}`}>{row.caseNumber}</Link>
                {row.green && <Tag color="green">{t('green')}</Tag>}
              </Space>
            ),
          },
          { title: t('item'), key: 'item', ellipsis: true, render: (_, row) => items.data?.get(row.itemCode)?.name ?? row.itemCode },
          { title: t('step'), key: 'kind', width: 100, render: (_, row) => kindLabel(row.kind) },
          { title: t('state'), key: 'status', width: 90, render: (_, row) => statusLabel(row) },
          {
            title: t('deadline'), key: 'due', width: 190, render: (_, row) => (
              <Space direction="vertical" size={0}>
                <span>{row.dueAt ? formatDateTime(row.dueAt) : t('noLimit')}</span>
                {needsSigning(row) && row.signDueAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('signDue', { date: formatDateTime(row.signDueAt) })}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('remaining'), key: 'remaining', width: 120, render: (_, row) => row.paused ? <Tag>{t('paused')}</Tag>
              : row.remainingWorkingDays === null ? '—'
              : row.light === 'red' && row.remainingWorkingDays <= 0 ? <Typography.Text type="danger">{t('overdue')}</Typography.Text>
              : t('daysLeft', { n: row.remainingWorkingDays }),
          },
          { title: t('actions'), key: 'actions', width: 200, fixed: 'right', render: (_, row) => actions(row) },
        ]} />
      {inbox.hasMore && (
        <Space>
          <Button onClick={inbox.loadMore} loading={inbox.loadingMore} data-testid="inbox-load-more">{t('loadMore')}</Button>
          {inbox.total !== undefined && <Typography.Text type="secondary">{t('loadedOf', { shown: tasks.length, total: inbox.total })}</Typography.Text>}
        </Space>
      )}
      <TaskDialogs dialog={dialog} materialOptions={materialOptions} onClose={() => setDialog(null)} onDone={() => { setDialog(null); inbox.reload(); }} />
    </Space>
  );
}
