// The Teams app package: `npm run teams:package` writes teams/build/srm-bot-teams.zip (manifest + icons) to
// upload in Teams or the Developer Portal, with the bot's app id from MICROSOFT_APP_ID.
// `node dist/scripts/teams-package.js --icons` redraws the committed icons (teams/color.png, teams/outline.png).
// PNG and ZIP are written by hand with node:zlib so packaging needs no extra dependency.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync, deflateSync, inflateSync } from "node:zlib";
import { parse as parseDotenv } from "dotenv";
import { projectRoot } from "../src/knowledge/paths.js";

export const TEAMS_DIR = join(projectRoot, "teams");
export const PACKAGE_PATH = join(TEAMS_DIR, "build", "srm-bot-teams.zip");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PLACEHOLDER_BOT_ID = "00000000-0000-0000-0000-000000000000";

// ---- CRC-32 (PNG chunks and ZIP entries use the same one) ----------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- PNG ----------------------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG; `rgba` holds width × height × 4 bytes, row by row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method variants, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  /** RGBA, 4 bytes a pixel (only 8-bit RGBA files are decoded). */
  rgba: Uint8Array;
}

/** Reads an 8-bit RGBA, non-interlaced PNG (what encodePng writes), undoing every row filter type. */
export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG file");
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("latin1", offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (file.readUInt32BE(offset + 8 + length) !== crc32(file.subarray(offset + 4, offset + 8 + length)))
      throw new Error(`bad CRC in ${type} chunk`);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("only 8-bit, non-interlaced PNGs are read here");
      colorType = data[9] as number;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (colorType !== 6) return { width, height, colorType, rgba: new Uint8Array() };
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= 4 ? (rgba[y * stride + x - 4] as number) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] as number) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] as number) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      rgba[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, colorType, rgba };
}

// ---- Icons ----------------------------------------------------------------------------------------------

type Rgb = [number, number, number];
const INK: Rgb = [0x23, 0x2f, 0x3e];
const ORANGE: Rgb = [0xff, 0x99, 0x00];
const BLUE: Rgb = [0x3b, 0x82, 0xf6];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Inside a shield whose box is the unit square: flat top, straight sides, pointed bottom. */
function inShield(u: number, v: number): boolean {
  if (u < 0 || u > 1 || v < 0 || v > 1) return false;
  if (v <= 0.55) return true;
  // Below the sides the outline curves to the point at the bottom centre.
  const t = (v - 0.55) / 0.45;
  return Math.abs(u - 0.5) <= 0.5 * Math.sqrt(Math.max(0, 1 - t * t));
}

/** Draws with 4×4 supersampling, so edges are smooth at both icon sizes. */
function draw(size: number, paint: (x: number, y: number) => [Rgb, number] | null): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const hit = paint((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!hit) continue;
          const [rgb, alpha] = hit;
          r += rgb[0] * alpha;
          g += rgb[1] * alpha;
          b += rgb[2] * alpha;
          a += alpha;
        }
      const i = (y * size + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (n * n)) * 255);
    }
  return out;
}

/** 192×192 colour icon: a shield split between AWS (orange) and you (blue) on a dark square. */
export function colorIcon(): Buffer {
  const size = 192;
  const shield = { x: 0.22, y: 0.16, w: 0.56, h: 0.68 };
  const rgba = draw(size, (x, y) => {
    const u = (x - shield.x) / shield.w;
    const v = (y - shield.y) / shield.h;
    if (!inShield(u, v)) return [INK, 1];
    if (Math.abs(u - 0.5) < 0.025) return [WHITE, 1];
    return [u < 0.5 ? ORANGE : BLUE, 1];
  });
  return encodePng(size, size, rgba);
}

/** 32×32 outline icon: the same shield in white lines on transparent, as Teams requires. */
export function outlineIcon(): Buffer {
  const size = 32;
  const shield = { x: 0.19, y: 0.12, w: 0.62, h: 0.76 };
  const stroke = 0.1;
  const rgba = draw(size, (x, y) => {
    const u = (x - shield.x) / shield.w;
    const v = (y - shield.y) / shield.h;
    if (!inShield(u, v)) return null;
    const inner = inShield((u - stroke) / (1 - 2 * stroke), (v - stroke * 0.8) / (1 - 2 * stroke));
    const divider = Math.abs(u - 0.5) < 0.05;
    return !inner || divider ? [WHITE, 1] : null;
  });
  return encodePng(size, size, rgba);
}

