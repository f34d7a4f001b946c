import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import bpmnlint from 'bpmnlint';
import { describe, expect, it } from 'vitest';
import { lintDefinition } from '../../../../engine/definitions/lint/lint-definition.ts';
import {
  APPROVAL_LINT_RULE_NAMES, approvalLintConfig, createApprovalLinting, createApprovalResolver, createApprovalLintRules,
} from '../../../../engine/definitions/lint/index.ts';
import { demoDepartments, DEMO_REGIONS } from '../../../../engine/org/demo-world.ts';
import { lintFixtureXml, parse } from './lint-fixture.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const PROCESSES = path.join(ROOT, 'processes');
const LEVEL_OF = new Map(DEMO_REGIONS.map((r) => [r.code, r.level]));
const DEMO_DEPARTMENTS = demoDepartments().map((d) => ({ kind: d.kind, level: LEVEL_OF.get(d.regionCode)! }));

describe('approval lint configuration', () => {
  it('names every rule as approval/<rule>, all errors except the sign-for warning', () => {
    expect(Object.keys(approvalLintConfig.rules)).toEqual(APPROVAL_LINT_RULE_NAMES.map((name) => `approval/${name}`));
    expect(Object.entries(approvalLintConfig.rules).filter(([, category]) => category === 'warn').map(([name]) => name)).toEqual(['approval/sign-for-limit']);
  });

  it('resolves rules only for the approval plugin, the way bpmnlint asks for them', () => {
    const resolver = createApprovalResolver(createApprovalLintRules());
    expect(typeof resolver.resolveRule('bpmnlint-plugin-approval', 'dead-end')).toBe('function');
    expect(resolver.resolveRule('bpmnlint', 'dead-end')).toBeNull();
    expect(resolver.resolveRule('bpmnlint-plugin-approval', 'toString')).toBeNull();
  });

  it('lets a config extend plugin:approval/recommended and gives the same reports', async () => {
    const { resolver } = createApprovalLinting();
    const root = await parse(lintFixtureXml('green-limit.triggers'));
    const direct = await new bpmnlint.Linter({ config: approvalLintConfig, resolver }).lint(root);
    const extended = await new bpmnlint.Linter({ config: { extends: 'plugin:approval/recommended' }, resolver }).lint(root);
    expect(Object.keys(direct)).toEqual(['approval/green-limit']);
    expect(extended).toEqual(direct);
  });

  it('finds no error in any bundled item, with the static kinds or the demo world departments', async () => {
    for (const file of readdirSync(PROCESSES).filter((f) => f.endsWith('.bpmn'))) {
      const root = await parse(readFileSync(path.join(PROCESSES, file), 'utf8'));
      expect((await lintDefinition(root)).errors, file).toEqual([]);
      expect((await lintDefinition(root, { departments: DEMO_DEPARTMENTS })).errors, file).toEqual([]);
    }
  });

  it('splits errors from warnings on the server, each with its rule and element', async () => {
    const xml = lintFixtureXml('sign-for-limit.triggers').replace('approval:onTimeout="approve" ', '');
    const outcome = await lintDefinition(await parse(xml));
    expect(outcome.errors).toEqual([{ path: 'Task_review', rule: 'approval/waiting-task-limit', reason: expect.stringContaining('onTimeout') }]);
    expect(outcome.warnings).toEqual([{ path: 'Task_review', rule: 'approval/sign-for-limit', reason: expect.stringContaining('sign-for') }]);
  });

  it('stays browser-safe: nothing the rules import reaches node:, pg or the adapters', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import)\s+'([^']+)'/g)) {
        expect(specifier, `${path.relative(ROOT, file)} imports ${specifier}`).not.toMatch(/^(node:|pg$|pg\/|fs$|path$|express)/);
        if (specifier!.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier!);
          expect(path.relative(ROOT, target), `${path.relative(ROOT, file)} imports ${specifier}`).not.toMatch(/^(engine\/adapters|api)\//);
          if (target.endsWith('.ts')) visit(target);
        }
      }
    };
    visit(path.join(ROOT, 'engine/definitions/lint/index.ts'));
    expect(seen.size).toBeGreaterThan(10);
  });
});
