/**
 * Adds the 审批 (approval) groups to the properties panel, after the BPMN groups: item
 * attributes and materials on the process, kind/limits/defaults and participant departments on
 * user tasks, the outcome on end events.
 */
import { Group } from '@bpmn-io/properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type { ApprovalConfig } from './departments.ts';
import { endEntries } from './end-group.ts';
import { processOf, type Shape } from './extension-elements.ts';
import { itemEntries } from './item-group.ts';
import { materialsGroup } from './materials-group.ts';
import { participantsGroup, participantsOf } from './participants-group.ts';
import { taskEntries } from './task-group.ts';
import { PARTICIPANT_KINDS } from './vocabulary.ts';

const LOW_PRIORITY = 500;

type Groups = Array<{ id: string }>;

export class ApprovalPropertiesProvider {
  static $inject = ['propertiesPanel', 'injector', 'translate', 'config'];
  private readonly approval: ApprovalConfig;

  constructor(propertiesPanel: any, private readonly injector: any, private readonly translate: (s: string) => string, config: any) {
    this.approval = { departments: [], locale: 'zh', ...(config?.approval ?? {}) };
    propertiesPanel.registerProvider(LOW_PRIORITY, this);
  }

  getGroups(element: Shape) {
    return (groups: Groups) => [...groups, ...this.approvalGroups(element)];
  }

  private approvalGroups(element: Shape): Groups {
    const t = this.translate;
    const group = (entries: unknown[]) => ({ id: 'approval', label: t('Approval'), component: Group, entries });
    const process = processOf(element);
    if (process) return [group(itemEntries(element, process, t)), materialsGroup(element, process, this.injector, t)];
    const bo = getBusinessObject(element);
    if (is(bo, 'bpmn:UserTask')) {
      const result: Groups = [group(taskEntries(element, bo, t))];
      if (PARTICIPANT_KINDS.includes(bo.get('approval:taskKind')) || participantsOf(bo).length) {
        result.push(participantsGroup(element, bo, this.injector, this.approval, t));
      }
      return result;
    }
    if (is(bo, 'bpmn:EndEvent')) return [group(endEntries(element, bo, t))];
    return [];
  }
}
