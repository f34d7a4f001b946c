/**
 * The designer's bpmn-js modeler: BPMN properties panel + our 审批 groups, lint as you draw,
 * server problem markers, the import report and the Chinese/English translate module, with the
 * `approval` moddle extension shared with the engine (processes/approval-moddle.json).
 */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import approvalModdle from '../../../../processes/approval-moddle.json';
import approvalProperties from '../modules/approval-properties/index.ts';
import type { OrgDepartment } from '../modules/approval-properties/departments.ts';
import importReport from '../modules/import-report/index.ts';
import lint, { lintingConfig } from '../modules/lint/index.ts';
import problemMarkers from '../modules/problem-markers/index.ts';
import translate, { type DesignerLocale } from '../modules/translate/index.ts';

export const MODDLE_EXTENSIONS = { approval: approvalModdle };

export interface ModelerOptions {
  container: HTMLElement;
  propertiesParent: HTMLElement;
  locale: DesignerLocale;
  /** The centre's departments (GET /api/org/departments); undefined until known. */
  departments?: OrgDepartment[];
}

export function createModeler({ container, propertiesParent, locale, departments }: ModelerOptions): Modeler {
  return new Modeler({
    container,
    // The 审批 group is what designers come for: open it (and the general one) from the start.
    propertiesPanel: { parent: propertiesParent, layout: { groups: { general: { open: true }, approval: { open: true } } } },
    designerLocale: locale,
    approval: { departments: departments ?? [], locale },
    linting: lintingConfig(departments),
    moddleExtensions: MODDLE_EXTENSIONS,
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, approvalProperties, translate, lint, problemMarkers, importReport,
    ],
  } as ConstructorParameters<typeof Modeler>[0]);
}
