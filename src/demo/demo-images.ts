import sharp from 'sharp';

/**
 * Stand-in photographs for demo content, drawn locally (the demo must work
 * offline): a gradient with a few soft shapes, different for each seed.
 */
export async function demoPhoto(input: { seed: number; width?: number; height?: number }): Promise<Buffer> {
  const width = input.width ?? 1200;
  const height = input.height ?? 800;
  const hue = (input.seed * 47) % 360;
  const shapes = Array.from({ length: 5 }, (_, i) => {
    const x = ((input.seed * 131 + i * 257) % 100) / 100;
    const y = ((input.seed * 71 + i * 149) % 100) / 100;
    const r = 80 + ((input.seed * 13 + i * 37) % 220);
    return `<circle cx="${Math.round(x * width)}" cy="${Math.round(y * height)}" r="${r}" fill="hsl(${(hue + i * 40) % 360},60%,${55 + i * 5}%)" fill-opacity="0.55"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,30%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},65%,60%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A 600×60 wordmark, the size Google asks of a publisher logo. */
export async function demoLogo(title: string): Promise<Buffer> {
  const text = title.replace(/[<&>"]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60"><rect width="100%" height="100%" fill="#ffffff"/><text x="300" y="42" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="34" fill="#b3003c">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
