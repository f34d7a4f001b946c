import { readFileSync } from 'node:fs';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { approvalDescriptor } from '../../../engine/definitions/approval-descriptor.ts';
import { validateDefinition } from '../../../engine/definitions/validate-definition.ts';
import type { Problem } from '../../../engine/errors/domain-error.ts';

const SCRIPTS = 'scripts are never executed on the server';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bpmn/${name}`, import.meta.url), 'utf8');
const VALID = fixture('valid-joint-review.bpmn');

async function parse(xml: string) {
  return new BpmnModdle({ approval: approvalDescriptor }).fromXML(xml);
}

async function problemsOf(xml: string): Promise<Problem[]> {
  const { rootElement, warnings } = await parse(xml);
  return validateDefinition(rootElement, warnings);
}

/** The valid item with each `[from, to]` edit applied exactly once. */
function variant(...edits: [string, string][]): string {
  return edits.reduce((xml, [from, to]) => {
    expect(xml.split(from)).toHaveLength(2);
    return xml.replace(from, () => to);
  }, VALID);
}

/** Asserts one problem names `path` and says `phrase`. */
function expectProblem(problems: Problem[], path: string, phrase: string): void {
  expect(problems).toContainEqual({ path, reason: expect.stringContaining(phrase) });
}

const ACCEPT = '<bpmn:userTask id="Task_accept" name="窗口受理" approval:taskKind="accept" approval:assignee="window" approval:reviewDays="1">';
const REVIEW = '<bpmn:userTask id="Task_review" name="部门联审" approval:taskKind="review"';
const CONDITION = '${environment.variables.Task_review.approved}';
const PROCESS_END = '  </bpmn:process>';

describe('validateDefinition', () => {
  it('finds no problem in a minimal correct joint-review item', async () => {
    expect(await problemsOf(VALID)).toEqual([]);
  });

  describe('parse warnings', () => {
    it('names the element and attribute of a misspelled approval attribute', async () => {
      const problems = await problemsOf(variant([ACCEPT, ACCEPT.replace('>', ' approval:reviewDayz="2">')]));
      expectProblem(problems, 'Task_accept.approval:reviewDayz', 'unknown attribute');
    });

    it('names a flow whose target does not exist', async () => {
      const problems = await problemsOf(variant(['targetRef="Task_review"', 'targetRef="Task_nowhere"']));
      expectProblem(problems, 'Flow_to_review.targetRef', 'no element has that id');
    });

    it('reports an element the reader does not know, with its line', async () => {
      const problems = await problemsOf(variant([PROCESS_END, `    <bpmn:fooTask id="Task_foo" />\n${PROCESS_END}`]));
      expectProblem(problems, 'file', '<bpmn:fooTask> is not a BPMN 2.0 or approval element');
    });
  });

  describe('process and ids', () => {
    it('refuses an id used by two elements and names the id', async () => {
      const problems = await problemsOf(variant([PROCESS_END, `    <bpmn:textAnnotation id="Task_review" />\n${PROCESS_END}`]));
      expectProblem(problems, 'Task_review', 'used by more than one element');
    });

    it('refuses a file without an executable process', async () => {
      const problems = await problemsOf(variant(['isExecutable="true"', 'isExecutable="false"']));
      expectProblem(problems, 'process', 'no executable process');
    });

    it('refuses a second executable process', async () => {
      const problems = await problemsOf(variant(['  <bpmndi:BPMNDiagram', '  <bpmn:process id="Process_other" isExecutable="true" />\n  <bpmndi:BPMNDiagram']));
      expectProblem(problems, 'process', 'Process_other');
    });
  });

  describe('scripts', () => {
    it('refuses a script task and names its element id', async () => {
      expectProblem(await problemsOf(fixture('script-task.bpmn')), 'Task_fee', SCRIPTS);
    });

    it('refuses a JavaScript condition and names its flow', async () => {
      expectProblem(await problemsOf(fixture('script-condition.bpmn')), 'Flow_approved.conditionExpression', SCRIPTS);
    });

    it('refuses a language attribute on an untyped expression without a second, vaguer problem', async () => {
      const problems = await problemsOf(variant([
        `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${CONDITION}`,
        `<bpmn:conditionExpression language="groovy">${CONDITION}`,
      ]));
      expect(problems).toEqual([{ path: 'Flow_approved.conditionExpression', reason: expect.stringContaining(SCRIPTS) }]);
    });

    it('refuses Camunda listeners and names the task that carries them', async () => {
      const problems = await problemsOf(fixture('camunda-listener.bpmn'));
      expectProblem(problems, 'Task_review', '<camunda:executionListener>');
      expectProblem(problems, 'Task_review', '<camunda:taskListener>');
    });

    it('refuses a Flowable delegate class attribute on a task', async () => {
      const problems = await problemsOf(variant(
        ['id="Definitions_joint"', 'xmlns:flowable="http://flowable.org/bpmn" id="Definitions_joint"'],
        [ACCEPT, ACCEPT.replace('>', ' flowable:class="com.example.AutoAccept">')],
      ));
      expectProblem(problems, 'Task_accept.flowable:class', SCRIPTS);
    });
  });

  describe('element types', () => {
    it('refuses a service task and names its type', async () => {
      expectProblem(await problemsOf(fixture('service-task.bpmn')), 'Task_push', 'service tasks are not supported');
    });

    it('refuses a timer event: limits are counted in working days', async () => {
      expectProblem(await problemsOf(fixture('timer-event.bpmn')), 'Boundary_overdue', 'timer events are not supported: time limits are approval attributes counted in working days');
    });

    it.each([
      ['<bpmn:subProcess id="X" />', 'sub-processes are not supported'],
      ['<bpmn:callActivity id="X" calledElement="Other" />', 'call activities are not supported'],
      ['<bpmn:sendTask id="X" />', 'send tasks are not supported'],
      ['<bpmn:receiveTask id="X" />', 'receive tasks are not supported'],
      ['<bpmn:businessRuleTask id="X" />', 'business rule tasks are not supported'],
      ['<bpmn:inclusiveGateway id="X" />', 'inclusive gateways are not supported'],
      ['<bpmn:complexGateway id="X" />', 'complex gateways are not supported'],
      ['<bpmn:eventBasedGateway id="X" />', 'event based gateways are not supported'],
      ['<bpmn:intermediateThrowEvent id="X"><bpmn:signalEventDefinition /></bpmn:intermediateThrowEvent>', 'intermediate throw events are not supported'],
      ['<bpmn:intermediateCatchEvent id="X"><bpmn:errorEventDefinition /></bpmn:intermediateCatchEvent>', 'error events are not supported'],
      ['<bpmn:startEvent id="X"><bpmn:messageEventDefinition /></bpmn:startEvent>', 'only a none start event'],
    ])('refuses %s and names its element id', async (element, phrase) => {
      expectProblem(await problemsOf(variant([PROCESS_END, `    ${element}\n${PROCESS_END}`])), 'X', phrase);
    });
  });

  describe('item attributes', () => {
    it('refuses a promised limit longer than the statutory limit', async () => {
      expectProblem(await problemsOf(fixture('promised-over-statutory.bpmn')), 'Process_joint.promisedDays', 'longer than the statutory limit');
    });

    it('requires an item code', async () => {
      expectProblem(await problemsOf(variant([' approval:itemCode="XK-0001"', ''])), 'Process_joint.itemCode', 'needs approval:itemCode');
    });

    it('refuses an unknown handling form', async () => {
      expectProblem(await problemsOf(variant(['approval:handlingForm="joint"', 'approval:handlingForm="urgent"'])), 'Process_joint.handlingForm', 'unknown handling form');
    });

    it('refuses an unknown starter of the item', async () => {
      expectProblem(await problemsOf(variant(['approval:handlingForm="joint"', 'approval:handlingForm="joint" approval:startedBy="anyone"'])), 'Process_joint.startedBy', 'unknown starter');
    });

    it('requires an instant item to promise 0 days', async () => {
      expectProblem(await problemsOf(variant(['approval:handlingForm="joint"', 'approval:handlingForm="instant"'])), 'Process_joint.promisedDays', 'must be 0');
    });

    it('refuses a green-channel promised limit longer than the promised one', async () => {
      expectProblem(await problemsOf(variant(['approval:greenPromisedDays="10"', 'approval:greenPromisedDays="25"'])), 'Process_joint.greenPromisedDays', 'longer than the normal promised limit');
    });

    it.each(['-1', 'twenty'])('refuses a statutory limit of "%s"', async (value) => {
      expectProblem(await problemsOf(variant(['approval:statutoryDays="40"', `approval:statutoryDays="${value}"`])), 'Process_joint.statutoryDays', 'whole number of working days, 0 or more');
    });

    it('refuses an unknown level in approval:levels', async () => {
      expectProblem(await problemsOf(variant(['approval:levels="city,county"', 'approval:levels="city,district"'])), 'Process_joint.levels', '"district"');
    });
  });

  describe('limits and defaults', () => {
    it('refuses a review task without approval:onTimeout', async () => {
      expectProblem(await problemsOf(fixture('missing-default.bpmn')), 'Task_review.onTimeout', 'need approval:onTimeout');
    });

    it('refuses a waiting task with no time limit', async () => {
      expectProblem(await problemsOf(fixture('no-limit.bpmn')), 'Task_review.reviewDays', 'needs a time limit');
    });

    it('refuses a green-channel limit longer than the normal one, on the task and where a participant overrides it', async () => {
      const problems = await problemsOf(fixture('green-longer-than-normal.bpmn'));
      expectProblem(problems, 'Task_review.greenReviewDays', 'green-channel limit (8 working days) is longer than the normal limit (5)');
      expectProblem(problems, 'Task_review', 'participant 3 (rf, county): the green-channel limit (8 working days) is longer than the normal limit (4)');
    });

    it('refuses a negative limit on a task', async () => {
      expectProblem(await problemsOf(variant(['approval:signForDays="1"', 'approval:signForDays="-1"'])), 'Task_review.signForDays', '0 or more');
    });

    it('refuses a default rule other than approve or none', async () => {
      expectProblem(await problemsOf(variant(['approval:onInaction="approve"', 'approval:onInaction="reject"'])), 'Task_review.onInaction', '"approve" or "none"');
    });

    it('requires a meeting to say what absence means and who leads it', async () => {
      const problems = await problemsOf(variant(
        ['approval:taskKind="review"', 'approval:taskKind="meeting"'],
        [' lead="true"', ''],
      ));
      expectProblem(problems, 'Task_review.onAbsence', 'meetings need approval:onAbsence');
      expectProblem(problems, 'Task_review', 'needs a lead participant');
    });

    it('needs no time limit on a supplement task, where the clock is stopped', async () => {
      const problems = await problemsOf(variant([ACCEPT, ACCEPT.replace('taskKind="accept" approval:assignee="window" approval:reviewDays="1"', 'taskKind="supplement" approval:assignee="applicant"')]));
      expect(problems).toEqual([]);
    });
  });

  describe('task kinds and participants', () => {
    it('refuses an unknown department and names the task', async () => {
      expectProblem(await problemsOf(fixture('unknown-department.bpmn')), 'Task_review', 'participant 2 (police, city): unknown department "police"');
    });

    it('refuses a department at a level where it does not exist', async () => {
      expectProblem(await problemsOf(variant(['department="zrzy" level="city"', 'department="zfb" level="city"'])), 'Task_review', 'does not exist at level "city"');
    });

    it('refuses two lead participants on one task', async () => {
      expectProblem(await problemsOf(variant(['department="zrzy" level="city"', 'department="zrzy" level="city" lead="true"'])), 'Task_review', 'only one participant may lead');
    });

    it('accepts a participant one level below the accepting windows: the task is delegated down', async () => {
      expect(await problemsOf(variant(['approval:levels="city,county"', 'approval:levels="city"']))).toEqual([]);
    });

    it('refuses a participant more than one level below the lowest level the item is accepted at', async () => {
      const problems = await problemsOf(variant(['approval:levels="city,county"', 'approval:levels="city"'], ['department="rf" level="county"', 'department="zfb" level="township"']));
      expectProblem(problems, 'Task_review', 'level township is more than one level below city');
    });

    it('requires at least one participant on a review task', async () => {
      const problems = await problemsOf(variant([
        VALID.slice(VALID.indexOf('      <bpmn:extensionElements>\n        <approval:participants>'), VALID.indexOf('      <bpmn:incoming>Flow_to_review')),
        '',
      ]));
      expectProblem(problems, 'Task_review', 'needs at least one participant');
    });

    it('requires a known task kind on every user task', async () => {
      expectProblem(await problemsOf(variant(['taskKind="accept"', 'taskKind="approve"'])), 'Task_accept.taskKind', 'unknown task kind "approve"');
    });

    it('requires an assignee on an accept task', async () => {
      expectProblem(await problemsOf(variant([' approval:assignee="window"', ''])), 'Task_accept.assignee', 'accept tasks need approval:assignee');
    });
  });

  describe('multi-instance', () => {
    it("refuses a collection that is not the task's own participants", async () => {
      const problems = await problemsOf(variant(['participants.Task_review}', 'participants.Task_accept}']));
      expectProblem(problems, 'Task_review.collection', 'approval:collection="${environment.variables.participants.Task_review}"');
    });

    it('refuses sequential multi-instance', async () => {
      const problems = await problemsOf(variant(['<bpmn:multiInstanceLoopCharacteristics ', '<bpmn:multiInstanceLoopCharacteristics isSequential="true" ']));
      expectProblem(problems, 'Task_review', 'sequential multi-instance is not supported');
    });

    it('requires the element variable "participant"', async () => {
      const problems = await problemsOf(variant(['approval:elementVariable="participant"', 'approval:elementVariable="department"']));
      expectProblem(problems, 'Task_review.elementVariable', 'approval:elementVariable="participant"');
    });
  });

  describe('expressions and conditions', () => {
    it('refuses a call into environment.services', async () => {
      expectProblem(await problemsOf(fixture('service-call-expression.bpmn')), 'Flow_approved.conditionExpression', 'environment.services is not available');
    });

    it('refuses brackets in an expression anywhere, here a task name', async () => {
      const problems = await problemsOf(variant(['name="窗口受理"', `name="\${environment.variables['x']}"`]));
      expectProblem(problems, 'Task_accept.name', 'brackets are not allowed');
    });

    it('refuses a function call in an expression', async () => {
      const problems = await problemsOf(variant(['name="窗口受理"', 'name="${environment.variables.x.toString()}"']));
      expectProblem(problems, 'Task_accept.name', 'function calls are not allowed');
    });

    it('refuses text around an expression, which the engine would re-read after interpolation', async () => {
      const problems = await problemsOf(variant(['name="窗口受理"', 'name="受理 ${environment.variables.applicant}"']));
      expectProblem(problems, 'Task_accept.name', 'must be the whole value');
    });

    it('refuses a condition that reads a task that does not exist', async () => {
      const problems = await problemsOf(variant([CONDITION, '${environment.variables.Task_revue.approved}']));
      expectProblem(problems, 'Flow_approved.conditionExpression', 'there is no user task with that id');
    });

    it('refuses a condition on a flag the task kind never sets, which would always be false', async () => {
      const problems = await problemsOf(variant([CONDITION, '${environment.variables.Task_review.accepted}']));
      expectProblem(problems, 'Flow_approved.conditionExpression', 'never "accepted"');
    });
  });

  describe('gateways and paths', () => {
    it('refuses an exclusive gateway without a default flow', async () => {
      expectProblem(await problemsOf(fixture('stuck-gateway.bpmn')), 'Gateway_approved', 'needs a default flow');
    });

    it('refuses a condition on a flow that does not leave an exclusive gateway', async () => {
      const problems = await problemsOf(variant([
        '<bpmn:sequenceFlow id="Flow_to_review" sourceRef="Task_accept" targetRef="Task_review" />',
        `<bpmn:sequenceFlow id="Flow_to_review" sourceRef="Task_accept" targetRef="Task_review"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${environment.variables.Task_accept.accepted}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
      ]));
      expectProblem(problems, 'Flow_to_review', 'only flows leaving an exclusive gateway may have a condition');
    });

    it('refuses an element that cannot be reached from the start event', async () => {
      const problems = await problemsOf(variant([PROCESS_END, `    <bpmn:endEvent id="EndEvent_orphan" />\n${PROCESS_END}`]));
      expectProblem(problems, 'EndEvent_orphan', 'cannot be reached from the start event');
    });

    it('refuses a task from which no path reaches an end event', async () => {
      const problems = await problemsOf(variant(
        ['targetRef="EndEvent_completed"', 'targetRef="Task_dead_end"'],
        [PROCESS_END, `    <bpmn:userTask id="Task_dead_end" approval:taskKind="callback" approval:assignee="window" approval:reviewDays="1" />\n${PROCESS_END}`],
      ));
      expectProblem(problems, 'Task_dead_end', 'no path from here reaches an end event');
    });
  });

  describe('materials and outcomes', () => {
    it('refuses two materials with the same code', async () => {
      expectProblem(await problemsOf(variant(['code="M02"', 'code="M01"'])), 'Process_joint.materials', 'the code "M01" is used by more than one material');
    });

    it('requires every material to have a name', async () => {
      expectProblem(await problemsOf(variant(['name="消防设计文件"', 'name=" "'])), 'Process_joint.materials', 'material 2 ("M02") has no name');
    });

    it('refuses an unknown end outcome', async () => {
      expectProblem(await problemsOf(variant(['approval:outcome="returned"', 'approval:outcome="rejected"'])), 'EndEvent_returned.outcome', 'unknown outcome "rejected"');
    });
  });

  describe('robustness', () => {
    it('reports, rather than throws, when given something that is not a definitions tree', () => {
      expect(validateDefinition(null as unknown as ModdleElement, [])).toEqual([{ path: 'file', reason: expect.stringContaining('not a BPMN 2.0 definitions document') }]);
      expect(validateDefinition({ $type: 'bpmn:Process' } as unknown as ModdleElement, [])).toHaveLength(1);
    });

    it('ignores malformed warnings instead of throwing', async () => {
      const { rootElement } = await parse(VALID);
      expect(validateDefinition(rootElement, [null, 42, { message: 7 }, 'text'])).toEqual([]);
    });
  });
});
