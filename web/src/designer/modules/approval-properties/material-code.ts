/** Codes for new materials (pure: also used outside the browser). */

type Material = { get(name: string): unknown };

/** The next free code, continuing the item's prefix (CP14 → CP15), so a new row is valid at once. */
export function nextMaterialCode(materials: Material[]): string {
  const codes: string[] = materials.map((m) => String(m.get('code') ?? ''));
  const numbered = codes.map((c) => /^(.*?)(\d+)$/.exec(c)).filter((m): m is RegExpExecArray => !!m);
  const last = numbered[numbered.length - 1];
  const prefix = last?.[1] ?? 'M';
  const width = last?.[2]?.length ?? 2;
  let n = Math.max(0, ...numbered.filter((m) => m[1] === prefix).map((m) => Number(m[2]))) + 1;
  while (codes.includes(`${prefix}${String(n).padStart(width, '0')}`)) n += 1;
  return `${prefix}${String(n).padStart(width, '0')}`;
}
