// The Teams app package: teams/manifest.json valid against Microsoft's v1.29 manifest schema (offline),
// icons of the required sizes (the outline one white on transparent), and the zip `npm run teams:package`
// builds with this deployment's bot id.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  buildManifest,
  buildPackage,
  colorIcon,
  crc32,
  decodePng,
  type Manifest,
  outlineIcon,
  PackageError,
  readTemplate,
  TEAMS_DIR,
} from "../../scripts/teams-package.js";
import { parseCommand } from "../../src/conversation/commands.js";
import { projectRoot } from "../../src/knowledge/paths.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schemaPath = join(projectRoot, "..", "shared", "schemas", "teams-app-manifest.v1.29.schema.json");
const BOT_ID = "5d6a0f2b-3c1e-4a8b-9f7d-1e2c3b4a5d6e";

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>;
  // The file declares draft-04 but uses later keywords ("const"); Ajv's default draft reads it as written.
  delete schema.$schema;
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  return ajv.compile(schema);
}

/** Reads a zip's central directory and inflates every entry, checking each CRC. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let p = archive.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(p)).toBe(0x02014b50);
    const method = archive.readUInt16LE(p + 10);
    const crc = archive.readUInt32LE(p + 16);
    const size = archive.readUInt32LE(p + 20);
    const nameLength = archive.readUInt16LE(p + 28);
    const extra = archive.readUInt16LE(p + 30) + archive.readUInt16LE(p + 32);
    const local = archive.readUInt32LE(p + 42);
    const name = archive.toString("utf8", p + 46, p + 46 + nameLength);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const packed = archive.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    expect(crc32(data)).toBe(crc);
    out.set(name, data);
    p += 46 + nameLength + extra;
  }
  return out;
}

describe("teams/manifest.json", () => {
  const manifest = readTemplate();

  it("validates against the Teams app manifest schema v1.29", () => {
    const validate = validator();
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the same validator rejects a broken manifest (the check is live)", () => {
    const validate = validator();
    const broken = structuredClone(manifest) as Manifest & { bots: Array<{ scopes: string[] }> };
    broken.id = "not-a-guid";
    (broken.bots[0] as { scopes: string[] }).scopes = ["everywhere"];
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThanOrEqual(2);
  });

  it("offers the bot in personal chats, teams and group chats, with command lists that are real commands", () => {
    const [bot] = manifest.bots as unknown as Array<{
      scopes: string[];
      commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
    }>;
    expect([...(bot?.scopes ?? [])].sort()).toEqual(["groupChat", "personal", "team"]);
    const scoped = bot?.commandLists.flatMap((l) => l.scopes).sort();
    expect(scoped).toEqual(["groupChat", "personal", "team"]);
    for (const list of bot?.commandLists ?? [])
      for (const { title } of list.commands) {
        const cmd = parseCommand(title);
        // Every suggested command is understood: a known command word, or a question the engine answers.
        expect(cmd.kind === "question" ? /\?$|^(service|model|compare) /.test(title) : true).toBe(true);
      }
  });

  it("points at icons that exist", () => {
    const icons = manifest.icons as { color: string; outline: string };
    expect(() => readFileSync(join(TEAMS_DIR, icons.color))).not.toThrow();
    expect(() => readFileSync(join(TEAMS_DIR, icons.outline))).not.toThrow();
  });
});

describe("icons", () => {
  it("color.png is a 192×192 opaque RGBA PNG", () => {
    const png = decodePng(readFileSync(join(TEAMS_DIR, "color.png")));
    expect([png.width, png.height, png.colorType]).toEqual([192, 192, 6]);
    const seeThrough = png.rgba.filter((v, i) => i % 4 === 3 && v !== 255).length;
    expect(seeThrough).toBe(0);
  });

  it("outline.png is 32×32, white on transparent", () => {
    const png = decodePng(readFileSync(join(TEAMS_DIR, "outline.png")));
    expect([png.width, png.height, png.colorType]).toEqual([32, 32, 6]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque++;
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(opaque).toBeGreaterThan(32);
    // The corners are background.
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(png.rgba[corner * 4 + 3]).toBe(0);
  });

  it("the committed icons are exactly what the script draws", () => {
    expect(readFileSync(join(TEAMS_DIR, "color.png")).equals(colorIcon())).toBe(true);
    expect(readFileSync(join(TEAMS_DIR, "outline.png")).equals(outlineIcon())).toBe(true);
  });
});

describe("npm run teams:package", () => {
  it("zips the manifest (bot id from MICROSOFT_APP_ID, version from package.json) and both icons", () => {
    const { zip } = buildPackage({ MICROSOFT_APP_ID: BOT_ID });
    const files = unzip(zip);
    expect([...files.keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    const manifest = JSON.parse(String(files.get("manifest.json"))) as Manifest;
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.version).toBe(
      JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")).version,
    );
    expect(files.get("color.png")?.equals(readFileSync(join(TEAMS_DIR, "color.png")))).toBe(true);
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it("takes the Teams app id and developer pages from the environment when given", () => {
    const m = buildManifest(
      readTemplate(),
      {
        MICROSOFT_APP_ID: BOT_ID,
        TEAMS_APP_ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
        TEAMS_PRIVACY_URL: "https://corp.example.org/privacy",
      },
      "1.2.3",
    );
    expect(m.id).toBe("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
    expect(m.developer.privacyUrl).toBe("https://corp.example.org/privacy");
    expect(m.version).toBe("1.2.3");
  });

  it.each([
    [{}, /MICROSOFT_APP_ID is not set/],
    [{ MICROSOFT_APP_ID: "my-bot" }, /must be a GUID/],
    [{ MICROSOFT_APP_ID: BOT_ID, TEAMS_TERMS_URL: "http://insecure.example" }, /https URL/],
  ])("refuses %j with a clear message", (env, message) => {
    expect(() => buildManifest(readTemplate(), env, "0.1.0")).toThrow(PackageError);
    expect(() => buildManifest(readTemplate(), env, "0.1.0")).toThrow(message);
  });
});

describe("the packaging script reads .env like the server", () => {
  const script = join(projectRoot, "dist", "scripts", "teams-package.js");
  const pack = (dotenv: string | null, env: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), "srm-teams-pkg-"));
    try {
      if (dotenv !== null) writeFileSync(join(dir, ".env"), dotenv);
      const r = spawnSync(process.execPath, [script, "--out", "app.zip"], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...env },
      });
      let manifest: Manifest | undefined;
      if (r.status === 0)
        manifest = JSON.parse(String(unzip(readFileSync(join(dir, "app.zip"))).get("manifest.json")));
      return { ...r, manifest };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("takes MICROSOFT_APP_ID and the Teams settings from .env in the working directory", () => {
    const r = pack(`MICROSOFT_APP_ID=${BOT_ID}\nTEAMS_PRIVACY_URL=https://corp.example.org/privacy\n`);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote app\.zip \(app [0-9a-f-]+, bot 5d6a0f2b-/);
    expect(r.manifest?.bots[0]?.botId).toBe(BOT_ID);
    expect(r.manifest?.developer.privacyUrl).toBe("https://corp.example.org/privacy");
  });

  it("lets the environment win over .env, and counts a blank value as unset", () => {
    const other = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    expect(pack(`MICROSOFT_APP_ID=${BOT_ID}\n`, { MICROSOFT_APP_ID: other }).manifest?.bots[0]?.botId).toBe(
      other,
    );
    const blank = pack("MICROSOFT_APP_ID=\n");
    expect(blank.status).toBe(2);
    expect(blank.stderr).toMatch(/MICROSOFT_APP_ID is not set/);
    expect(pack(null).stderr).toMatch(/MICROSOFT_APP_ID is not set/);
  });
});
