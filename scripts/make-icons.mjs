// Makes the app's icon files for every platform from the one source image, build/icon.svg:
//   build/icon.png          1024 px (electron-builder's fallback, and the source for anything else)
//   build/icons/NxN.png     Linux (the .deb's hicolor icon theme sizes)
//   build/icon.ico          Windows: 16-256 px, each a PNG inside the ICO (Windows Vista and later)
//   build/icon.icns         macOS: 16-1024 px, each a PNG inside the ICNS (OS X 10.7 and later)
//   build/icons.json        what they were made from, checked by tests/main/electron-builder-config.test.ts
// Run `node scripts/make-icons.mjs` after editing the SVG, and commit the results.
// sharp renders the SVG (librsvg, in its bundled libvips); ICO and ICNS are written here, being
// plain containers of PNGs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const root = path.resolve(import.meta.dirname, '..');
const buildDir = path.join(root, 'build');
const source = path.join(buildDir, 'icon.svg');

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types that hold a PNG, with its pixel size (Apple's IconFamily.h). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16 pt @2x
  ['icp6', 64],
  ['ic12', 64], // 32 pt @2x
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256], // 128 pt @2x
  ['ic09', 512],
  ['ic14', 512], // 256 pt @2x
  ['ic10', 1024], // 512 pt @2x
];

async function png(svg, size) {
  // Rendered at the target size from the vector, not scaled down from a bitmap: small sizes stay sharp.
  return sharp(svg, { density: Math.max(72, (72 * size) / 1024) })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();
}

function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

function icns(elements) {
  const parts = elements.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const svg = fs.readFileSync(source);
const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])];
const rendered = new Map();
for (const size of sizes) rendered.set(size, await png(svg, size));

fs.mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
fs.writeFileSync(path.join(buildDir, 'icon.png'), rendered.get(1024));
for (const size of LINUX_SIZES) fs.writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), rendered.get(size));
fs.writeFileSync(path.join(buildDir, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, data: rendered.get(size) }))));
fs.writeFileSync(path.join(buildDir, 'icon.icns'), icns(ICNS_TYPES.map(([type, size]) => ({ type, data: rendered.get(size) }))));
const record = { source: 'icon.svg', sha256: crypto.createHash('sha256').update(svg).digest('hex'), linux: LINUX_SIZES, ico: ICO_SIZES, icns: ICNS_TYPES };
fs.writeFileSync(path.join(buildDir, 'icons.json'), `${JSON.stringify(record, null, 2)}\n`);
console.log(`Wrote build/icon.png, build/icons/ (${LINUX_SIZES.length} sizes), build/icon.ico and build/icon.icns from build/icon.svg`);
