/**
 * bpmn-js module: the server's 422 problems shown on the elements they name (a red outline and
 * a badge with the reasons). Problem paths are `<elementId>`, `<elementId>.<attribute>` or
 * `file`; whatever names no element on the canvas is returned for the list beside the diagram.
 */
export interface ServerProblem {
  path: string;
  reason: string;
}

const MARKER = 'approval-server-problem';

export class ProblemMarkers {
  static $inject = ['canvas', 'elementRegistry', 'overlays', 'eventBus'];
  private marked = new Map<string, string>();

  constructor(private canvas: any, private registry: any, private overlays: any, eventBus: any) {
    // An element the designer edits after a refused deploy loses its marker: the problem may be fixed.
    eventBus.on('elements.changed', ({ elements }: { elements: Array<{ id: string }> }) => {
      for (const e of elements) this.unmark(e.id);
    });
    eventBus.on('diagram.clear', () => this.marked.clear());
  }

  /** Mark each problem's element; returns the problems that name no element of this diagram. */
  show(problems: ServerProblem[]): ServerProblem[] {
    this.clear();
    const byElement = new Map<string, string[]>();
    const elsewhere: ServerProblem[] = [];
    for (const p of problems) {
      const id = this.elementIdOf(p.path);
      if (!id) elsewhere.push(p);
      else byElement.set(id, [...(byElement.get(id) ?? []), p.reason]);
    }
    for (const [id, reasons] of byElement) {
      this.canvas.addMarker(id, MARKER);
      const badge = document.createElement('div');
      badge.className = 'approval-server-problem-badge';
      badge.textContent = String(reasons.length);
      badge.title = reasons.join('\n');
      this.marked.set(id, this.overlays.add(id, 'approval-server-problem', { position: { top: -10, left: -10 }, html: badge }));
    }
    return elsewhere;
  }

  /** Ids of the elements that carry a marker now. */
  markedIds(): string[] {
    return [...this.marked.keys()];
  }

  clear(): void {
    for (const id of [...this.marked.keys()]) this.unmark(id);
  }

  private unmark(id: string): void {
    const overlay = this.marked.get(id);
    if (overlay === undefined) return;
    this.overlays.remove(overlay);
    if (this.registry.get(id)) this.canvas.removeMarker(id, MARKER);
    this.marked.delete(id);
  }

  // `jointReview.reviewDays` → jointReview; a process id counts (its marker goes on the root).
  private elementIdOf(path: string): string | undefined {
    const id = path.split('.')[0] ?? '';
    return this.registry.get(id) ? id : undefined;
  }
}

export default {
  __init__: ['problemMarkers'],
  problemMarkers: ['type', ProblemMarkers],
};
