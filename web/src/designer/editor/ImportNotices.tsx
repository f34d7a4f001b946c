/** What opening a file from another modeler dropped or could not draw, grouped by kind. */
import { Alert, Collapse, Typography } from 'antd';
import { useT } from '../../shared/i18n.tsx';
import { messages } from '../messages.ts';
import type { ImportNotice, NoticeKind } from '../modules/import-report/index.ts';

export function ImportNotices({ notices, imported, onClose }: { notices: ImportNotice[]; imported: boolean; onClose(): void }) {
  const t = useT(messages);
  if (!imported && notices.length === 0) return null;
  if (notices.length === 0) return <Alert type="success" showIcon closable onClose={onClose} title={t('importClean')} data-testid="import-report" />;
  const byKind = new Map<NoticeKind, ImportNotice[]>();
  for (const n of notices) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  return (
    <Alert type="warning" showIcon closable onClose={onClose} data-testid="import-report" title={t('importIntro')}
      description={<Collapse size="small" ghost items={[...byKind].map(([kind, list]) => ({
        key: kind,
        label: `${t(`notice.${kind}` as 'notice.script')} (${list.length})`,
        children: list.map((n, i) => (
          <div key={i}><Typography.Text code>{n.detail}</Typography.Text>{n.elementId ? ` — ${n.elementId}` : ''}</div>
        )),
      }))} />} />
  );
}
