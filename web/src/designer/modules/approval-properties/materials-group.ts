/** 申请材料: the item's materials; non-essential ones may be missing at 容缺受理 in the green channel. */
import { ListGroup } from '@bpmn-io/properties-panel';
import { appendToList, extensionOf, removeFromList, type Bo, type Shape } from './extension-elements.ts';
import { textEntry, yesNoEntry } from './entries.ts';
import { nextMaterialCode } from './material-code.ts';

type Translate = (s: string) => string;
type Injector = { get(name: string): any };

export const materialsOf = (owner: Bo): Bo[] => extensionOf(owner, 'approval:Materials')?.get('materials') ?? [];

export function materialsGroup(element: Shape, owner: Bo, injector: Injector, translate: Translate) {
  const materials = materialsOf(owner);
  const add = (event: Event) => {
    event.stopPropagation();
    const material = injector.get('bpmnFactory').create('approval:Material', { code: nextMaterialCode(materials), essential: true });
    appendToList(injector, element, owner, 'approval:Materials', 'materials', material);
  };
  return {
    id: 'approval-materials',
    label: translate('Materials'),
    component: ListGroup,
    translate,
    add,
    items: materials.map((m, index) => {
      const id = `approval-material-${index}`;
      const at = (attr: string) => ({ element, target: m, attr, id: `${id}-${attr}` });
      return {
        id,
        label: `${m.get('code') ?? ''} ${m.get('name') ?? ''}${m.get('essential') ? '' : ` (${translate('non-essential')})`}`,
        autoFocusEntry: `${id}-name`,
        remove: () => removeFromList(injector, element, owner, 'approval:Materials', 'materials', m),
        entries: [
          textEntry({ ...at('code'), label: translate('Code') }),
          textEntry({ ...at('name'), label: translate('Name') }),
          yesNoEntry({ ...at('essential'), label: translate('Essential (cannot be missing at acceptance)') }),
        ],
      };
    }),
  };
}
