/**
 * bpmn-js module: lint as you draw with the platform's own bpmnlint rules (the same rules the
 * API runs on deploy, from engine/definitions/lint), plus a small `approvalLint` service the
 * problem list beside the diagram reads.
 */
import lintModule from 'bpmn-js-bpmnlint';
import { createApprovalLinting, type KnownDepartment } from '../../../../../engine/definitions/lint/index.ts';

export interface LintIssue {
  elementId: string;
  message: string;
  category: 'error' | 'warn' | string;
  rule: string;
}

/** The `linting` option of the modeler: active, with our rules for these departments. */
export function lintingConfig(departments?: readonly KnownDepartment[]) {
  return { active: true, bpmnlint: createApprovalLinting(departments ? { departments } : {}) };
}

/** Keeps the latest lint result as a flat list (errors first) and tells listeners. */
export class ApprovalLint {
  static $inject = ['eventBus'];
  private issues: LintIssue[] = [];
  private listeners = new Set<(issues: LintIssue[]) => void>();

  constructor(eventBus: any) {
    eventBus.on('linting.completed', ({ issues }: { issues: Record<string, Array<{ id: string; message: string; category: string; rule: string }>> }) => {
      this.issues = Object.entries(issues).flatMap(([elementId, list]) => list.map((i) => ({
        elementId: i.id ?? elementId, message: i.message, category: i.category, rule: i.rule,
      }))).sort((a, b) => Number(b.category === 'error') - Number(a.category === 'error'));
      for (const listener of this.listeners) listener(this.issues);
    });
  }

  current(): LintIssue[] {
    return this.issues;
  }

  /** Call `listener` with each new result; returns the unsubscribe. */
  subscribe(listener: (issues: LintIssue[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export default {
  __depends__: [lintModule],
  __init__: ['approvalLint'],
  approvalLint: ['type', ApprovalLint],
};