// ---- ZIP --------------------------------------------------------------------------------------------------

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A ZIP archive with deflated entries (Teams rejects folders: entries go at the root). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00, the earliest DOS date: the archive's bytes depend only on its contents.
  const dosTime = 0;
  const dosDate = 0x21; // (year - 1980) << 9 | month << 5 | day
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---- Manifest and package ---------------------------------------------------------------------------------

export type Manifest = Record<string, unknown> & {
  id: string;
  version: string;
  bots: Array<Record<string, unknown> & { botId: string }>;
  developer: Record<string, unknown> & { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
};

export class PackageError extends Error {}

/** The committed manifest with this deployment's values filled in. */
export function buildManifest(template: Manifest, env: NodeJS.ProcessEnv, version: string): Manifest {
  const appId = env.MICROSOFT_APP_ID?.trim();
  if (!appId)
    throw new PackageError("MICROSOFT_APP_ID is not set: it is the bot's Microsoft App ID (a GUID).");
  if (!GUID.test(appId)) throw new PackageError(`MICROSOFT_APP_ID must be a GUID, got "${appId}".`);
  const teamsAppId = env.TEAMS_APP_ID?.trim();
  if (teamsAppId && !GUID.test(teamsAppId))
    throw new PackageError(`TEAMS_APP_ID must be a GUID, got "${teamsAppId}".`);
  const url = (name: string, fallback: string) => {
    const v = env[name]?.trim();
    if (!v) return fallback;
    if (!/^https:\/\/\S+$/.test(v)) throw new PackageError(`${name} must be an https URL, got "${v}".`);
    return v;
  };
  return {
    ...template,
    id: teamsAppId || template.id,
    version,
    developer: {
      ...template.developer,
      websiteUrl: url("TEAMS_WEBSITE_URL", template.developer.websiteUrl),
      privacyUrl: url("TEAMS_PRIVACY_URL", template.developer.privacyUrl),
      termsOfUseUrl: url("TEAMS_TERMS_URL", template.developer.termsOfUseUrl),
    },
    bots: template.bots.map((b) => ({ ...b, botId: appId })),
  };
}

export function readTemplate(dir = TEAMS_DIR): Manifest {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
}

export function buildPackage(env: NodeJS.ProcessEnv, dir = TEAMS_DIR): { zip: Buffer; manifest: Manifest } {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string };
  const manifest = buildManifest(readTemplate(dir), env, pkg.version);
  const entries: ZipEntry[] = [
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: "color.png", data: readFileSync(join(dir, "color.png")) },
    { name: "outline.png", data: readFileSync(join(dir, "outline.png")) },
  ];
  return { zip: zip(entries), manifest };
}

/**
 * The variables packaging reads, found as the server finds its own: the environment, then `.env` in the
 * working directory for any the environment does not set; a blank value counts as unset.
 */
export function packageEnv(env: NodeJS.ProcessEnv, cwd: string): NodeJS.ProcessEnv {
  let file: Record<string, string> = {};
  try {
    file = parseDotenv(readFileSync(join(cwd, ".env")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      throw new PackageError(`.env cannot be read (${(err as Error).message})`);
  }
  const merged: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries({ ...file, ...env }))
    if (v !== undefined && v.trim() !== "") merged[k] = v;
  return merged;
}

/** `teams-package.js [--out <file>] [--icons]`; returns the exit code. */
export function main(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): number {
  if (argv.includes("--icons")) {
    writeFileSync(join(TEAMS_DIR, "color.png"), colorIcon());
    writeFileSync(join(TEAMS_DIR, "outline.png"), outlineIcon());
    console.log("wrote teams/color.png and teams/outline.png");
    return 0;
  }
  const outAt = argv.indexOf("--out");
  const out = outAt >= 0 && argv[outAt + 1] ? resolve(cwd, argv[outAt + 1] as string) : PACKAGE_PATH;
  try {
    const { zip: archive, manifest } = buildPackage(packageEnv(env, cwd));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, archive);
    const shown = relative(cwd, out).startsWith("..") ? out : relative(cwd, out);
    console.log(`wrote ${shown} (app ${manifest.id}, bot ${manifest.bots[0]?.botId}, v${manifest.version})`);
    if (/example\.com/.test(JSON.stringify(manifest.developer)))
      console.log(
        "note: set TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL and TEAMS_TERMS_URL to your own pages before publishing",
      );
    return 0;
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(`teams:package: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
