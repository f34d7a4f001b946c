/**
 * 会签: a joint review is a parallel multi-instance task whose collection is the participant
 * list the runtime resolves for the task (`${environment.variables.participants.<task id>}`).
 * One box creates or removes exactly that loop, so designers never type the expression.
 */
import { CheckboxEntry, isCheckboxEntryEdited } from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { EntryDefinition } from './entries.ts';
import type { Bo, Shape } from './extension-elements.ts';

/** The collection expression the runtime expects on the joint review task `taskId`. */
export const participantsCollection = (taskId: string) => `\${environment.variables.participants.${taskId}}`;

function JointReviewBox(props: { id: string; element: Shape; task: Bo; label: string; description: string }) {
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  return jsx(CheckboxEntry, {
    id: props.id, element: props.element, label: props.label, description: props.description,
    getValue: () => is(props.task.loopCharacteristics, 'bpmn:MultiInstanceLoopCharacteristics') && !props.task.loopCharacteristics.isSequential,
    setValue: (on: boolean) => {
      const loop = on ? bpmnFactory.create('bpmn:MultiInstanceLoopCharacteristics', {
        'approval:collection': participantsCollection(props.task.id), 'approval:elementVariable': 'participant',
      }) : undefined;
      modeling.updateProperties(props.element, { loopCharacteristics: loop });
    },
  });
}

export function jointReviewEntry(element: Shape, task: Bo, translate: (s: string) => string): EntryDefinition {
  return {
    id: 'approval-jointReview', element, task, component: JointReviewBox, isEdited: isCheckboxEntryEdited,
    label: translate('Joint review (all participants in parallel)'),
    description: translate('One review per participant department, at the same time (会签)'),
  } as unknown as EntryDefinition;
}
