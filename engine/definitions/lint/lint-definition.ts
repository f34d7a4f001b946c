/// <reference path="./bpmnlint.d.ts" />
/**
 * The server side of lint as you draw: bpmnlint's own Linter, with the rules the designer ran in
 * the browser, over the tree the deploy step parsed. Errors refuse the file; warnings are
 * returned with the answer and never block.
 */
import type { ModdleElement } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import type { Problem } from '../../errors/domain-error.ts';
import { approvalLintConfig, createApprovalLinting } from './approval-rules.ts';
import type { ApprovalLintOptions } from './lint-types.ts';

export interface LintProblem extends Problem {
  /** `approval/<rule>` */
  rule: string;
}

export interface LintOutcome {
  errors: LintProblem[];
  warnings: LintProblem[];
}

/** Run every approval rule over a parsed definitions tree. A rule that throws counts as an error (fail closed). */
export async function lintDefinition(definitions: ModdleElement, options: ApprovalLintOptions = {}): Promise<LintOutcome> {
  const linter = new bpmnlint.Linter(createApprovalLinting(options));
  const results = await linter.lint(definitions, approvalLintConfig);
  const outcome: LintOutcome = { errors: [], warnings: [] };
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const problem = { path: report.id ?? 'file', reason: report.message, rule };
      if (report.category === 'warn' || report.category === 'info') outcome.warnings.push(problem);
      else outcome.errors.push(problem);
    }
  }
  // Warnings travel in a 200 answer: keep a hostile file's list short (errors are capped with the deploy problems).
  if (outcome.warnings.length > MAX_WARNINGS) outcome.warnings.length = MAX_WARNINGS;
  return outcome;
}

const MAX_WARNINGS = 200;
