#!/usr/bin/env node
// Draws RunnerDock's icons without dependencies: shapes are signed distance functions, each pixel
// is anti-aliased from its distance to the edge, and PNGs are written with node:zlib. Run
// `node scripts/make-icons.mjs` and commit the output; it is deterministic.
//
//   assets/icon.png (512), assets/icon.ico (16-256), assets/icon.icns (16-1024)
//   assets/tray/{mac,win,linux}/tray-<state>[Template][@2x].png
//
// Sizes follow common/tray-model.ts (TRAY_ICON_STYLE); scripts/check-builder-config.test.ts
// checks that every icon the tray and electron-builder.yml name exists at its size.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const ASSETS = path.join(ROOT, 'assets')
const STATES = ['stopped', 'idle', 'busy', 'attention', 'blocked']

// ---- PNG ---------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Encodes straight (non-premultiplied) RGBA pixels as an 8-bit RGBA PNG. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0 // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// ---- shapes (unit square coordinates, distances in the same units) ------------------------------

const roundedRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r
  const qy = Math.abs(y - cy) - hh + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r
const stroke = (shape, width) => (x, y) => Math.abs(shape(x, y)) - width / 2
const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)))

/**
 * Renders layers in order. A layer is `{ shape, color: [r,g,b,a] }` painted over what is below,
 * or `{ shape, erase: true }` which clears it (template glyphs are holes in a filled square).
 */
function render(size, layers) {
  const out = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size
      const y = (py + 0.5) / size
      let r = 0
      let g = 0
      let b = 0
      let a = 0 // premultiplied
      for (const layer of layers) {
        // Distance in pixels; coverage ramps over one pixel across the edge.
        const coverage = Math.min(1, Math.max(0, 0.5 - layer.shape(x, y) * size))
        if (coverage === 0) continue
        if (layer.erase) {
          r *= 1 - coverage
          g *= 1 - coverage
          b *= 1 - coverage
          a *= 1 - coverage
          continue
        }
        const color = typeof layer.color === 'function' ? layer.color(x, y) : layer.color
        const alpha = coverage * (color[3] ?? 1)
        r = color[0] * alpha + r * (1 - alpha)
        g = color[1] * alpha + g * (1 - alpha)
        b = color[2] * alpha + b * (1 - alpha)
        a = alpha + a * (1 - alpha)
      }
      const i = (py * size + px) * 4
      out[i] = a > 0 ? Math.round((r / a) * 255) : 0
      out[i + 1] = a > 0 ? Math.round((g / a) * 255) : 0
      out[i + 2] = a > 0 ? Math.round((b / a) * 255) : 0
      out[i + 3] = Math.round(a * 255)
    }
  }
  return encodePng(size, out)
}

const hex = (h) => [
  parseInt(h.slice(1, 3), 16) / 255,
  parseInt(h.slice(3, 5), 16) / 255,
  parseInt(h.slice(5, 7), 16) / 255,
  1,
]
const WHITE = [1, 1, 1, 1]
const BLACK = [0, 0, 0, 1]

// ---- the app icon ------------------------------------------------------------------------------

/** A dark rounded square; a white ring with a dot (a runner) resting on a dock bar. */
function appIcon(size) {
  const top = hex('#2b3a55')
  const bottom = hex('#111827')
  const gradient = (_x, y) => top.map((c, i) => (i === 3 ? 1 : c + (bottom[i] - c) * y))
  return render(size, [
    { shape: roundedRect(0.5, 0.5, 0.42, 0.42, 0.1), color: gradient },
    { shape: stroke(circle(0.5, 0.43, 0.18), 0.07), color: WHITE },
    { shape: circle(0.5, 0.43, 0.07), color: hex('#3fb950') },
    { shape: roundedRect(0.5, 0.74, 0.26, 0.035, 0.035), color: WHITE },
  ])
}

// ---- tray icons --------------------------------------------------------------------------------

const TRAY_COLOURS = {
  stopped: '#6e7781',
  idle: '#0969da',
  busy: '#1a7f37',
  attention: '#cf222e',
  blocked: '#9a6700',
}

