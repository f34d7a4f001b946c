/**
 * 参与部门: the departments (kind + level) that review, meet or decide on a task, with the
 * lead (牵头部门) and per-department limits that override the task's.
 */
import { ListGroup } from '@bpmn-io/properties-panel';
import { appendToList, extensionOf, removeFromList, type Bo, type Shape } from './extension-elements.ts';
import { choiceEntry, daysEntry, yesNoEntry } from './entries.ts';
import { departmentName, departmentOptions, type ApprovalConfig } from './departments.ts';
import { levelLabel, levelOptions } from './vocabulary.ts';

type Translate = (s: string) => string;
type Injector = { get(name: string): any };

export const participantsOf = (task: Bo): Bo[] => extensionOf(task, 'approval:Participants')?.get('participants') ?? [];

function participantItem(element: Shape, participant: Bo, index: number, config: ApprovalConfig, translate: Translate,
  remove: () => void) {
  const id = `approval-participant-${index}`;
  const at = (attr: string) => ({ element, target: participant, attr, id: `${id}-${attr}` });
  const level: string | undefined = participant.get('level');
  const department: string | undefined = participant.get('department');
  const name = department ? departmentName(config, department) : translate('(no department yet)');
  return {
    id,
    label: `${name} · ${level ? levelLabel(level, translate) : '?'}${participant.get('lead') ? ` · ${translate('lead')}` : ''}`,
    autoFocusEntry: `${id}-department`,
    remove,
    entries: [
      choiceEntry({ ...at('level'), label: translate('Level'), options: levelOptions(translate) }),
      choiceEntry({ ...at('department'), label: translate('Department'), options: departmentOptions(config, level, department, translate) }),
      yesNoEntry({ ...at('lead'), label: translate('Lead department (convenes and decides)') }),
      daysEntry({ ...at('signForDays'), label: translate('Sign-for limit (working days)'), description: translate('Empty: use the task limit') }),
      daysEntry({ ...at('reviewDays'), label: translate('Review limit (working days)'), description: translate('Empty: use the task limit') }),
      daysEntry({ ...at('greenReviewDays'), label: translate('Green-channel review limit (working days)') }),
    ],
  };
}

export function participantsGroup(element: Shape, task: Bo, injector: Injector, config: ApprovalConfig, translate: Translate) {
  const participants = participantsOf(task);
  // A new department is picked at the task's usual level: the first participant's, else county.
  const add = (event: Event) => {
    event.stopPropagation();
    const level = participants[0]?.get('level') ?? 'county';
    const participant = injector.get('bpmnFactory').create('approval:Participant', { level });
    appendToList(injector, element, task, 'approval:Participants', 'participants', participant);
  };
  return {
    id: 'approval-participants',
    label: translate('Participant departments'),
    component: ListGroup,
    translate,
    add,
    items: participants.map((p, index) => participantItem(element, p, index, config, translate,
      () => removeFromList(injector, element, task, 'approval:Participants', 'participants', p))),
  };
}
