// The zip for a file share, as a reader gets it: `build --package zip` of the
// sample handbook, tested and extracted with Debian's unzip (not the code
// that wrote it), then opened from the extracted folder over file:// in
// Chromium, where a search finds a page and opens it, with nothing failing
// to load.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO, firstSearchResult, htmlFiles, launch } from "./support.mjs";

const BINARY = resolve(process.env.COACHBOOK ?? join(REPO, "target/debug/coachbook"));

let temp;
let extracted;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  assert.equal(result.status, 0, `${command} ${args.join(" ")}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

before(() => {
  assert.ok(existsSync(BINARY), `${BINARY} is missing: run scripts/browser-test.sh`);
  temp = mkdtempSync(join(tmpdir(), "coachbook-zip-"));
  // The sample, built where the zip lands in a folder of its own.
  const source = join(temp, "handbook");
  mkdirSync(source);
  cpSync(join(REPO, "content"), join(source, "content"), { recursive: true });
  cpSync(join(REPO, "site.toml"), join(source, "site.toml"));
  run(BINARY, ["build", "--root", source, "--package", "zip"]);
  extracted = join(temp, "extracted");
  run("unzip", ["-tq", join(source, "public.zip")]);
  run("unzip", ["-q", join(source, "public.zip"), "-d", extracted]);
});

after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

test("the extracted zip is the portable site, without the build's marker", () => {
  assert.ok(!existsSync(join(extracted, ".coachbook-output")));
  const pages = htmlFiles(extracted);
  assert.ok(pages.length > 20, `${pages.length} pages`);
  for (const file of ["index.html", "search/index.js", "exports/questions.csv", "coachbook.css"]) {
    assert.ok(existsSync(join(extracted, file)), `${file} is missing`);
  }
});

test("opened from the extracted folder, a search finds a page and opens it, with nothing failing", async () => {
  const browser = await launch();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  try {
    const problems = [];
    page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`${request.url()} failed`));
    await page.goto(pathToFileURL(join(extracted, "index.html")).href, { waitUntil: "load" });
    const first = await firstSearchResult(page, "corridor");
    const title = await first.locator(".search-result-title").innerText();
    assert.equal(title, "Five-minute coaching in the corridor");
    const folder = pathToFileURL(extracted).href;
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(`${folder}/`) && url.href.endsWith("/index.html") && !url.href.endsWith(`${folder}/index.html`)),
      page.keyboard.press("Enter"),
    ]);
    await page.waitForLoadState("load");
    assert.equal(await page.locator("main h1").innerText(), title);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
