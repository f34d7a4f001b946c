/** 审批 group of the process: the item's code, handling form, levels and limits (approval:ItemProps). */
import { CheckboxEntry, isCheckboxEntryEdited } from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import { choiceEntry, daysEntry, textEntry, type EntryDefinition } from './entries.ts';
import type { Bo, Shape } from './extension-elements.ts';
import { handlingFormOptions, levelLabel, LEVELS, starterOptions } from './vocabulary.ts';

type Translate = (s: string) => string;

interface LevelProps {
  id: string;
  element: Shape;
  process: Bo;
  level: string;
  label: string;
}

const levelsOf = (process: Bo): string[] =>
  String(process.get('approval:levels') ?? '').split(',').map((l) => l.trim()).filter(Boolean);

// `approval:levels` is one comma-separated attribute; each level is a box, written in canonical order.
function LevelBox(props: LevelProps) {
  const modeling = useService('modeling');
  return jsx(CheckboxEntry, {
    id: props.id, element: props.element, label: props.label,
    getValue: () => levelsOf(props.process).includes(props.level),
    setValue: (on: boolean) => {
      const chosen = new Set(levelsOf(props.process));
      if (on) chosen.add(props.level);
      else chosen.delete(props.level);
      const value = LEVELS.filter((l) => chosen.has(l)).join(',');
      modeling.updateModdleProperties(props.element, props.process, { 'approval:levels': value || undefined });
    },
  });
}

export function itemEntries(element: Shape, process: Bo, translate: Translate): EntryDefinition[] {
  const attr = (name: string) => ({ element, target: process, attr: `approval:${name}`, id: `approval-${name}` });
  const levelBoxes = LEVELS.map((level) => ({
    id: `approval-level-${level}`, element, process, level, component: LevelBox, isEdited: isCheckboxEntryEdited,
    label: `${translate('Accepted at')}: ${levelLabel(level, translate)}`,
  })) as unknown as EntryDefinition[];
  return [
    textEntry({ ...attr('itemCode'), label: translate('Item code'), description: translate('Same code at every level (12 digits)') }),
    choiceEntry({ ...attr('handlingForm'), label: translate('Handling form'), options: handlingFormOptions(translate) }),
    choiceEntry({ ...attr('startedBy'), label: translate('Started by'), options: starterOptions(translate) }),
    ...levelBoxes,
    daysEntry({ ...attr('statutoryDays'), label: translate('Statutory limit (working days)') }),
    daysEntry({ ...attr('promisedDays'), label: translate('Promised limit (working days)'), description: translate('Usually at most 60% of the statutory limit') }),
    daysEntry({ ...attr('greenPromisedDays'), label: translate('Green-channel promised limit (working days)') }),
  ];
}
