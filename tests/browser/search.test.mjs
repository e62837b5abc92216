// Search as a trainer uses it: "/" to the box, a word typed, the right
// guide or question at the top of the results, Enter to open it. From
// file:// with a --portable build (the index loads as scripts, never with
// fetch), from a server under a sub-path, and in the participant edition.
//
// Builds tests/fixtures/search/handbook itself, with the binary that
// build-sites.mjs used (COACHBOOK, or target/debug/coachbook).

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { OUT, REPO, axeScan, launch, serve } from "./support.mjs";

const BINARY = resolve(process.env.COACHBOOK ?? join(REPO, "target/debug/coachbook"));
const SOURCE = join(REPO, "tests/fixtures/search/handbook");
const SITES = join(OUT, "search-sites");
const PORTABLE = join(SITES, "portable");
const PARTICIPANT = join(SITES, "participant");
// Served from SITES/sub, so the handbook lives at /handbook/, not at the root.
const SUB_PATH = join(SITES, "sub/handbook");

function build(out, ...flags) {
  const run = spawnSync(BINARY, ["build", "--root", SOURCE, "--out", out, ...flags], { encoding: "utf8" });
  if (run.error) throw new Error(`cannot run ${BINARY}: ${run.error.message}`);
  assert.equal(run.status, 0, `coachbook build ${flags.join(" ")}\n${run.stdout}${run.stderr}`);
}

before(() => {
  assert.ok(existsSync(BINARY), `${BINARY} is missing: run scripts/browser-test.sh`);
  rmSync(SITES, { recursive: true, force: true });
  mkdirSync(join(SITES, "sub"), { recursive: true });
  build(PORTABLE, "--portable");
  build(PARTICIPANT, "--portable", "--edition", "participant");
  build(SUB_PATH);
  // What the server answers outside the handbook (the browser asks for /favicon.ico).
  writeFileSync(join(SITES, "sub/404.html"), "<!DOCTYPE html><title>Not found</title>\n");
});

const fileUrl = (dir, file) => pathToFileURL(join(dir, file)).href;

/** Runs `body(page, context)` in a fresh browser, then closes it. */
async function withBrowser(body) {
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    return await body(page, browser.context);
  } finally {
    await browser.close();
  }
}

const box = (page) => page.getByRole("searchbox", { name: "Search the handbook" });
const options = (page) => page.getByRole("list", { name: "Search results" }).getByRole("link");
const focused = (page) =>
  page.evaluate(() => document.activeElement.querySelector(".search-result-title")?.textContent ?? document.activeElement.id);

/** Focuses the box with "/" from the page, types `query` and waits for its results. */
async function search(page, query) {
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("/");
  assert.equal(await box(page).evaluate((el) => el === document.activeElement), true, "/ focuses the box");
  await box(page).fill("");
  await page.keyboard.type(query);
  await page.waitForFunction((q) => document.querySelector(".search-results").dataset.query === q, query.trim());
}

/** What each visible result shows: "kind | title | section". */
function shown(page) {
  return options(page).evaluateAll((items) =>
    items.map((li) =>
      [".search-kind", ".search-result-title", ".search-result-section"]
        .map((css) => li.querySelector(css)?.textContent ?? "")
        .join(" | "),
    ),
  );
}

test("a word from one guide's body finds that guide from file://, and Enter opens it", async () => {
  await withBrowser(async (page) => {
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(fileUrl(PORTABLE, "questions/grow/index.html"));
    await search(page, "zanzibarish");
    assert.deepEqual(await shown(page), ["Guide | Using silence | Guides"]);
    assert.equal(await options(page).first().locator(".search-result-snippet mark").innerText(), "zanzibarish");
    await Promise.all([page.waitForURL(/guides\/silence\/index\.html$/), page.keyboard.press("Enter")]);
    assert.equal(await page.locator("main h1").innerText(), "Using silence");
    assert.deepEqual(errors, []);
  });
});

