/**
 * The approval lint rules as bpmnlint rule factories, their one configuration, and a resolver —
 * the same objects in the browser (bpmn-js-bpmnlint) and on the server (lint-definition.ts).
 */
import type { ApprovalLintOptions, LintCategory, LintConfig, LintResolver, LintRuleFactory } from './lint-types.ts';
import { deadEnd } from './rules/dead-end.ts';
import { gatewayDefault } from './rules/gateway-default.ts';
import { greenLimit } from './rules/green-limit.ts';
import { joinDeadlock } from './rules/join-deadlock.ts';
import { jointReviewParticipants } from './rules/joint-review-participants.ts';
import { noScript } from './rules/no-script.ts';
import { promisedOverStatutory } from './rules/promised-over-statutory.ts';
import { signForLimit } from './rules/sign-for-limit.ts';
import { unknownDepartment } from './rules/unknown-department.ts';
import { waitingTaskLimit } from './rules/waiting-task-limit.ts';

/** bpmnlint reads `approval/<rule>` as rule `<rule>` of package `bpmnlint-plugin-approval`. */
export const APPROVAL_PLUGIN = 'bpmnlint-plugin-approval';
export const APPROVAL_PREFIX = 'approval';

/** Every rule: its category, and a title for people (the web app shows these). */
export const APPROVAL_LINT_RULES = {
  'waiting-task-limit': { category: 'error', zh: '等待环节缺少时限或超时默认', en: 'Waiting task without a limit or default' },
  'joint-review-participants': { category: 'error', zh: '联审环节没有参与部门', en: 'Joint review without participants' },
  'green-limit': { category: 'error', zh: '绿色通道时限长于普通时限', en: 'Green-channel limit longer than the normal one' },
  'promised-over-statutory': { category: 'error', zh: '承诺时限超过法定时限', en: 'Promised limit over the statutory limit' },
  'unknown-department': { category: 'error', zh: '未知部门', en: 'Unknown department' },
  'no-script': { category: 'error', zh: '不允许脚本', en: 'Scripts are not allowed' },
  'gateway-default': { category: 'error', zh: '网关可能使案件卡住（缺少默认流向）', en: 'Gateway can leave a case stuck (no default flow)' },
  'join-deadlock': { category: 'error', zh: '汇聚网关可能永远等待', en: 'Joining gateway can wait forever' },
  'dead-end': { category: 'error', zh: '流程死路：无法到达结束事件', en: 'Dead end: no way to an end event' },
  'sign-for-limit': { category: 'warn', zh: '缺少签收时限', en: 'No sign-for limit' },
} as const satisfies Record<string, { category: LintCategory; zh: string; en: string }>;

export type ApprovalLintRuleName = keyof typeof APPROVAL_LINT_RULES;
export const APPROVAL_LINT_RULE_NAMES = Object.keys(APPROVAL_LINT_RULES) as ApprovalLintRuleName[];

/** The rule factories, keyed by rule name without the `approval/` prefix. */
export function createApprovalLintRules(options: ApprovalLintOptions = {}): Record<ApprovalLintRuleName, LintRuleFactory> {
  return {
    'waiting-task-limit': waitingTaskLimit,
    'joint-review-participants': jointReviewParticipants,
    'green-limit': greenLimit,
    'promised-over-statutory': promisedOverStatutory,
    'unknown-department': unknownDepartment(options.departments),
    'no-script': noScript,
    'gateway-default': gatewayDefault,
    'join-deadlock': joinDeadlock,
    'dead-end': deadEnd,
    'sign-for-limit': signForLimit,
  };
}

/** The one configuration: `{ rules: { 'approval/<rule>': 'error' | 'warn' } }`. */
export const approvalLintConfig: LintConfig = {
  rules: Object.fromEntries(APPROVAL_LINT_RULE_NAMES.map((name) => [`${APPROVAL_PREFIX}/${name}`, APPROVAL_LINT_RULES[name].category])),
};

/**
 * A bpmnlint resolver over `rules`. Configs `plugin:approval/recommended` and `…/all` resolve to
 * the one configuration (its rules are then named relative to the plugin, as bpmnlint expects).
 */
export function createApprovalResolver(rules: Record<string, LintRuleFactory>): LintResolver {
  return {
    resolveRule(pkg, ruleName) {
      if (pkg !== APPROVAL_PLUGIN || !Object.hasOwn(rules, ruleName)) return null;
      return rules[ruleName] ?? null;
    },
    resolveConfig(pkg, configName) {
      if (pkg !== APPROVAL_PLUGIN || (configName !== 'recommended' && configName !== 'all')) return null;
      return {
        rules: Object.fromEntries(APPROVAL_LINT_RULE_NAMES.map((name) => [name, APPROVAL_LINT_RULES[name].category])),
      };
    },
  };
}

/** What bpmn-js-bpmnlint takes as `linting.bpmnlint` (or `linting.setLinterConfig(…)`). */
export function createApprovalLinting(options: ApprovalLintOptions = {}): { config: LintConfig; resolver: LintResolver } {
  return { config: approvalLintConfig, resolver: createApprovalResolver(createApprovalLintRules(options)) };
}
