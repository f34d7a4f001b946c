/**
 * The case's 联审会 as the applicant sees them: when and where, who leads, which departments are
 * invited, and once held, the decision and who attended — an absentee marked 缺席默认 (counted
 * as agreeing with the decision), which the department rows above cannot show: a department's
 * review opinion stays what it was.
 */
import { Flex, Space, Tag, Typography } from 'antd';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { formatTime } from '../format.ts';
import { messages } from '../messages.ts';
import type { MeetingAttendance, MeetingProgress } from '../types.ts';

function AttendanceTag({ a }: { a: MeetingAttendance }) {
  const t = useT(messages);
  const testId = { 'data-testid': 'meeting-attendee', 'data-department': a.departmentId, 'data-present': String(a.present) };
  if (a.present === null) return <Tag {...testId}>{a.departmentName}</Tag>;
  if (a.present) return <Tag color="success" {...testId}>{a.departmentName} · {t('attendance.present')}</Tag>;
  return (
    <Tag color={a.absenceDefault ? 'gold' : 'error'} {...testId}>
      {a.departmentName} · {a.absenceDefault ? t('attendance.absenceDefault') : t('attendance.absent')}
    </Tag>
  );
}

/** One row per meeting; nothing when the case has none. */
export function MeetingRows({ meetings }: { meetings: MeetingProgress[] }) {
  const t = useT(messages);
  const { locale } = useLocale();
  if (meetings.length === 0) return null;
  return (
    <>
      <Typography.Text strong style={{ marginTop: 8 }}>{t('meetings')}</Typography.Text>
      {meetings.map((m) => (
        <Flex key={m.taskId} vertical gap={4} data-testid="meeting-row" data-status={m.status} data-decision={m.decision ?? ''}
          style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
          <Space size={8} wrap>
            <Tag color={m.status === 'closed' ? 'default' : 'processing'}>{t(`meeting.${m.status}`)}</Tag>
            <span>{formatTime(m.scheduledAt, locale)}</span>
            <span>{m.place}</span>
            <Typography.Text type="secondary">{t('meeting.lead', { lead: m.leadName })}</Typography.Text>
            {m.decision && <Tag color={m.decision === 'approved' ? 'success' : 'error'}>{t(`meeting.${m.decision}`)}</Tag>}
          </Space>
          <Space size={[4, 4]} wrap>
            <Typography.Text type="secondary">{t('meeting.invitees')}：</Typography.Text>
            {m.attendance.map((a) => <AttendanceTag key={a.departmentId} a={a} />)}
          </Space>
        </Flex>
      ))}
    </>
  );
}