/** The glyph of a state inside the square: ring, ring + dot, solid dot, exclamation mark, pause. */
function glyph(state) {
  switch (state) {
    case 'stopped':
      return stroke(circle(0.5, 0.5, 0.2), 0.1)
    case 'idle':
      return union(stroke(circle(0.5, 0.5, 0.22), 0.1), circle(0.5, 0.5, 0.07))
    case 'busy':
      return circle(0.5, 0.5, 0.24)
    case 'attention':
      return union(roundedRect(0.5, 0.41, 0.065, 0.19, 0.065), circle(0.5, 0.75, 0.075))
    case 'blocked':
      return union(
        roundedRect(0.38, 0.5, 0.07, 0.22, 0.04),
        roundedRect(0.62, 0.5, 0.07, 0.22, 0.04),
      )
    default:
      throw new Error(`Unknown state ${state}`)
  }
}

const SQUARE = roundedRect(0.5, 0.5, 0.45, 0.45, 0.2)

/** Windows and Linux: a square in the state's colour with a white glyph. */
function colourTray(state, size) {
  return render(size, [
    { shape: SQUARE, color: hex(TRAY_COLOURS[state]) },
    { shape: glyph(state), color: WHITE },
  ])
}

/**
 * macOS template: black + alpha only, tinted by the menu bar. Stopped and idle are outlined,
 * busy, attention and blocked are solid squares with the glyph cut out, so the states differ in
 * shape.
 */
function templateTray(state, size) {
  const solid = state === 'busy' || state === 'attention' || state === 'blocked'
  return render(
    size,
    solid
      ? [
          { shape: SQUARE, color: BLACK },
          { shape: glyph(state), erase: true },
        ]
      : [
          { shape: stroke(roundedRect(0.5, 0.5, 0.42, 0.42, 0.17), 0.08), color: BLACK },
          { shape: glyph(state), color: BLACK },
        ],
  )
}

// ---- containers --------------------------------------------------------------------------------

/** An .ico holding PNG images (Windows Vista and later read PNG entries). */
function encodeIco(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // icon
  header.writeUInt16LE(images.length, 4)
  const entries = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16)
    entry[0] = size >= 256 ? 0 : size // 0 means 256
    entry[1] = size >= 256 ? 0 : size
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(entry)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

/** An .icns of PNG entries (OSType per size, Apple's icns format since macOS 10.7). */
function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

// ---- output ------------------------------------------------------------------------------------

async function write(relative, data) {
  const file = path.join(ASSETS, relative)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, data)
  console.log(`${path.relative(ROOT, file)}  ${data.length} bytes`)
}

const appPngs = new Map()
const appPng = (size) => {
  if (!appPngs.has(size)) appPngs.set(size, appIcon(size))
  return appPngs.get(size)
}

await write('icon.png', appPng(512))
await write(
  'icon.ico',
  encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: appPng(size) }))),
)
await write(
  'icon.icns',
  encodeIcns([
    { type: 'icp4', png: appPng(16) },
    { type: 'icp5', png: appPng(32) },
    { type: 'ic11', png: appPng(32) },
    { type: 'ic12', png: appPng(64) },
    { type: 'ic07', png: appPng(128) },
    { type: 'ic13', png: appPng(256) },
    { type: 'ic08', png: appPng(256) },
    { type: 'ic14', png: appPng(512) },
    { type: 'ic09', png: appPng(512) },
    { type: 'ic10', png: appPng(1024) },
  ]),
)

const TRAY = [
  { dir: 'mac', size: 16, draw: templateTray, suffix: 'Template' },
  { dir: 'win', size: 16, draw: colourTray, suffix: '' },
  { dir: 'linux', size: 22, draw: colourTray, suffix: '' },
]
for (const { dir, size, draw, suffix } of TRAY) {
  for (const state of STATES) {
    await write(`tray/${dir}/tray-${state}${suffix}.png`, draw(state, size))
    await write(`tray/${dir}/tray-${state}${suffix}@2x.png`, draw(state, size * 2))
  }
}
