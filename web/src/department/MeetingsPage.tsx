/**
 * 联审会: meetings the department leads (close them: attendance of every invitee and the
 * decision — an absent department is recorded as approving by default, 缺席默认) and meetings it
 * is invited to.
 */
import { Alert, Button, Card, Checkbox, Empty, Form, Input, List, Modal, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { get, post } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { useReconnect, useTaskChanges } from '../shared/realtime.ts';
import { useAction } from '../shared/use-action.ts';
import { useLoad } from '../shared/use-load.ts';
import { formatDateTime } from './format.ts';
import { messages } from './messages.ts';

export interface Meeting {
  id: string; caseId: string; taskId: string; caseNumber: string; itemName: string; green: boolean; leadName: string; leading: boolean;
  scheduledAt: string; place: string; status: 'scheduled' | 'closed'; decision: 'approved' | 'rejected' | null;
  /** Scheduled and its time has come by the server's clock: attendance may be recorded. */
  closable: boolean;
  attendance: { departmentId: string; departmentName: string; present: boolean | null }[];
}

export function MeetingsPage() {
  const t = useT(messages);
  const meetings = useLoad(() => get<{ meetings: Meeting[] }>('/api/meetings').then((r) => r.meetings), []);
  const [closing, setClosing] = useState<Meeting | null>(null);
  useTaskChanges(() => meetings.reload());
  useReconnect(meetings.reload);
  const presence = (p: boolean | null) => (p === null ? <Tag>{t('notRecorded')}</Tag> : p ? <Tag color="success">{t('present')}</Tag> : <Tag color="error">{t('absent')}</Tag>);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('meetings')}</Typography.Title>
      {meetings.error && <Alert type="error" showIcon message={t('loadFailed', { message: meetings.error.message })} />}
      {meetings.data?.length === 0 && <Empty description={t('noMeetings')} />}
      <List grid={{ gutter: 16, xs: 1, md: 2 }} dataSource={meetings.data ?? []} renderItem={(m) => (
        <List.Item>
          <Card size="small" data-testid={`meeting-${m.caseNumber}`} title={
            <Space wrap>
              <Link to={`/department/cases/${m.caseId}`}>{m.caseNumber}</Link>
              <Tag color={m.leading ? 'blue' : 'default'}>{m.leading ? t('leading') : t('invited')}</Tag>
              <Tag color={m.status === 'scheduled' ? 'processing' : 'default'}>{m.status === 'scheduled' ? t('scheduled') : t('closed')}</Tag>
              {m.green && <Tag color="green">{t('green')}</Tag>}
            </Space>
          } extra={m.leading && m.status === 'scheduled' && (m.closable
            ? <Button type="primary" size="small" onClick={() => setClosing(m)}>{t('closeMeeting')}</Button>
            // 考勤 is for a meeting that has taken place: before its time the lead can only wait (or reschedule).
            : <Tooltip title={t('notYetHeld')}><Button size="small" disabled>{t('closeMeeting')}</Button></Tooltip>)}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text>{m.itemName}</Typography.Text>
              <Typography.Text>{t('meetingAt')}：{formatDateTime(m.scheduledAt)} · {t('place')}：{m.place}</Typography.Text>
              <Typography.Text type="secondary">{t('lead')}：{m.leadName}</Typography.Text>
              {m.decision && <Typography.Text>{t('meetingDecision')}：{m.decision === 'approved' ? t('meetingApproved') : t('meetingRejected')}</Typography.Text>}
              <Typography.Text strong>{t('attendance')}</Typography.Text>
              <Space wrap size={[4, 4]}>
                {m.attendance.map((a) => <span key={a.departmentId}>{a.departmentName} {presence(a.present)}</span>)}
              </Space>
            </Space>
          </Card>
        </List.Item>
      )} />
      {closing && <CloseMeetingDialog meeting={closing} onClose={() => setClosing(null)} onDone={() => { setClosing(null); meetings.reload(); }} />}
    </Space>
  );
}

function CloseMeetingDialog({ meeting, onClose, onDone }: { meeting: Meeting; onClose(): void; onDone(): void }) {
  const t = useT(messages);
  const [present, setPresent] = useState<string[]>(meeting.attendance.map((a) => a.departmentId));
  const [decision, setDecision] = useState<'approved' | 'rejected'>('approved');
  const [minutes, setMinutes] = useState('');
  const { busy, run } = useAction((m) => t('actionFailed', { message: m }));
  // 会议考勤 covers every invitee: unticked means absent (缺席默认), never "unknown".
  const submit = () => run(() => post(`/api/tasks/${meeting.taskId}/meeting/close`, {
    decision, attendance: Object.fromEntries(meeting.attendance.map((a) => [a.departmentId, present.includes(a.departmentId)])), minutes: minutes.trim() || undefined,
  }), t('closeOk'), onDone);
  return (
    <Modal open title={`${t('closeMeeting')} · ${meeting.caseNumber}`} okText={t('closeMeeting')} cancelText={t('cancel')} confirmLoading={busy} onOk={submit} onCancel={onClose} width={620}>
      <Form layout="vertical">
        <Form.Item label={t('attendance')} extra={t('absenceNote')}>
          <Checkbox.Group value={present} onChange={(v) => setPresent(v as string[])}
            options={meeting.attendance.map((a) => ({ value: a.departmentId, label: a.departmentName }))} />
        </Form.Item>
        <Form.Item label={t('meetingDecision')}>
          <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value)}
            options={[{ value: 'approved', label: t('meetingApproved') }, { value: 'rejected', label: t('meetingRejected') }]} />
        </Form.Item>
        <Form.Item label={t('minutes')}>
          <Input.TextArea rows={3} value={minutes} maxLength={20000} onChange={(e) => setMinutes(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
