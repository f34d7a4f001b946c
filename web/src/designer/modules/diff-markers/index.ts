/**
 * bpmn-js module: a version diff (GET /api/definitions/versions/:a/diff/:b) drawn on a viewer.
 * The newer version shows added (green) and changed (amber, with what changed) elements; the
 * older version shows removed (red) ones. Layout-only moves are not changes (the server ignores DI).
 */
export interface DiffElement {
  id: string;
  type: string;
  name: string | null;
  changes?: { field: string; from: unknown; to: unknown }[];
}

export interface VersionDiff {
  added: DiffElement[];
  removed: DiffElement[];
  changed: DiffElement[];
}

export type DiffSide = 'from' | 'to';

const MARKERS = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed' } as const;

const show = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

export class DiffMarkers {
  static $inject = ['canvas', 'elementRegistry', 'overlays'];
  constructor(private canvas: any, private registry: any, private overlays: any) {}

  /** Mark the elements of `diff` that exist on this side; returns the ids marked, per kind. */
  show(diff: VersionDiff, side: DiffSide): Record<keyof typeof MARKERS, string[]> {
    this.overlays.remove({ type: 'approval-diff' });
    const kinds = side === 'to' ? (['added', 'changed'] as const) : (['removed', 'changed'] as const);
    const marked = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
    for (const kind of kinds) {
      for (const element of diff[kind]) {
        if (!this.registry.get(element.id)) continue;
        this.canvas.addMarker(element.id, MARKERS[kind]);
        marked[kind].push(element.id);
        if (kind === 'changed' && side === 'to' && element.changes?.length) this.describe(element);
      }
    }
    return marked;
  }

  private describe(element: DiffElement): void {
    const note = document.createElement('div');
    note.className = 'approval-diff-note';
    note.textContent = `Δ ${element.changes!.length}`;
    note.title = element.changes!.map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`).join('\n');
    this.overlays.add(element.id, 'approval-diff', { position: { top: -12, right: 12 }, html: note });
  }
}

export default {
  __init__: ['diffMarkers'],
  diffMarkers: ['type', DiffMarkers],
};
