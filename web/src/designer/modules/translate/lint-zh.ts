/**
 * Chinese for the lint and deploy messages of engine/definitions (English on the server, shared
 * with the API). bpmn-js-bpmnlint passes each message through `translate`; a message that no
 * pattern here matches (a new or reworded rule) is shown in English rather than wrongly.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/^a waiting task needs a time limit: set approval:reviewDays on the task or on every participant$/, '等待中的环节必须有时限：请在环节或每个参与部门上设置审查时限'],
  [/^(\w+) tasks need approval:onTimeout \("approve" or "none"\): what happens when a department misses its limit$/, '$1 环节必须设置“超时默认”：部门逾期未出具意见时如何处理'],
  [/^meetings need approval:onAbsence \("approve" or "none"\): what happens when an invited department does not attend$/, '联审会必须设置“缺席默认”：受邀部门缺席时如何处理'],
  [/^no sign-for limit \(approval:signForDays\): a department that never signs for this task is not flagged red$/, '未设置签收时限：部门一直不签收时不会亮红灯'],
  [/^(.+) has no participant department: add at least one in approval:participants$/, '$1 没有参与部门：请至少添加一个'],
  [/^a (\w+) task needs at least one participant department in approval:participants$/, '$1 环节至少需要一个参与部门'],
  [/^(.+?) ?has no department$/, '$1尚未选择部门'],
  [/^(.+): unknown department "(\w+)"$/, '$1：未知部门“$2”'],
  [/^(.+): department "(\w+)" does not exist at level "(\w+)"$/, '$1：层级 $3 没有部门“$2”'],
  [/^a joint review meeting needs a lead participant \(lead="true"\) who convenes it$/, '联审会需要一个牵头部门来召集'],
  [/^only one participant may lead \(lead="true"\); this task has (\d+)$/, '只能有一个牵头部门；本环节有 $1 个'],
  [/^an exclusive gateway with more than one outgoing flow needs a default flow, or a case whose conditions are all false gets stuck$/, '有多个出口的排他网关必须有默认流，否则条件都不满足的办件会卡住'],
  [/^a flow leaving an exclusive gateway needs a condition unless it is the default flow$/, '排他网关的出口除默认流外都需要条件'],
  [/^the default flow of a gateway must not have a condition$/, '网关的默认流不能带条件'],
  [/^no path from here reaches an end event: a case that gets here would never end$/, '从这里无法到达结束事件：到此的办件永远不会办结'],
  [/^cannot be reached from the start event$/, '从开始事件无法到达'],
  [/^script tasks are not accepted: (.*)$/, '不接受脚本任务：$1'],
  [/^this joining parallel gateway can wait forever: (.*)$/, '此并行汇聚网关可能永远等待：$1'],
];

/** The Chinese of a known message, or undefined. */
export function lintMessageZh(message: string): string | undefined {
  // Participant problems name the participant first: `participant 9 (scjg, county): …`.
  const named = message.replace(/^participant (\d+) \(([^,]*), ([^)]*)\)/, '第 $1 个参与部门（$2，$3）');
  for (const [pattern, zh] of PATTERNS) if (pattern.test(named)) return named.replace(pattern, zh);
  return undefined;
}
