/**
 * Three stable entry components (text / whole working days / choice / yes-no) for one attribute
 * of one moddle element. Stable functions matter: the panel remounts an entry whose component
 * identity changes, which would drop the focus while a designer types.
 */
import {
  CheckboxEntry, SelectEntry, TextFieldEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import type { Bo, Shape } from './extension-elements.ts';

export interface Option {
  value: string;
  label: string;
}

interface AttrProps {
  id: string;
  element: Shape;
  /** The moddle element holding the attribute (the shape's business object, a participant, a material). */
  target: Bo;
  attr: string;
  label: string;
  description?: string;
  /** For choices: the options, '' meaning "not set" (the attribute is removed). */
  options?: Option[];
}

export interface EntryDefinition extends AttrProps {
  component: (props: AttrProps) => unknown;
  isEdited: (node: unknown) => boolean;
}

function useWrite(props: AttrProps) {
  const modeling = useService('modeling');
  return (value: unknown) => modeling.updateModdleProperties(props.element, props.target, { [props.attr]: value });
}

/** A whole number of working days ≥ 0, or empty (not set); the message is in the panel's language. */
export function dayProblem(value: string | undefined, translate: (s: string) => string): string | undefined {
  const text = (value ?? '').trim();
  if (text === '') return undefined;
  return /^\d{1,4}$/.test(text) ? undefined : translate('Enter whole working days (0 or more)');
}

function DaysField(props: AttrProps) {
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const write = useWrite(props);
  return jsx(TextFieldEntry, {
    id: props.id, element: props.element, label: props.label, description: props.description, debounce,
    getValue: () => { const v = props.target.get(props.attr); return v === undefined || v === null ? '' : String(v); },
    setValue: (value: string | undefined, error?: string | null) => {
      if (error) return;
      const text = (value ?? '').trim();
      write(text === '' ? undefined : Number(text));
    },
    validate: (value: string | undefined) => dayProblem(value, translate),
  });
}

function TextField(props: AttrProps) {
  const debounce = useService('debounceInput');
  const write = useWrite(props);
  return jsx(TextFieldEntry, {
    id: props.id, element: props.element, label: props.label, description: props.description, debounce,
    getValue: () => props.target.get(props.attr) ?? '',
    setValue: (value: string | undefined) => write((value ?? '').trim() === '' ? undefined : value),
  });
}

function Choice(props: AttrProps) {
  const write = useWrite(props);
  return jsx(SelectEntry, {
    id: props.id, element: props.element, label: props.label, description: props.description,
    getValue: () => props.target.get(props.attr) ?? '',
    setValue: (value: string) => write(value === '' ? undefined : value),
    getOptions: () => props.options ?? [],
  });
}

function YesNo(props: AttrProps) {
  const write = useWrite(props);
  return jsx(CheckboxEntry, {
    id: props.id, element: props.element, label: props.label, description: props.description,
    getValue: () => props.target.get(props.attr) === true,
    // Only `true` is written: an unchecked box removes the attribute (the engine's default is false).
    setValue: (value: boolean) => write(value ? true : undefined),
  });
}

export const daysEntry = (p: AttrProps): EntryDefinition => ({ ...p, component: DaysField, isEdited: isTextFieldEntryEdited });
export const textEntry = (p: AttrProps): EntryDefinition => ({ ...p, component: TextField, isEdited: isTextFieldEntryEdited });
export const choiceEntry = (p: AttrProps): EntryDefinition => ({ ...p, component: Choice, isEdited: isSelectEntryEdited });
export const yesNoEntry = (p: AttrProps): EntryDefinition => ({ ...p, component: YesNo, isEdited: isCheckboxEntryEdited });
