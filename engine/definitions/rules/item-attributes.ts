/**
 * The item's own attributes on the process: its catalogue code, handling form, who starts it,
 * levels and the promised / statutory limits that the public catalogue shows (七公开) and
 * supervision measures.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import { isLevel, levelRank, type Level } from '../../org/levels.ts';
import { HANDLING_FORMS, STARTERS } from '../item-model.ts';
import type { Rule } from './definition-model.ts';
import { countProblem, isCount, isPresent } from './day-counts.ts';
import { quoted, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

/** Item code, handling form, levels and item limits of the executable process. */
export const itemAttributes: Rule = ({ process }) => {
  if (!process) return [];
  const at = (attribute: string) => `${idOf(process) ?? 'process'}.${attribute}`;
  return [
    ...codeAndForm(process, at),
    ...levelProblems(process, at),
    ...limitProblems(process, at),
  ];
};

function codeAndForm(process: ModdleElement, at: (a: string) => string): Problem[] {
  const problems: Problem[] = [];
  if (!stringProp(process, 'itemCode')?.trim()) {
    problems.push({ path: at('itemCode'), reason: 'the item needs approval:itemCode, its code in the catalogue' });
  }
  const form = stringProp(process, 'handlingForm');
  if (form === undefined) {
    problems.push({ path: at('handlingForm'), reason: `the item needs approval:handlingForm (${HANDLING_FORMS.join(', ')})` });
  } else if (!(HANDLING_FORMS as readonly string[]).includes(form)) {
    problems.push({ path: at('handlingForm'), reason: `unknown handling form ${quoted(form)}: use ${HANDLING_FORMS.join(', ')}` });
  }
  const starter = stringProp(process, 'startedBy');
  if (starter !== undefined && !(STARTERS as readonly string[]).includes(starter)) {
    problems.push({ path: at('startedBy'), reason: `unknown starter ${quoted(starter)}: use ${STARTERS.join(', ')} (none: applicant)` });
  }
  return problems;
}

function levelProblems(process: ModdleElement, at: (a: string) => string): Problem[] {
  const raw = stringProp(process, 'levels');
  if (raw === undefined) return [];
  const entries = raw.split(',').map((level) => level.trim());
  const unknown = entries.filter((level) => !isLevel(level));
  if (unknown.length > 0) {
    return [{ path: at('levels'), reason: `approval:levels must list levels separated by commas (province, city, county, township); not a level: ${unknown.map(quoted).join(', ')}` }];
  }
  if (new Set(entries).size !== entries.length) return [{ path: at('levels'), reason: 'approval:levels names a level twice' }];
  return [];
}

/** The lowest level (largest rank) the item is accepted at, when its levels are readable. */
export function lowestItemLevel(process: ModdleElement | undefined): Level | undefined {
  const raw = process ? stringProp(process, 'levels') : undefined;
  const levels = (raw ?? '').split(',').map((level) => level.trim()).filter(isLevel);
  return levels.sort((a, b) => levelRank(b) - levelRank(a))[0];
}

function limitProblems(process: ModdleElement, at: (a: string) => string): Problem[] {
  const problems: Problem[] = [];
  for (const name of ['promisedDays', 'statutoryDays']) {
    if (!isPresent(process[name])) problems.push({ path: at(name), reason: `the item needs approval:${name}, in working days` });
  }
  for (const name of ['promisedDays', 'statutoryDays', 'greenPromisedDays']) {
    const reason = countProblem(name, process[name]);
    if (reason) problems.push({ path: at(name), reason });
  }
  return [...problems, ...limitOrder(process, at)];
}

function limitOrder(process: ModdleElement, at: (a: string) => string): Problem[] {
  const promised = process.promisedDays;
  const problems = [...promisedOverStatutory(process, at)];
  if (stringProp(process, 'handlingForm') === 'instant' && isCount(promised) && promised !== 0) {
    problems.push({ path: at('promisedDays'), reason: `an instant item (即办件) is done at once: its promised limit must be 0, not ${promised}` });
  }
  return [...problems, ...greenPromisedOverPromised(process, at)];
}

/** The promised limit (承诺时限) may only shorten the statutory one (法定时限). */
export function promisedOverStatutory(process: ModdleElement, at: (a: string) => string): Problem[] {
  const { promisedDays: promised, statutoryDays: statutory } = process;
  if (!isCount(promised) || !isCount(statutory) || promised <= statutory) return [];
  return [{ path: at('promisedDays'), reason: `the promised limit (${promised} working days) is longer than the statutory limit (${statutory})` }];
}

/** The green channel's promised limit may only shorten the normal promised limit. */
export function greenPromisedOverPromised(process: ModdleElement, at: (a: string) => string): Problem[] {
  const { promisedDays: promised, greenPromisedDays: green } = process;
  if (!isCount(green) || !isCount(promised) || green <= promised) return [];
  return [{ path: at('greenPromisedDays'), reason: `the green-channel promised limit (${green} working days) is longer than the normal promised limit (${promised})` }];
}
