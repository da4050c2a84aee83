// The architecture as a test: every file under src/ is read with the TypeScript compiler, its imports
// resolved to files, and its size and the size of each of its functions measured. A change that makes
// the core reach up into a platform, the server or the configuration fails here, as does a file or a
// function grown past what one reader can hold in mind.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";

const SRC = join(projectRoot, "src");
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

/** The core: knows nothing of who calls it. */
const CORE = ["engine", "knowledge", "quiz", "store"];
/** What the core must never import: platform adapters, the HTTP server, the configuration. */
const ABOVE_CORE = ["slack/", "teams/", "playground/", "server/", "config.ts", "config/"];

interface SourceFile {
  /** Path from src/, with forward slashes: "quiz/service.ts". */
  path: string;
  lines: number;
  parsed: ts.SourceFile;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return listSources(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

const sources: SourceFile[] = listSources(SRC).map((full) => {
  const text = readFileSync(full, "utf8");
  return {
    path: relative(SRC, full).split("\\").join("/"),
    lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
    parsed: ts.createSourceFile(full, text, ts.ScriptTarget.Latest, true),
  };
});

/** Every module a file names: static imports and re-exports, `import()` calls, `import type` too. */
function importsOf(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A relative specifier as a path from src/ ("../config.js" from quiz/cli.ts → "config.ts"); null for packages. */
function resolveInSrc(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const abs = resolve(dirname(join(SRC, from)), specifier).replace(/\.js$/, ".ts");
  return relative(SRC, abs).split("\\").join("/");
}

function layerOf(path: string): string {
  return path.includes("/") ? (path.split("/")[0] as string) : path;
}

interface FunctionSize {
  where: string;
  lines: number;
}

/** Each function-like node with a body, measured from its first to its last line, nested functions included. */
function functionSizes(file: SourceFile): FunctionSize[] {
  const sf = file.parsed;
  const out: FunctionSize[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : "(anonymous)";
      out.push({ where: `${file.path}:${start + 1} ${name}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Over the limits today; each entry must still be over, so the list only shrinks. */
const KNOWN_LARGE_FILES: ReadonlySet<string> = new Set<string>();
const KNOWN_LONG_FUNCTIONS: ReadonlySet<string> = new Set<string>();

describe("layering", () => {
  it("reads the sources", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((s) => s.path === "quiz/service.ts" || s.path.startsWith("quiz/"))).toBe(true);
  });

  it("the engine, knowledge, quiz and store import no adapter, no server module and no configuration", () => {
    const wrong: string[] = [];
    for (const file of sources) {
      if (!CORE.includes(layerOf(file.path))) continue;
      for (const spec of importsOf(file.parsed)) {
        const target = resolveInSrc(file.path, spec);
        if (target && ABOVE_CORE.some((p) => target === p || target.startsWith(p)))
          wrong.push(`${file.path} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the engine reads no environment and opens no network or database", () => {
    const wrong: string[] = [];
    const impure =
      /^(node:)?(http|https|net|fs|child_process)$|^(express|pg|better-sqlite3|kysely|@slack\/|botbuilder)/;
    for (const file of sources.filter((s) => layerOf(s.path) === "engine")) {
      for (const spec of importsOf(file.parsed)) if (impure.test(spec)) wrong.push(`${file.path} → ${spec}`);
      if (file.parsed.text.includes("process.env")) wrong.push(`${file.path} reads process.env`);
    }
    expect(wrong).toEqual([]);
  });

  it("no adapter imports another", () => {
    const adapters = ["slack", "teams", "playground"];
    const wrong: string[] = [];
    for (const file of sources) {
      const own = layerOf(file.path);
      if (!adapters.includes(own)) continue;
      for (const spec of importsOf(file.parsed)) {
        const target = resolveInSrc(file.path, spec);
        const theirs = target ? layerOf(target) : "";
        if (adapters.includes(theirs) && theirs !== own) wrong.push(`${file.path} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("sizes", () => {
  it(`no file in src/ is over ${MAX_FILE_LINES} lines`, () => {
    const large = sources
      .filter((s) => s.lines > MAX_FILE_LINES && !KNOWN_LARGE_FILES.has(s.path))
      .map((s) => `${s.path}: ${s.lines} lines`);
    expect(large).toEqual([]);
  });

  it(`no function in src/ is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = sources
      .flatMap(functionSizes)
      .filter((f) => f.lines > MAX_FUNCTION_LINES && !KNOWN_LONG_FUNCTIONS.has(f.where.replace(/:\d+ /, " ")))
      .map((f) => `${f.where}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });

  it("every known exception is still over its limit (fixed ones leave the list)", () => {
    const byPath = new Map(sources.map((s) => [s.path, s]));
    const stale = [...KNOWN_LARGE_FILES].filter((p) => (byPath.get(p)?.lines ?? 0) <= MAX_FILE_LINES);
    const long = new Set(
      sources
        .flatMap(functionSizes)
        .filter((f) => f.lines > MAX_FUNCTION_LINES)
        .map((f) => f.where.replace(/:\d+ /, " ")),
    );
    stale.push(...[...KNOWN_LONG_FUNCTIONS].filter((f) => !long.has(f)));
    expect(stale).toEqual([]);
  });

  it("the measure counts what it should", () => {
    const probe = ts.createSourceFile(
      "probe.ts",
      `export function outer() {\n${"  const a = 1;\n".repeat(90)}  return () => 2;\n}\n`,
      ts.ScriptTarget.Latest,
      true,
    );
    const sizes = functionSizes({ path: "probe.ts", lines: 93, parsed: probe });
    expect(sizes.map((s) => s.lines)).toEqual([93, 1]);
    const imports = importsOf(
      ts.createSourceFile(
        "p.ts",
        `import type { A } from "../config.js";\nexport { b } from "./b.js";\nconst c = await import("../slack/app.js");`,
        ts.ScriptTarget.Latest,
        true,
      ),
    );
    expect(imports).toEqual(["../config.js", "./b.js", "../slack/app.js"]);
    expect(resolveInSrc("quiz/cli.ts", "../config.js")).toBe("config.ts");
  });
});
