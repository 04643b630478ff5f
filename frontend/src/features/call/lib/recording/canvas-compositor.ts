import { layoutSources, type Rect } from './recording-layout';
import type { RecordingSource } from './recording-source';

const BACKGROUND = '#121212';
const TILE = '#26282c';
const FONT = '600 22px system-ui, sans-serif';

/**
 * Draws the meeting onto a canvas, one frame per `draw()`: each source in its place (see
 * layoutSources) with its name. Tracks are played in video elements of the compositor's own, so it
 * does not depend on the page's tiles (which other layouts may move, page or hide).
 */
export class CanvasCompositor {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private sources: RecordingSource[] = [];
  /** Elements playing tracks we were given, by track id. */
  private readonly players = new Map<string, HTMLVideoElement>();
  /** Frames drawn so far (the recording's real frame rate, for tests and diagnostics). */
  frames = 0;

  constructor(
    readonly width = 1280,
    readonly height = 720,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas is not available.');
    this.ctx = ctx;
  }

  /** Draws exactly these from the next frame on; players for tracks no longer listed are released. */
  setSources(sources: RecordingSource[]): void {
    this.sources = sources;
    const wanted = new Set(sources.flatMap((s) => (isTrack(s.video) ? [s.video.id] : [])));
    for (const [id, player] of this.players) {
      if (wanted.has(id)) continue;
      player.srcObject = null;
      this.players.delete(id);
    }
  }

  draw(): void {
    const { ctx } = this;
    this.frames += 1;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, this.width, this.height);
    const rects = layoutSources(this.sources.map((s) => s.kind), this.width, this.height);
    this.sources.forEach((source, i) => this.drawSource(source, rects[i]!));
  }

  close(): void {
    this.setSources([]);
  }

  private drawSource(source: RecordingSource, rect: Rect): void {
    const { ctx } = this;
    ctx.fillStyle = TILE;
    ctx.fillRect(rect.x, rect.y, rect.w, rect.h);
    const video = this.elementFor(source.video);
    if (video && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      // A screen is shown whole (letterboxed); a camera fills its tile (cropped), as in the meeting.
      const fit = source.kind === 'screen' ? 'contain' : 'cover';
      const place = fitInto(video.videoWidth, video.videoHeight, rect, fit);
      ctx.save();
      ctx.beginPath();
      ctx.rect(rect.x, rect.y, rect.w, rect.h);
      ctx.clip();
      ctx.drawImage(video, place.x, place.y, place.w, place.h);
      ctx.restore();
    } else {
      this.drawInitial(source.name, rect);
    }
    this.drawLabel(source.name, rect);
  }

  private drawInitial(name: string, rect: Rect): void {
    const { ctx } = this;
    const r = Math.min(rect.w, rect.h) * 0.18;
    ctx.fillStyle = '#4a4f57';
    ctx.beginPath();
    ctx.arc(rect.x + rect.w / 2, rect.y + rect.h / 2, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = `600 ${Math.round(r)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText([...name.trim()][0]?.toUpperCase() ?? '?', rect.x + rect.w / 2, rect.y + rect.h / 2);
  }

  private drawLabel(name: string, rect: Rect): void {
    const { ctx } = this;
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const maxW = rect.w - 24;
    const text = clip(ctx, name, maxW - 16);
    const w = Math.min(maxW, ctx.measureText(text).width + 16);
    const h = 34;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
    ctx.fillRect(rect.x + 8, rect.y + rect.h - h - 8, w, h);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(text, rect.x + 16, rect.y + rect.h - 8 - h / 2);
  }

  private elementFor(video: RecordingSource['video']): HTMLVideoElement | null {
    if (!video) return null;
    if (!isTrack(video)) return video;
    if (video.readyState === 'ended') return null;
    let player = this.players.get(video.id);
    if (!player) {
      player = document.createElement('video');
      player.muted = true;
      player.playsInline = true;
      player.srcObject = new MediaStream([video]);
      void player.play().catch(() => undefined);
      this.players.set(video.id, player);
    }
    return player;
  }
}

function isTrack(video: RecordingSource['video']): video is MediaStreamTrack {
  return typeof MediaStreamTrack !== 'undefined' && video instanceof MediaStreamTrack;
}

/** Where a `w`×`h` picture goes in `rect`, keeping its aspect ratio. */
function fitInto(w: number, h: number, rect: Rect, fit: 'contain' | 'cover'): Rect {
  const scale = fit === 'contain' ? Math.min(rect.w / w, rect.h / h) : Math.max(rect.w / w, rect.h / h);
  const dw = w * scale;
  const dh = h * scale;
  return { x: rect.x + (rect.w - dw) / 2, y: rect.y + (rect.h - dh) / 2, w: dw, h: dh };
}

/** `text` shortened with an ellipsis to fit `maxWidth`. */
function clip(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}
