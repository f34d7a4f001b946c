/** The part of bpmnlint the server runner uses (the package ships no types for its entry point). */
declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    [key: string]: unknown;
  }
  export class Linter {
    constructor(options: { config?: unknown; resolver: unknown });
    lint(moddleRoot: unknown, config?: unknown): Promise<Record<string, LintReport[]>>;
  }
}
