import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js';

/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture`): a parcel label's Code 128 barcode of
 * `text`, black bars on white, as a YUV4MPEG2 (Y4M, 4:2:0) file of `frames` identical frames. The bars come from
 * bwip-js (`raw` gives the space-bar widths, in modules); each module is `scale` pixels wide, with a quiet zone
 * of ten modules on both sides. Chromium plays the file in a loop.
 */
export function writeBarcodeVideo(path: string, text: string, options: { width?: number; height?: number; scale?: number; frames?: number } = {}): void {
  const { width = 800, height = 600, scale = 4, frames = 10 } = options;
  const [symbol] = bwipjs.raw({ bcid: 'code128', text }) as unknown as { sbs: number[] }[];
  const modules = symbol.sbs.reduce((sum, w) => sum + w, 0);
  const barcodeWidth = modules * scale;
  if (barcodeWidth + 20 * scale > width) throw new Error(`a ${modules}-module barcode does not fit ${width} px at ${scale} px per module`);

  // One row of luma: 235 (white) or 16 (black), in the range video uses.
  const row = Buffer.alloc(width, 235);
  let x = Math.floor((width - barcodeWidth) / 2);
  symbol.sbs.forEach((w, i) => {
    if (i % 2 === 0) row.fill(16, x, x + w * scale); // even entries are bars, odd ones spaces
    x += w * scale;
  });
  const luma = Buffer.alloc(width * height, 235);
  const top = Math.floor(height * 0.3);
  const bottom = Math.floor(height * 0.7);
  for (let y = top; y < bottom; y++) row.copy(luma, y * width);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
