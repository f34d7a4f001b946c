/**
 * The designer's workbench for one item: the diagram with its properties panel and problem list,
 * the 七公开 text, the versions; save a draft, deploy a new version, export, import.
 */
import { Alert, App as AntApp, Button, Card, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { useLoad } from '../../shared/use-load.ts';
import { CatalogueForm } from '../catalogue/CatalogueForm.tsx';
import type { Catalogue } from '../catalogue/catalogue-model.ts';
import { VersionTable } from '../items/VersionTable.tsx';
import { messages } from '../messages.ts';
import type { LintIssue } from '../modules/lint/index.ts';
import type { ServerProblem } from '../modules/problem-markers/index.ts';
import { deploy, diagramItemCode, discardDraft, exportFile, saveDraft, validate } from './document-actions.ts';
import { ImportNotices } from './ImportNotices.tsx';
import { loadDepartments, loadItemDocument, type LoadedDocument } from './load-document.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { useModeler } from './use-modeler.ts';

function useDocument(): { doc?: LoadedDocument; error?: Error; reload(): void } {
  const { itemCode } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const versionId = search.get('version');
  const imported = location.state as { xml?: string; fileName?: string } | null;
  const loaded = useLoad(async (): Promise<LoadedDocument | undefined> => {
    if (!itemCode) {
      if (!imported?.xml) return undefined;
      return { key: `import:${imported.fileName}:${Date.now()}`, xml: imported.xml, catalogue: {}, source: { kind: 'import', fileName: imported.fileName ?? '' } };
    }
    return loadItemDocument(itemCode, versionId ? Number(versionId) : undefined);
  }, [itemCode, versionId, imported]);
  return { doc: loaded.data, error: loaded.error, reload: loaded.reload };
}

export function EditorPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const { doc, error, reload } = useDocument();
  const departments = useLoad(loadDepartments, []);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { modeler, notices, importError, dirty, markClean } = useModeler(canvasRef, panelRef, doc, locale, departments.data);
  const [catalogue, setCatalogue] = useState<Catalogue>({});
  const [serverProblems, setServerProblems] = useState<ServerProblem[]>([]);
  const [catalogueProblems, setCatalogueProblems] = useState<ServerProblem[]>([]);
  const [showNotices, setShowNotices] = useState(true);
  const [busy, setBusy] = useState<'draft' | 'deploy' | 'check'>();
  const [tab, setTab] = useState('diagram');
  const [versionsKey, setVersionsKey] = useState(0);
  const [catalogueEdited, setCatalogueEdited] = useState(false);

  useEffect(() => {
    setCatalogue(doc?.catalogue ?? {});
    setCatalogueEdited(false);
    setServerProblems([]);
    setCatalogueProblems([]);
    setShowNotices(true);
  }, [doc]);

  const itemCode = (modeler && diagramItemCode(modeler)) ?? doc?.itemCode;

  const onSaveDraft = useCallback(async () => {
    if (!modeler || !doc) return;
    if (!itemCode) { message.error(t('needItemCode')); return; }
    setBusy('draft');
    try {
      const revision = doc.source.kind === 'draft' && doc.itemCode === itemCode ? doc.source.revision : 0;
      const saved = await saveDraft(modeler, itemCode, catalogue, revision);
      message.success(t('draftSaved', { revision: saved.revision }));
      markClean();
      setCatalogueEdited(false);
      if (doc.source.kind === 'draft') doc.source.revision = saved.revision;
      else navigate(`/designer/items/${encodeURIComponent(itemCode)}`, { replace: true, state: null });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        modal.confirm({ title: t('draftConflict', { revision: e.problems[0]?.reason.match(/\d+/)?.[0] ?? '?' }), okText: t('reload'), cancelText: t('cancel'), onOk: reload });
      } else message.error((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  }, [modeler, doc, itemCode, catalogue, message, modal, t, markClean, navigate, reload]);

  /** A 422/400 with problems: each on its element (or the catalogue tab), the rest listed. */
  const showRefusal = useCallback((e: unknown, key: 'deployRejected' | 'checkRejected' = 'deployRejected') => {
    if (modeler && e instanceof ApiError && (e.status === 422 || e.status === 400) && e.problems.length) {
      const onCatalogue = e.problems.filter((p) => p.path.startsWith('catalogue'));
      const rest = e.problems.filter((p) => !p.path.startsWith('catalogue'));
      (modeler.get('problemMarkers') as any).show(rest);
      setServerProblems(rest);
      setCatalogueProblems(onCatalogue);
      message.error(t(key, { count: e.problems.length }));
    } else message.error((e as Error).message);
  }, [modeler, message, t]);

  const runDeploy = useCallback(async () => {
    if (!modeler || !itemCode) return;
    setBusy('deploy');
    try {
      const result = await deploy(modeler, itemCode, catalogue);
      (modeler.get('problemMarkers') as any).clear();
      setServerProblems([]);
      setCatalogueProblems([]);
      message.success(result.created ? t('deployed', { version: result.version }) : t('deployUnchanged'));
      markClean();
      setCatalogueEdited(false);
      setVersionsKey((k) => k + 1);
      navigate(`/designer/items/${encodeURIComponent(result.itemCode)}?version=${result.id}`, { replace: true, state: null });
    } catch (e) {
      showRefusal(e);
    } finally {
      setBusy(undefined);
    }
  }, [modeler, itemCode, catalogue, message, t, markClean, navigate, showRefusal]);

  const onCheck = useCallback(async () => {
    if (!modeler) return;
    if (!itemCode) { message.error(t('needItemCode')); return; }
    setBusy('check');
    try {
      const result = await validate(modeler, itemCode, catalogue);
      (modeler.get('problemMarkers') as any).clear();
      setServerProblems([]);
      setCatalogueProblems([]);
      const same = result.latest?.identical ? t('checkIdentical', { version: result.latest.version }) : '';
      const warnings = result.warnings?.length ? `；${t('deployWarnings', { count: result.warnings.length })}` : '';
      message.success(t('checkPassed', { warnings: `${same}${warnings}` }));
    } catch (e) {
      showRefusal(e, 'checkRejected');
    } finally {
      setBusy(undefined);
    }
  }, [modeler, itemCode, catalogue, message, t, showRefusal]);

  const onDiscard = useCallback(() => {
    if (!doc?.itemCode || doc.source.kind !== 'draft') return;
    const code = doc.itemCode;
    modal.confirm({
      title: t('discardConfirm'), okText: t('discardDraft'), cancelText: t('cancel'), okButtonProps: { danger: true },
      onOk: async () => {
        await discardDraft(code);
        message.success(t('draftDiscarded'));
        reload();
      },
    });
  }, [doc, modal, message, t, reload]);

  const onDeploy = useCallback(() => {
    if (!modeler) return;
    if (!itemCode) { message.error(t('needItemCode')); return; }
    const errors = (modeler.get('approvalLint') as { current(): LintIssue[] }).current().filter((i) => i.category === 'error').length;
    if (errors) modal.confirm({ title: t('lintErrorsBlock', { count: errors }), onOk: runDeploy, okText: t('deploy'), cancelText: t('cancel') });
    else void runDeploy();
  }, [modeler, itemCode, message, modal, t, runDeploy]);

  const sourceTag = useMemo(() => {
    if (!doc) return null;
    const s = doc.source;
    const text = s.kind === 'draft' ? t('sourceDraft', { revision: s.revision }) : s.kind === 'version' ? t('sourceVersion', { version: s.version }) : t('sourceImport', { file: s.fileName });
    return <Tag color={s.kind === 'draft' ? 'blue' : s.kind === 'import' ? 'purple' : 'default'} data-testid="document-source">{text}</Tag>;
  }, [doc, t]);

  const failure = error ?? departments.error ?? importError;
  const processName = modeler ? (modeler.get('canvas') as any).getRootElement()?.businessObject?.name : undefined;
  const commandStack = modeler?.get('commandStack') as any;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Card size="small" styles={{ body: { padding: '6px 12px' } }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Button size="small" onClick={() => navigate('/designer')}>{t('backToList')}</Button>
            <Typography.Text strong data-testid="editor-title">{processName ?? t('newItemCode')}</Typography.Text>
            {itemCode && <Typography.Text type="secondary">{itemCode}</Typography.Text>}
            {sourceTag}
            {(dirty || catalogueEdited) && <Tag color="orange">{t('unsaved')}</Tag>}
          </Space>
          <Space wrap>
            <Button size="small" disabled={!modeler} onClick={() => commandStack?.undo()}>{t('undo')}</Button>
            <Button size="small" disabled={!modeler} onClick={() => commandStack?.redo()}>{t('redo')}</Button>
            <Button size="small" disabled={!modeler} onClick={() => modeler && void exportFile(modeler, itemCode ?? 'diagram')}>{t('exportXml')}</Button>
            {doc?.source.kind === 'draft' && <Button size="small" danger onClick={onDiscard}>{t('discardDraft')}</Button>}
            <Button size="small" disabled={!modeler} loading={busy === 'draft'} onClick={onSaveDraft} data-testid="save-draft">{t('saveDraft')}</Button>
            <Button size="small" disabled={!modeler} loading={busy === 'check'} onClick={onCheck} data-testid="check">{t('check')}</Button>
            <Button size="small" type="primary" disabled={!modeler} loading={busy === 'deploy'} onClick={onDeploy} data-testid="deploy">{t('deploy')}</Button>
          </Space>
        </Space>
      </Card>
      {failure && <Alert type="error" showIcon title={t(importError ? 'importFailed' : 'loadFailed', { message: failure.message })} />}
      {showNotices && doc && modeler && <ImportNotices notices={notices} imported={doc.source.kind === 'import'} onClose={() => setShowNotices(false)} />}
      <Tabs size="small" activeKey={tab} onChange={setTab} style={{ marginBottom: -8 }} items={[
        { key: 'diagram', label: t('diagram') },
        { key: 'catalogue', label: <span data-testid="tab-catalogue">{t('catalogue')}{catalogueProblems.length ? ' ⚠' : ''}</span> },
        ...(itemCode ? [{ key: 'history', label: t('history') }] : []),
      ]} />
      {/* The diagram stays mounted while another tab shows: the modeler keeps its state and undo stack. */}
      <div style={{ display: tab === 'diagram' ? 'flex' : 'none', gap: 8, height: 'calc(100vh - 215px)', minHeight: 420 }}>
        <div ref={canvasRef} className="designer-canvas" style={{ flex: 1, minWidth: 0 }} data-testid="designer-canvas">
          {!modeler && !failure && <Spin style={{ position: 'absolute', inset: 0, margin: 'auto', height: 32 }} />}
        </div>
        <div style={{ width: 360, display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0 }}>
          <div ref={panelRef} className="designer-properties" style={{ flex: 1, minHeight: 0 }} data-testid="properties-panel" />
          <div className="designer-properties"><ProblemsPanel modeler={modeler} serverProblems={serverProblems} /></div>
        </div>
      </div>
      {tab === 'catalogue' && doc && (
        <CatalogueForm value={catalogue} resetKey={doc.key} problems={catalogueProblems}
          onChange={(next) => { setCatalogue(next); setCatalogueEdited(true); }} />
      )}
      {tab === 'history' && itemCode && <Card size="small"><VersionTable itemCode={itemCode} reloadKey={versionsKey} /></Card>}
    </Space>
  );
}
