/** Lint issues as the designer draws, and the server's problems from the last deploy; a click selects the element. */
import type Modeler from 'bpmn-js/lib/Modeler';
import { Badge, Empty, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../shared/i18n.tsx';
import { messages } from '../messages.ts';
import type { LintIssue } from '../modules/lint/index.ts';
import type { ServerProblem } from '../modules/problem-markers/index.ts';

function elementName(modeler: Modeler, id: string): string {
  const element = (modeler.get('elementRegistry') as any).get(id);
  return element?.businessObject?.name ? `${element.businessObject.name} (${id})` : id;
}

function reveal(modeler: Modeler, id: string) {
  const element = (modeler.get('elementRegistry') as any).get(id);
  if (!element) return;
  (modeler.get('selection') as any).select(element);
  if (element.waypoints || element.parent) (modeler.get('canvas') as any).scrollToElement(element);
}

export function ProblemsPanel({ modeler, serverProblems }: { modeler?: Modeler; serverProblems: ServerProblem[] }) {
  const t = useT(messages);
  const [issues, setIssues] = useState<LintIssue[]>([]);
  useEffect(() => {
    if (!modeler) return;
    const lint = modeler.get('approvalLint') as { current(): LintIssue[]; subscribe(l: (i: LintIssue[]) => void): () => void };
    setIssues(lint.current());
    return lint.subscribe(setIssues);
  }, [modeler]);
  const errors = issues.filter((i) => i.category === 'error').length;
  // Messages come in English from the shared rules; the modeler's translate knows their Chinese.
  const translate = (text: string) => (modeler ? (modeler.get('translate') as (s: string) => string)(text) : text);
  const rows = [
    ...serverProblems.map((p) => ({ key: `s:${p.path}:${p.reason}`, id: p.path.split('.')[0]!, text: translate(p.reason), tag: <Tag color="magenta">{t('serverProblems')}</Tag> })),
    ...issues.map((i, n) => ({
      key: `l:${n}`, id: i.elementId, text: translate(i.message),
      tag: <Tag color={i.category === 'error' ? 'red' : 'gold'}>{i.category === 'error' ? t('error') : t('warning')}</Tag>,
    })),
  ];
  return (
    <div data-testid="lint-panel" style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '0 0 auto' }}>
      <Typography.Text strong style={{ padding: '6px 8px' }}>
        {t('problems')} <Badge count={errors} showZero color={errors ? '#cf1322' : '#52c41a'} data-testid="lint-error-count" />
      </Typography.Text>
      <div style={{ maxHeight: 170, overflow: 'auto' }}>
        {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noProblems')} /> : (
          <List size="small" dataSource={rows} renderItem={(row) => (
            <List.Item style={{ cursor: 'pointer', padding: '4px 8px' }} onClick={() => modeler && reveal(modeler, row.id)} data-testid="lint-issue">
              <div>{row.tag}<Typography.Text type="secondary">{modeler ? elementName(modeler, row.id) : row.id}</Typography.Text>
                <div>{row.text}</div></div>
            </List.Item>
          )} />
        )}
      </div>
    </div>
  );
}
