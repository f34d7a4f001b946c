/** The promised limit (承诺时限) published in the catalogue may only shorten the statutory limit (法定时限). */
import { promisedOverStatutory as limitProblems } from '../../rules/item-attributes.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { definitionsRule } from '../definitions-rule.ts';

export const promisedOverStatutory = definitionsRule(({ process }) =>
  (process ? limitProblems(process, (attribute) => `${idOf(process) ?? 'file'}.${attribute}`) : []));
