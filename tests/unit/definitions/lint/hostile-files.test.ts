import { describe, expect, it } from 'vitest';
import { compileParsed, parseDefinition } from '../../../../engine/definitions/compile-definition.ts';
import { lintDefinition } from '../../../../engine/definitions/lint/lint-definition.ts';
import { stuckJoins } from '../../../../engine/definitions/lint/token-game.ts';
import { flowGraph } from '../../../../engine/definitions/rules/flow-graph.ts';
import { lintModel } from '../../../../engine/definitions/lint/lint-model.ts';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:approval="http://lianshen.gov.cn/schema/bpmn/approval"';

/** A parallel split into `branches` chains of `length` tasks, joined again. */
function wideParallel(branches: number, length: number, task = 'approval:taskKind="accept" approval:assignee="window" approval:reviewDays="1"'): string {
  let elements = '<bpmn:startEvent id="S"/><bpmn:parallelGateway id="G"/><bpmn:parallelGateway id="J"/><bpmn:endEvent id="E"/>';
  let flows = '<bpmn:sequenceFlow id="fs" sourceRef="S" targetRef="G"/><bpmn:sequenceFlow id="fe" sourceRef="J" targetRef="E"/>';
  for (let b = 0; b < branches; b++) {
    for (let t = 0; t < length; t++) elements += `<bpmn:userTask id="T${b}_${t}" ${task}/>`;
    flows += `<bpmn:sequenceFlow id="a${b}" sourceRef="G" targetRef="T${b}_0"/><bpmn:sequenceFlow id="z${b}" sourceRef="T${b}_${length - 1}" targetRef="J"/>`;
    for (let t = 0; t < length - 1; t++) flows += `<bpmn:sequenceFlow id="f${b}_${t}" sourceRef="T${b}_${t}" targetRef="T${b}_${t + 1}"/>`;
  }
  return `<bpmn:definitions ${NS} id="D"><bpmn:process id="P" isExecutable="true">${elements}${flows}</bpmn:process></bpmn:definitions>`;
}

describe('lint on hostile or huge files', () => {
  it('explores a small parallel item fully, and leaves one too large to explore unjudged (not guessed)', async () => {
    const small = await parseDefinition(wideParallel(3, 3));
    expect(stuckJoins(flowGraph(lintModel(small.definitions).process!))).toEqual([]);
    const huge = await parseDefinition(wideParallel(12, 10));
    const started = Date.now();
    expect(stuckJoins(flowGraph(lintModel(huge.definitions).process!))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('caps the problems of a file that fails a rule on every element, with a count of the rest', async () => {
    const parsed = await parseDefinition(wideParallel(30, 10, 'approval:taskKind="review"'));
    const lint = await lintDefinition(parsed.definitions);
    expect(lint.errors.length).toBeGreaterThan(300);
    let problems: { path: string; reason: string }[] = [];
    try {
      compileParsed(parsed, lint.errors);
    } catch (error) {
      problems = (error as { problems: typeof problems }).problems;
    }
    expect(problems).toHaveLength(201);
    expect(problems[200]).toEqual({ path: 'file', reason: expect.stringMatching(/^… and \d+ more problems$/) });
  });
});
