/**
 * Runs in Chromium: boots a bpmn-js modeler with only the designer modules a test names and a
 * fixture diagram, and exposes it as `window.harness` for the test to drive.
 */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import '../../../../web/src/designer/styles.ts';
import { MODDLE_EXTENSIONS } from '../../../../web/src/designer/modeler/create-modeler.ts';
import approvalProperties from '../../../../web/src/designer/modules/approval-properties/index.ts';
import diffMarkers from '../../../../web/src/designer/modules/diff-markers/index.ts';
import importReport from '../../../../web/src/designer/modules/import-report/index.ts';
import lint, { lintingConfig } from '../../../../web/src/designer/modules/lint/index.ts';
import problemMarkers from '../../../../web/src/designer/modules/problem-markers/index.ts';
import translate from '../../../../web/src/designer/modules/translate/index.ts';

const MODULES: Record<string, unknown[]> = {
  approvalProperties: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, approvalProperties],
  translate: [translate],
  lint: [lint],
  problemMarkers: [problemMarkers],
  diffMarkers: [diffMarkers],
  importReport: [importReport],
};

export interface BootOptions {
  locale?: 'zh' | 'en';
  departments?: { kind: string; kindName: string; level: string }[];
}

let modeler: Modeler | undefined;

async function boot(names: string[], xml: string, options: BootOptions = {}) {
  modeler?.destroy();
  const usesLint = names.includes('lint');
  modeler = new Modeler({
    container: document.getElementById('canvas')!,
    moddleExtensions: MODDLE_EXTENSIONS,
    additionalModules: names.flatMap((n) => {
      if (!MODULES[n]) throw new Error(`no designer module ${n}`);
      return MODULES[n]!;
    }),
    propertiesPanel: { parent: document.getElementById('panel')!, layout: { groups: { approval: { open: true } } } },
    designerLocale: options.locale ?? 'zh',
    approval: { departments: options.departments ?? [], locale: options.locale ?? 'zh' },
    ...(usesLint ? { linting: lintingConfig(options.departments) } : {}),
  } as ConstructorParameters<typeof Modeler>[0]);
  const { warnings } = await modeler.importXML(xml);
  return { warnings: warnings.map((w: any) => String(w.message ?? w)) };
}

/** Wait until bpmnlint has linted the current diagram (it runs asynchronously after changes). */
function lintSettled(): Promise<void> {
  return new Promise((resolve) => modeler!.get<any>('eventBus').once('linting.completed', () => resolve()));
}

Object.assign(window, {
  harness: {
    boot,
    get: (name: string) => modeler!.get(name),
    element: (id: string) => modeler!.get<any>('elementRegistry').get(id),
    select: (id: string) => modeler!.get<any>('selection').select(modeler!.get<any>('elementRegistry').get(id)),
    xml: async () => (await modeler!.saveXML({ format: true })).xml,
    lintSettled,
  },
});
