/** Picks the column count that gives 16:9 tiles the most area in the container. */
export function bestColumns(count: number, width: number, height: number, gap = 8): number {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestArea = 0;
  for (let cols = 1; cols <= count; cols += 1) {
    const rows = Math.ceil(count / cols);
    const cellW = (width - gap * (cols - 1)) / cols;
    const cellH = (height - gap * (rows - 1)) / rows;
    const tileW = Math.min(cellW, (cellH * 16) / 9);
    const area = tileW * ((tileW * 9) / 16);
    if (area > bestArea) {
      bestArea = area;
      best = cols;
    }
  }
  return best;
}
