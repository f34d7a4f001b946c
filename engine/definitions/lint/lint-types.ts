/**
 * The slice of bpmnlint's plugin contract our rules use, declared here so the browser bundle and
 * the web typecheck need nothing from bpmnlint itself (bpmn-js-bpmnlint brings its own Linter).
 */
import type { ModdleElement } from 'bpmn-moddle';

export interface LintReporter {
  report(id: string, message: string, context?: Record<string, unknown>): void;
}

export interface LintRule {
  check(node: ModdleElement, reporter: LintReporter): boolean | void;
}

export type LintRuleFactory = (config?: unknown) => LintRule;

export type LintCategory = 'error' | 'warn';

export interface LintConfig {
  rules: Record<string, LintCategory>;
}

export interface LintResolver {
  resolveRule(pkg: string, ruleName: string): LintRuleFactory | null;
  resolveConfig(pkg: string, configName: string): LintConfig | null;
}

/** A department the unknown-department rule accepts: a kind (`xf`) existing at a level. */
export interface KnownDepartment {
  kind: string;
  level: string;
}

export interface ApprovalLintOptions {
  /**
   * The centre's departments (GET /api/org/departments rows fit as they are). When absent, each
   * department kind at the levels it exists at (engine/org/department-kinds.ts) is accepted.
   */
  departments?: readonly KnownDepartment[];
}
