/** No code runs on the server: the deploy rule that refuses script tasks, script conditions and code-carrying extensions. */
import { scripts } from '../../rules/scripts.ts';
import { definitionsRule } from '../definitions-rule.ts';

export const noScript = definitionsRule(scripts);
