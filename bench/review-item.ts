/**
 * The joint review the opinion load, the round trips and the engine overhead run: issue 8 asks
 * for cases of ten departments each. The construction permit (processes/construction-permit.bpmn)
 * reviews in eight; the bench deploys it once more under an item code of its own with the
 * county's 市场监管 and 应急管理 added to its 会签 and its 联审会 — the same process, limits,
 * meeting and permit, two more participants. The real item is left as shipped: the in-flight
 * cases and the history of the scale sections are the centre's real items.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROCESSES_DIR } from '../api/bundled-items.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';

/** The shipped item the bench's joint review is made from. */
const PERMIT_ITEM = '010030001000';
/** The bench's ten-department construction permit (a code no real catalogue uses). */
export const REVIEW_ITEM = '010030001910';
const ADDED = ['scjg', 'yjgl'];
/** The last participant of both lists (会签 and 联审会) in the shipped file; the two are added after it. */
const LAST_PARTICIPANT = '<approval:participant department="jt" level="city" />';

/** The ten-department construction permit as BPMN text. */
export async function reviewItemXml(): Promise<string> {
  const shipped = await readFile(path.join(PROCESSES_DIR, 'construction-permit.bpmn'), 'utf8');
  const lists = shipped.split(LAST_PARTICIPANT).length - 1;
  if (lists !== 2 || !shipped.includes(`approval:itemCode="${PERMIT_ITEM}"`)) {
    throw new Error('construction-permit.bpmn changed: the bench cannot add its two departments (see bench/review-item.ts)');
  }
  const added = ADDED.map((d) => `\n          <approval:participant department="${d}" level="county" />`).join('');
  return shipped
    .replaceAll(LAST_PARTICIPANT, `${LAST_PARTICIPANT}${added}`)
    .replace(`approval:itemCode="${PERMIT_ITEM}"`, `approval:itemCode="${REVIEW_ITEM}"`)
    .replace('name="企业投资建设项目施工许可"', 'name="企业投资建设项目施工许可（十部门并联审批，基准测试）"');
}

/** Deploy the ten-department construction permit (its catalogue entry is the permit's, renamed). */
export async function deployReviewItem(runtime: Runtime): Promise<void> {
  const catalogue = JSON.parse(await readFile(path.join(PROCESSES_DIR, 'construction-permit.catalogue.json'), 'utf8')) as Record<string, unknown>;
  await runtime.deploy(await reviewItemXml(), {
    deployedBy: 'bench',
    catalogue: { ...catalogue, itemCode: REVIEW_ITEM, name: `${String(catalogue.name)}（十部门并联审批，基准测试）` },
  });
}
