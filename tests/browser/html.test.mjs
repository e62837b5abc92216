// Every HTML file of every built handbook passes the Nu HTML Checker with
// zero errors. One Java run checks them all (starting the JVM is the slow
// part); each file is then reported as a test of its own.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import assert from "node:assert/strict";
import { VNU_JAR as VNU, htmlFiles, loadSites } from "./support.mjs";

const sites = Object.values(loadSites());
const files = sites.flatMap((site) => htmlFiles(site.dir).map((file) => ({ site, file, path: join(site.dir, file) })));

const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", "--stdout", ...files.map((f) => f.path)], {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});

test("the Nu HTML Checker ran", () => {
  assert.ifError(run.error);
  assert.ok(run.stdout.trim().startsWith("{"), `vnu printed no report:\n${run.stdout}${run.stderr}`);
});

// vnu names files by file: URL (`file:/a/b`); group its messages by path.
const messages = new Map();
for (const message of run.stdout.trim().startsWith("{") ? JSON.parse(run.stdout).messages : []) {
  const key = message.url ? fileURLToPath(message.url) : "";
  if (!messages.has(key)) messages.set(key, []);
  messages.get(key).push(message);
}

for (const site of sites) {
  test(`HTML of ${site.name} is valid`, async (t) => {
    for (const { file, path } of files.filter((f) => f.site === site)) {
      await t.test(file, () => {
        const errors = (messages.get(path) ?? []).filter((m) => m.type !== "info");
        const report = errors.map((m) => `${file}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.message}\n    ${m.extract ?? ""}`);
        assert.deepEqual(report, []);
      });
    }
  });
}

test("the checker reported nothing about files it was not asked about", () => {
  const asked = new Set(files.map((f) => f.path));
  const other = [...messages.entries()].filter(([path]) => !asked.has(path));
  assert.deepEqual(other.map(([path, list]) => `${path}: ${list.map((m) => m.message).join("; ")}`), []);
});
