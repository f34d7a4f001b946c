/**
 * One check of an uploaded file for validate and deploy: guard, parse once, the deploy rules and
 * the designer's lint rules (the same ones the browser ran) over the one tree. Lint errors refuse
 * the file with the deploy rules' problems, each naming its element; warnings travel with the answer.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { compileParsed, parseDefinition, type CompiledDefinition } from '../../engine/definitions/compile-definition.ts';
import { lintDefinition, type LintProblem } from '../../engine/definitions/lint/lint-definition.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { knownDepartments } from '../org/department-reads.ts';
import { scopeRegionOf } from '../org/region-scope.ts';

export interface CheckedDefinition {
  compiled: CompiledDefinition;
  warnings: LintProblem[];
}

/** Compile `xml` or throw DefinitionRejectedError naming every problem; departments are the caller's. */
export async function checkDefinition(pool: Pool, user: AuthUser, xml: Buffer): Promise<CheckedDefinition> {
  const parsed = await parseDefinition(xml);
  const departments = await knownDepartments(pool, scopeRegionOf(user));
  const lint = await lintDefinition(parsed.definitions, { departments });
  const compiled = compileParsed(parsed, lint.errors.map(({ path, reason }) => ({ path, reason })));
  return { compiled, warnings: lint.warnings };
}
