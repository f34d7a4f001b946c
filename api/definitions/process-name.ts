/**
 * The process name of a draft for lists, read from the text: a draft need not parse, and its
 * name is only a label (the deployed item's name comes from the parsed BPMN).
 */
const PROCESS_TAG = /<(?:[A-Za-z_][\w.-]*:)?process\b[^>]*?\sname\s*=\s*("([^"]*)"|'([^']*)')/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The `name` of the first `<process>`, unescaped and shortened, or null. */
export function processNameOf(xml: string): string | null {
  const match = PROCESS_TAG.exec(xml.slice(0, 200_000));
  const raw = match ? (match[2] ?? match[3] ?? '') : '';
  const name = raw.replace(/&(amp|lt|gt|quot|apos);/g, (_m, entity: string) => ENTITIES[entity] ?? '').trim();
  return name ? name.slice(0, 200) : null;
}
