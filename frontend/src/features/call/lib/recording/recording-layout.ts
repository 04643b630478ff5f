/** Where one source is drawn on the recording canvas. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 8;
/** Height share of the strip of camera tiles under a shared screen. */
const STRIP_SHARE = 0.2;

/**
 * Where each source goes, in the order given: a grid of equal 16:9 cells, or, when a screen is
 * shared, that screen on the stage and everyone else in a strip below it (what people see in the
 * meeting, simplified). The first screen in the list takes the stage.
 */
export function layoutSources(kinds: ReadonlyArray<'camera' | 'screen'>, width: number, height: number): Rect[] {
  const n = kinds.length;
  if (n === 0) return [];
  const stage = kinds.indexOf('screen');
  if (stage === -1) return grid(n, { x: 0, y: 0, w: width, h: height });
  if (n === 1) return [{ x: 0, y: 0, w: width, h: height }];
  const stripH = Math.round(height * STRIP_SHARE);
  const stageRect = { x: 0, y: 0, w: width, h: height - stripH - GAP };
  const strip = row(n - 1, { x: 0, y: height - stripH, w: width, h: stripH });
  let next = 0;
  return kinds.map((_, i) => (i === stage ? stageRect : strip[next++]!));
}

/** `n` cells in the most square-ish grid of 16:9 cells that fits `area`, centred. */
function grid(n: number, area: Rect): Rect[] {
  let best = { cols: 1, rows: n, cellW: 0, cellH: 0 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    let cellW = (area.w - GAP * (cols - 1)) / cols;
    let cellH = (area.h - GAP * (rows - 1)) / rows;
    if (cellW / cellH > 16 / 9) cellW = (cellH * 16) / 9;
    else cellH = (cellW * 9) / 16;
    if (cellW * cellH > best.cellW * best.cellH) best = { cols, rows, cellW, cellH };
  }
  const { cols, rows, cellW, cellH } = best;
  const top = area.y + (area.h - (rows * cellH + GAP * (rows - 1))) / 2;
  return Array.from({ length: n }, (_, i) => {
    const r = Math.floor(i / cols);
    // The last row may be short: centre it.
    const inRow = r === rows - 1 ? n - r * cols : cols;
    const left = area.x + (area.w - (inRow * cellW + GAP * (inRow - 1))) / 2;
    return { x: Math.round(left + (i % cols) * (cellW + GAP)), y: Math.round(top + r * (cellH + GAP)), w: Math.round(cellW), h: Math.round(cellH) };
  });
}

/** `n` 16:9 cells side by side in `area`, centred. */
function row(n: number, area: Rect): Rect[] {
  const cellW = Math.min((area.h * 16) / 9, (area.w - GAP * (n - 1)) / n);
  const cellH = (cellW * 9) / 16;
  const left = area.x + (area.w - (n * cellW + GAP * (n - 1))) / 2;
  const top = area.y + (area.h - cellH) / 2;
  return Array.from({ length: n }, (_, i) => ({ x: Math.round(left + i * (cellW + GAP)), y: Math.round(top), w: Math.round(cellW), h: Math.round(cellH) }));
}
