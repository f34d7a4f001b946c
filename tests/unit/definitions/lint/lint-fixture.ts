/**
 * Lint a fixture the way bpmn-js-bpmnlint does in the browser: bpmnlint's Linter with our config
 * and resolver, one rule switched on, over the tree bpmn-moddle parsed with the approval extension.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import { approvalDescriptor } from '../../../../engine/definitions/approval-descriptor.ts';
import { createApprovalLinting, type ApprovalLintOptions } from '../../../../engine/definitions/lint/index.ts';

export interface Report {
  id: string;
  message: string;
  category: string;
}

export function lintFixtureXml(name: string): string {
  return readFileSync(new URL(`../../../fixtures/bpmn/lint/${name}.bpmn`, import.meta.url), 'utf8');
}

export async function parse(xml: string): Promise<ModdleElement> {
  const parsed = await new BpmnModdle({ approval: approvalDescriptor }).fromXML(xml);
  expect(parsed.warnings).toEqual([]);
  return parsed.rootElement;
}

/** The reports of `approval/<rule>` alone on `xml`. */
export async function reportsOf(rule: string, xml: string, options: ApprovalLintOptions = {}): Promise<Report[]> {
  const { config, resolver } = createApprovalLinting(options);
  const category = config.rules[`approval/${rule}`];
  expect(category, `rule approval/${rule} is configured`).toBeDefined();
  const linter = new bpmnlint.Linter({ config: { rules: { [`approval/${rule}`]: category } }, resolver });
  const results = await linter.lint(await parse(xml));
  return (results[`approval/${rule}`] ?? []).map((r) => ({ id: r.id ?? '', message: r.message, category: r.category }));
}

/** The fixture pair of a rule: `<rule>.triggers.bpmn` and `<rule>.passes.bpmn`. */
export async function fixtureReports(rule: string, options: ApprovalLintOptions = {}) {
  return {
    triggers: await reportsOf(rule, lintFixtureXml(`${rule}.triggers`), options),
    passes: await reportsOf(rule, lintFixtureXml(`${rule}.passes`), options),
  };
}
