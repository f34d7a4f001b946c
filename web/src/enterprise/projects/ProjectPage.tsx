/**
 * 项目跟踪: every case of a project on one page — each with who holds it, the departments'
 * states, countdowns, lights and the predicted date — and the project's merged history. Any
 * event of one of its cases (socket.io) reloads the page's data in place, without a reload.
 */
import { Button, Card, Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { useCaseEvents, useReconnect } from '../../shared/realtime.ts';
import { useLoad } from '../../shared/use-load.ts';
import { Loaded } from '../common/Loaded.tsx';
import { Notice } from '../common/Notice.tsx';
import { eventLabel, isMilestone } from '../common/event-label.ts';
import { formatTime } from '../format.ts';
import { messages } from '../messages.ts';
import { CaseTimeline } from '../tracking/CaseTimeline.tsx';
import type { ProjectDetail } from '../types.ts';

export function ProjectPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const { projectId = '' } = useParams();
  const state = useLoad(() => get<ProjectDetail>(`/api/projects/${projectId}`), [projectId]);
  const [liveAt, setLiveAt] = useState<string>();
  useCaseEvents(state.data?.cases.map((c) => c.id) ?? [], (message) => {
    setLiveAt(message.event.at);
    state.reload();
  });
  useReconnect(state.reload);
  return (
    <Loaded state={state}>
      {(project) => {
        const departments = new Map(project.cases.flatMap((c) => c.progress.departments.map((d) => [d.departmentId, d.departmentName] as const)));
        return (
        <Flex vertical gap={12} style={{ maxWidth: 1100, margin: '0 auto' }}>
          <Notice />
          <Link to="/enterprise/projects">‹ {t('back')}</Link>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>{t('projectTracking', { name: project.name })}</Typography.Title>
              {project.keyProject && <Tag color="green">{t('keyProject')}</Tag>}
            </Space>
            <Link to={`/enterprise?project=${project.id}`}><Button type="primary" data-testid="apply-in-project">{t('applyInProject')}</Button></Link>
          </Flex>
          <Space size={4} data-testid="live-indicator" data-live-at={liveAt ?? ''}>
            <Tag color="processing">{t('live')}</Tag>
            {liveAt && <Typography.Text type="secondary">{t('liveUpdated', { time: formatTime(liveAt, locale) })}</Typography.Text>}
          </Space>
          {project.cases.length === 0 ? <Empty description={t('noCases')} /> : (
            <Flex vertical gap={12} data-testid="project-cases">
              {project.cases.map((c) => <CaseTimeline key={c.id} progress={c.progress} link={`/enterprise/cases/${c.id}`} />)}
            </Flex>
          )}
          <Card size="small" title={t('projectTimeline')}>
            <Timeline data-testid="project-timeline" items={project.timeline.filter((e) => isMilestone(e.type)).map((e) => ({
              key: `${e.caseId}-${e.seq}`,
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text>{eventLabel(t, e, departments)}</Typography.Text>
                  <Typography.Text type="secondary">{formatTime(e.at, locale)} · {e.caseNumber}</Typography.Text>
                </Space>
              ),
            }))} />
          </Card>
        </Flex>
        );
      }}
    </Loaded>
  );
}
