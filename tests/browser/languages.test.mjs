// A handbook in three languages, opened from file:// as a --portable build:
// search finds a Japanese word inside a longer run of characters and a
// German word through another inflected form (the German stemmer), the
// language menu works by keyboard, and the translated pages pass axe and
// the Nu HTML Checker.
//
// Builds tests/fixtures/languages/handbook itself, with the binary that
// build-sites.mjs used (COACHBOOK, or target/debug/coachbook).

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { OUT, REPO, axeScan, htmlFiles, launch, nuErrors } from "./support.mjs";

const BINARY = resolve(process.env.COACHBOOK ?? join(REPO, "target/debug/coachbook"));
const SOURCE = join(REPO, "tests/fixtures/languages/handbook");
const PORTABLE = join(OUT, "languages-sites/portable");

before(() => {
  assert.ok(existsSync(BINARY), `${BINARY} is missing: run scripts/browser-test.sh`);
  rmSync(PORTABLE, { recursive: true, force: true });
  mkdirSync(PORTABLE, { recursive: true });
  const run = spawnSync(BINARY, ["build", "--root", SOURCE, "--out", PORTABLE, "--portable"], { encoding: "utf8" });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
});

const fileUrl = (file) => pathToFileURL(join(PORTABLE, file)).href;

async function withPage(file, body) {
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(fileUrl(file));
    return await body(page);
  } finally {
    await browser.close();
  }
}

/** Types `query` into the search box and returns the titles of the results. */
async function results(page, query) {
  const box = page.getByRole("searchbox");
  await box.click();
  await box.fill("");
  await page.keyboard.type(query);
  await page.waitForFunction((q) => document.querySelector(".search-results").dataset.query === q, query.trim());
  return page.locator(".search-results .search-result-title").allTextContents();
}

test("a Japanese two-character word is found inside a longer run", async () => {
  await withPage("ja/index.html", async (page) => {
    // 信頼 occurs only inside 「質問が信頼を築きます」, never on its own.
    assert.deepEqual(await results(page, "信頼"), ["積極的傾聴"]);
    assert.deepEqual(await results(page, "傾聴と質問"), ["積極的傾聴"]);
    assert.deepEqual(await results(page, "信用"), []);
  });
});

test("a German inflected form finds its page through the German stemmer", async () => {
  await withPage("de/index.html", async (page) => {
    // The guide says „Gesprächen“ only; the query is the singular, whole.
    const found = await results(page, "Gespräch ");
    assert.ok(found.includes("Aktives Zuhören"), `results: ${found}`);
    // The script speaks German too: kind labels and the status line.
    assert.ok((await page.locator(".search-results .search-kind").allTextContents()).includes("Leitfaden"));
    // The German index holds German pages only.
    assert.deepEqual(await results(page, "behaviour "), []);
    assert.equal(await page.locator(".search-message").textContent(), "Keine Treffer für “behaviour”");
  });
});

test("the language menu works by keyboard", async () => {
  await withPage("de/guides/listening/index.html", async (page) => {
    assert.equal(await page.locator("html").getAttribute("lang"), "de");
    const summary = page.locator(".language-menu summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".language-menu").evaluate((d) => d.open), true);
    const japanese = page.locator(".language-menu a[hreflang=ja]");
    assert.equal(await japanese.isVisible(), true);
    // Tab reaches the links in order: English, Deutsch, 日本語.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("hreflang")), "ja");
    await Promise.all([page.waitForURL(/\/ja\/guides\/listening\/index\.html$/), page.keyboard.press("Enter")]);
    assert.equal(await page.locator("html").getAttribute("lang"), "ja");
    assert.equal(await page.locator("h1").textContent(), "積極的傾聴");
  });
});

test("translated pages pass axe", async () => {
  for (const file of ["de/guides/listening/index.html", "ja/guides/listening/index.html", "de/questions/grow/index.html"]) {
    await withPage(file, async (page) => {
      await page.locator(".language-menu summary").click();
      assert.deepEqual(await axeScan(page), [], file);
    });
  }
});

test("every page of every language passes the Nu HTML Checker", () => {
  const files = htmlFiles(PORTABLE).map((file) => join(PORTABLE, file));
  assert.ok(files.some((file) => file.includes("/ja/")), "the Japanese pages are checked");
  assert.deepEqual(nuErrors(files), []);
});
