/**
 * Show the whole diagram to the right of the palette (fit-viewport alone puts the first
 * elements under it), never enlarged beyond 100 %.
 */
const PALETTE = 150;
const MARGIN = 30;

export function fitBesidePalette(canvas: any): void {
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height || !outer.width) return;
  const scale = Math.min(1, (outer.width - PALETTE - MARGIN) / inner.width, (outer.height - 2 * MARGIN) / inner.height);
  const width = outer.width / scale;
  const height = outer.height / scale;
  canvas.viewbox({ x: inner.x - PALETTE / scale, y: inner.y - (height - inner.height) / 2, width, height });
}