test("a word from one bank question finds that question first and opens it at its anchor", async () => {
  await withBrowser(async (page) => {
    await page.goto(fileUrl(PORTABLE, "guides/silence/index.html"));
    await search(page, "quixotical");
    const results = await shown(page);
    assert.equal(results[0], "Question | What quixotical goal would you chase if nothing stood in the way? | GROW questions · Goal");
    // The scenario whose debrief shows that question comes after it.
    assert.deepEqual(results.slice(1), ["Scenario | The missed deadline | Scenarios"]);
    await Promise.all([page.waitForURL(/questions\/grow\/index\.html#quixotical-goal$/), page.keyboard.press("Enter")]);
    await page.waitForLoadState("load");
    const question = page.locator("#quixotical-goal");
    assert.match(await question.innerText(), /quixotical goal/);
    assert.equal(await question.isVisible(), true);
  });
});

test("matching ignores case and accents, completes the last word, stems, and needs every word", async () => {
  await withBrowser(async (page) => {
    await page.goto(fileUrl(PORTABLE, "index.html"));
    // A title hit ranks above a page that only says it in its body, however often.
    await search(page, "silence");
    assert.deepEqual(await shown(page), ["Guide | Using silence | Guides", "Guide | Giving feedback | Guides"]);
    // "Café crème" in the text.
    await search(page, "CAFE CREME");
    assert.deepEqual(await shown(page), ["Guide | Giving feedback | Guides"]);
    // "listen" as typed so far finds "listening" and "listened".
    await search(page, "listen");
    assert.deepEqual((await shown(page)).sort(), ["Guide | Giving feedback | Guides", "Guide | Using silence | Guides"]);
    assert.deepEqual((await options(page).locator("mark").allInnerTexts()).sort(), ["Listening", "listened"]);
    // A word form the handbook does not hold still reaches its stem.
    await search(page, "listens ");
    assert.equal(await options(page).count(), 2);
    // Every word must match.
    await search(page, "silence feedback");
    assert.deepEqual(await shown(page), ["Guide | Giving feedback | Guides"]);
    await search(page, "silence quixotical");
    assert.equal(await options(page).count(), 0);
    assert.match(await page.locator(".search-message").innerText(), /No results/);
    assert.match(await page.getByRole("status").innerText(), /No results for silence quixotical/);
  });
});

test("the keyboard moves from the box through the results and back, and axe finds nothing wrong", async () => {
  await withBrowser(async (page) => {
    await page.goto(fileUrl(PORTABLE, "guides/feedback/index.html"));
    await search(page, "silence");
    assert.match(await page.getByRole("status").innerText(), /^2 results\./);
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(page), "Using silence");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(page), "Giving feedback");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(page), "Using silence", "the list wraps around");
    await page.keyboard.press("End");
    assert.equal(await focused(page), "Giving feedback");
    assert.deepEqual(await axeScan(page), []);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(page), "search-input", "up from the first result is the box");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    assert.equal(await focused(page), "search-input", "Escape in the list goes back to the box");
    assert.equal(await page.locator(".search-panel").isVisible(), false);
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(page), "Using silence", "the results come back");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    assert.equal(await box(page).inputValue(), "");
    // "/" typed into the box is text, not a shortcut.
    await page.keyboard.type("a/b");
    assert.equal(await box(page).inputValue(), "a/b");
    // Tab goes on through the results; leaving the search closes them.
    await search(page, "silence");
    await page.keyboard.press("Tab");
    assert.equal(await focused(page), "Using silence");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "site-title");
    assert.equal(await page.locator(".search-panel").isVisible(), false);
  });
});

test("no page loads the index before the box is focused", async () => {
  await withBrowser(async (page) => {
    const index = fileUrl(PORTABLE, "search/");
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(fileUrl(PORTABLE, "guides/silence/index.html"));
    await page.waitForLoadState("load");
    assert.deepEqual(requests.filter((url) => url.startsWith(index)), []);
    await box(page).focus();
    await page.waitForFunction(() => [...document.scripts].some((s) => s.src.includes("search/index.js")));
    await page.keyboard.type("zanzibarish");
    await page.waitForSelector(".search-result");
    const loaded = requests.filter((url) => url.startsWith(index)).map((url) => url.slice(index.length));
    assert.ok(loaded.includes("index.js"), loaded.join(", "));
    assert.ok(loaded.every((file) => /^(index\.js|[pd]\d+\.js\?v=[0-9a-f]{8})$/.test(file)), loaded.join(", "));
  });
});

test("a site served under a sub-path searches and opens pages below that path", async () => {
  const server = await serve(join(SITES, "sub"));
  try {
    await withBrowser(async (page) => {
      await page.goto(`${server.origin}/handbook/guides/feedback/`);
      await search(page, "zanzibarish");
      await Promise.all([page.waitForURL(`${server.origin}/handbook/guides/silence/`), page.keyboard.press("Enter")]);
      // From a page one level down too.
      await search(page, "quixotical");
      await Promise.all([
        page.waitForURL(`${server.origin}/handbook/questions/grow/#quixotical-goal`),
        page.keyboard.press("Enter"),
      ]);
    });
  } finally {
    await server.close();
  }
});

test("the participant edition finds no facilitator material", async () => {
  await withBrowser(async (page) => {
    await page.goto(fileUrl(PARTICIPANT, "index.html"));
    for (const word of ["backstagery", "cloakroomish", "hushquestion", "notewhisper", "briefsecret"]) {
      await search(page, word);
      assert.equal(await options(page).count(), 0, word);
    }
    await search(page, "zanzibarish");
    assert.deepEqual(await shown(page), ["Guide | Using silence | Guides"]);
  });
});
