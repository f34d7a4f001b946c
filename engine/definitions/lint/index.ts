/// <reference path="../bpmn-moddle.d.ts" />
/**
 * Lint as you draw: the approval rules for bpmnlint, browser-safe (no node: or database imports;
 * the server runner lives in lint-definition.ts and is not exported here).
 */
export {
  APPROVAL_LINT_RULE_NAMES, APPROVAL_LINT_RULES, APPROVAL_PLUGIN, APPROVAL_PREFIX, approvalLintConfig, createApprovalLinting,
  createApprovalLintRules, createApprovalResolver, type ApprovalLintRuleName,
} from './approval-rules.ts';
export type {
  ApprovalLintOptions, KnownDepartment, LintCategory, LintConfig, LintReporter, LintResolver, LintRule, LintRuleFactory,
} from './lint-types.ts';
