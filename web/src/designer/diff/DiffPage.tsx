/**
 * Visual diff of two versions of an item: the older above, the newer below, with removed /
 * added / changed elements highlighted, and the list of what changed in each element.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { get } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { messages } from '../messages.ts';
import { MODDLE_EXTENSIONS } from '../modeler/create-modeler.ts';
import diffMarkers, { type DiffElement, type DiffSide, type VersionDiff } from '../modules/diff-markers/index.ts';
import translate from '../modules/translate/index.ts';

interface DiffResponse extends VersionDiff {
  itemCode: string;
  from: { id: number; version: number };
  to: { id: number; version: number };
}

function DiffCanvas({ xml, diff, side, title }: { xml: string; diff: VersionDiff; side: DiffSide; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { locale } = useLocale();
  useEffect(() => {
    const viewer = new NavigatedViewer({
      container: ref.current!, moddleExtensions: MODDLE_EXTENSIONS, designerLocale: locale,
      additionalModules: [translate, diffMarkers],
    } as ConstructorParameters<typeof NavigatedViewer>[0]);
    viewer.importXML(xml).then(() => {
      (viewer.get('canvas') as any).zoom('fit-viewport', 'auto');
      (viewer.get('diffMarkers') as any).show(diff, side);
    }, () => undefined);
    return () => viewer.destroy();
  }, [xml, diff, side, locale]);
  return (
    <Card size="small" title={title} styles={{ body: { padding: 0 } }}>
      <div ref={ref} className="designer-canvas" style={{ height: 'calc((100vh - 330px) / 2)', minHeight: 200, border: 0 }} data-testid={`diff-${side}`} />
    </Card>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function DiffPage() {
  const t = useT(messages);
  const navigate = useNavigate();
  const { itemCode = '', a = '', b = '' } = useParams();
  const loaded = useLoad(async () => {
    const [diff, fromXml, toXml] = await Promise.all([
      get<DiffResponse>(`/api/definitions/versions/${a}/diff/${b}`),
      get<string>(`/api/definitions/versions/${a}/xml`),
      get<string>(`/api/definitions/versions/${b}/xml`),
    ]);
    return { diff, fromXml, toXml };
  }, [a, b]);
  const data = loaded.data;
  const rows = data ? [
    ...data.diff.added.map((e) => ({ kind: 'added' as const, e })),
    ...data.diff.removed.map((e) => ({ kind: 'removed' as const, e })),
    ...data.diff.changed.map((e) => ({ kind: 'changed' as const, e })),
  ] : [];
  const color = { added: 'green', removed: 'red', changed: 'gold' } as const;
  const label = { added: t('diffAdded'), removed: t('diffRemoved'), changed: t('diffChanged') };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Space>
        <Button size="small" onClick={() => navigate(`/designer/items/${encodeURIComponent(itemCode)}`)}>{t('backToList')}</Button>
        {data && <Typography.Text strong>{t('diffTitle', { item: itemCode, from: data.diff.from.version, to: data.diff.to.version })}</Typography.Text>}
      </Space>
      {loaded.error && <Alert type="error" showIcon title={t('loadFailed', { message: loaded.error.message })} />}
      {data && (
        <div style={{ display: 'flex', gap: 8 }}>
          <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
            <DiffCanvas xml={data.fromXml} diff={data.diff} side="from" title={t('olderVersion', { version: data.diff.from.version })} />
            <DiffCanvas xml={data.toXml} diff={data.diff} side="to" title={t('newerVersion', { version: data.diff.to.version })} />
          </div>
          <Card size="small" style={{ width: 400, maxHeight: 'calc(100vh - 150px)', overflow: 'auto' }} data-testid="diff-list">
            {rows.length === 0 ? <Alert type="success" title={t('diffNone')} /> : (
              <Table size="small" pagination={false} rowKey={(r) => `${r.kind}:${r.e.id}`} dataSource={rows}
                columns={[
                  { title: t('elementLabel'), render: (_, r: { kind: keyof typeof color; e: DiffElement }) => (
                    <div><Tag color={color[r.kind]}>{label[r.kind]}</Tag>{r.e.name ?? r.e.id}
                      {r.e.changes?.map((c) => <div key={c.field}><Typography.Text code>{c.field}</Typography.Text> {show(c.from)} → {show(c.to)}</div>)}
                    </div>
                  ) },
                ]} />
            )}
          </Card>
        </div>
      )}
    </Space>
  );
}
