// The handbook as a reader meets it: the phone layout (a one-line title, a
// bank's questions one tap away, the preview's error panel), filters and
// their counts, a scenario's contents, search counts, focus never under the
// top bar and targets of at least 24×24 px. Pictures of the changed pages go
// to target/screenshots/ beside the others.

import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, REPO, SCREENSHOTS, htmlFiles, launch, loadSites, pageKind, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const sample = sites.sample;
const files = htmlFiles(sample.dir);
const ofKind = (kind) => files.filter((file) => pageKind(sample.dir, file) === kind);
const BANK = ofKind("questions")[0];

mkdirSync(SCREENSHOTS, { recursive: true });

/** A picture of the first screen (or `height` px) of the page as it is now. */
async function picture(page, name, height) {
  const viewport = page.viewportSize();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), clip: { x: 0, y: 0, width: viewport.width, height: height ?? viewport.height } });
}

test("phone: the site title keeps to one line in the top bar", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    for (const file of ["index.html", BANK, ofKind("role")[0]]) {
      await page.goto(pageUrl(sample, base, file));
      const title = await page.evaluate(() => {
        const text = document.querySelector(".site-title-text");
        const style = getComputedStyle(text);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
        return { height: text.getBoundingClientRect().height, line, clipped: text.scrollWidth > text.clientWidth, overflow: style.textOverflow };
      });
      assert.ok(title.height <= title.line * 1.5, `${file}: the title is ${title.height}px tall, more than one line of ${title.line}px`);
      assert.equal(title.overflow, "ellipsis", `${file}: a cut title ends in an ellipsis`);
    }
  });
});

test("phone: a bank's first question is one tap from the first screen", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    await page.goto(pageUrl(sample, base, BANK));
    const jump = page.locator(".jump-link a");
    const box = await jump.boundingBox();
    assert.ok(box && box.y + box.height <= PHONE.height, `the jump link ends at ${box && box.y + box.height}px, below the first screen`);
    await picture(page, "reader-bank-phone");
    await jump.click();
    const question = await page.locator(".question").first().boundingBox();
    assert.ok(question.y >= 0 && question.y < PHONE.height, `after the tap the first question is at ${question.y}px`);
    const bar = await page.locator(".topbar").boundingBox();
    const filters = await page.locator("#bank-questions").boundingBox();
    assert.ok(filters.y >= bar.y + bar.height - 1, "the questions do not start under the top bar");
    assert.ok(filters.y - (bar.y + bar.height) < 40, `the questions start ${filters.y - bar.y - bar.height}px below the top bar, not just under it`);
    await picture(page, "reader-bank-phone-questions");
  });
});

/** Starts `coachbook serve` on a copy of the fixture handbook with an error in it; resolves to { url, stop }. */
async function serveBroken() {
  const root = mkdtempSync(join(tmpdir(), "coachbook-overlay-"));
  cpSync(join(REPO, "tests/fixtures/browser/handbook"), root, { recursive: true });
  const long = "x".repeat(300);
  writeFileSync(join(root, "content/broken.md"), `---\ntitle: Broken\nkind: guide\n---\n\nSee [this](missing-${long}.md) and [that](gone.md).\n`);
  const child = spawn(process.env.COACHBOOK, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((found, failed) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/serving the handbook at (\S+)/);
      if (match) found(match[1]);
    });
    child.on("exit", (code) => failed(new Error(`serve exited with ${code}: ${out}`)));
    setTimeout(() => failed(new Error(`serve did not start: ${out}`)), 30000);
  });
  return {
    url,
    stop: () => {
      child.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

test("phone: the preview's error panel leaves most of the screen, keeps carets aligned and can be closed", { skip: !process.env.COACHBOOK && "set COACHBOOK to the binary" }, async () => {
  const server = await serveBroken();
  const browser = await launch({ viewport: PHONE });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);
    const panel = page.locator("#coachbook-build-errors");
    await panel.waitFor();
    const box = await panel.boundingBox();
    assert.ok(box.height <= PHONE.height / 2, `the panel is ${box.height}px tall on a ${PHONE.height}px screen`);
    const pre = await page.evaluate(() => {
      const pre = document.querySelector("#coachbook-build-errors pre");
      return { wrap: getComputedStyle(pre).whiteSpace, scrolls: pre.scrollWidth > pre.clientWidth, overflow: getComputedStyle(pre).overflowX };
    });
    assert.equal(pre.wrap, "pre", "a wrapped line would move its caret");
    assert.ok(pre.scrolls && pre.overflow === "auto", "a long line scrolls sideways");
    await picture(page, "reader-overlay-phone");
    await page.keyboard.press("Escape");
    assert.equal(await panel.isVisible(), false, "Escape hides the panel");
    await page.reload();
    await panel.waitFor();
    await page.locator("#coachbook-build-errors-close").click();
    assert.equal(await panel.isVisible(), false, "the close button hides the panel");
  } finally {
    await browser.close();
    server.stop();
  }
});

test("filtering a bank updates the stage counts and the question count, and an empty result says so", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, BANK));
    const counts = () =>
      page.evaluate(() => ({
        total: document.querySelector(".bank-count-number").textContent,
        shown: document.querySelectorAll(".question:not([hidden])").length,
        all: document.querySelectorAll(".question").length,
        stages: [...document.querySelectorAll("[data-filter-count]")].map((label) => ({
          label: label.textContent,
          shown: document.querySelectorAll(`#${label.dataset.filterCount} .question:not([hidden])`).length,
        })),
      }));
    const before = await counts();
    assert.equal(before.total, `${before.all} questions`);
    const tags = await page.locator("#filter-tag option").evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    await page.selectOption("#filter-tag", tags[0]);
    const after = await counts();
    assert.ok(after.shown < after.all, "the tag narrows the list");
    assert.equal(after.total, `${after.shown} of ${after.all} questions`);
    for (const stage of after.stages) assert.equal(stage.label, `(${stage.shown})`, "each stage's count is what it shows");

    // A stage and a tag that no question shares.
    const empty = await page.evaluate(() => {
      for (const stage of document.querySelectorAll("#filter-stage option")) {
        for (const tag of document.querySelectorAll("#filter-tag option")) {
          if (!stage.value || !tag.value) continue;
          const both = [...document.querySelectorAll(".question")].some(
            (q) => q.dataset.stage === stage.value && q.dataset.tags.split("|").includes(tag.value),
          );
          if (!both) return [stage.value, tag.value];
        }
      }
      return null;
    });
    assert.ok(empty, "the sample bank has a stage and a tag with no question in common");
    await page.selectOption("#filter-stage", empty[0]);
    await page.selectOption("#filter-tag", empty[1]);
    assert.equal((await counts()).shown, 0);
    const message = page.locator(".filter-empty");
    assert.ok(await message.isVisible(), "an empty result says so");
    assert.match(await message.textContent(), /No questions match/);
    await page.locator(".filter-reset").click();
    const reset = await counts();
    assert.equal(reset.shown, reset.all, "the button shows every question again");
    assert.equal(await message.isVisible(), false);
    assert.equal(new URL(page.url()).search, "", "and clears the query string");
  });
  await withSite(sample, async (page, { base }) => {
    const query = new URLSearchParams({ stage: "Goal", tags: "decision" });
    await page.goto(`${pageUrl(sample, base, BANK)}?${query}`);
    assert.ok(await page.locator(".filter-empty").isVisible(), "an empty result from a shared link says so too");
    await page.locator(".filters").evaluate((form) => form.scrollIntoView());
    await picture(page, "reader-filter-empty-phone");
  }, { viewport: PHONE, reducedMotion: "reduce" });
});

test("scenario cards show time, format and level, and filters and levels read as words", async () => {
  await withSite(sample, async (page, { base }) => {
    const listing = files.find((file) => /class="filters"[^>]*aria-label="Filter scenarios"/.test(readFileSync(join(sample.dir, file), "utf8")));
    assert.ok(listing, "the sample has a scenario listing with filters");
    await page.goto(pageUrl(sample, base, listing));
    const cards = await page.locator(".card-scenario").evaluateAll((cards) =>
      cards.map((card) => ({ meta: card.querySelector(".card-meta")?.textContent ?? "", ...card.dataset })),
    );
    for (const card of cards) {
      assert.match(card.meta, new RegExp(`${card.duration} min`), "the card shows its time");
      if (card.format) assert.ok(card.meta.includes(readable(card.format)), `the card shows its format: ${card.meta}`);
      if (card.level) assert.ok(card.meta.includes(readable(card.level)), `the card shows its level: ${card.meta}`);
    }
    const options = await page.locator(".filters option").evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
    for (const [value, label] of options.filter(([value]) => value && !/^\d+$/.test(value))) {
      assert.equal(label, readable(value), `option ${value}`);
    }
    await page.setViewportSize(PHONE);
    await page.locator(".listing").evaluate((listing) => listing.scrollIntoView());
    await picture(page, "reader-scenario-cards-phone");

    const levelled = ofKind("questions").concat(ofKind("scenario")).find((file) => readFileSync(join(sample.dir, file), "utf8").includes("<dt>Level</dt>"));
    await page.goto(pageUrl(sample, base, levelled));
    const level = await page.locator(".meta div:has(dt:text-is('Level')) dd").textContent();
    assert.doesNotMatch(level, /-/, `the level reads as words: ${level}`);
  });
});

/** What the theme shows for a value no `[labels]` entry names. */
function readable(value) {
  const spaced = value.replace(/[-_]/g, " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

test("a scenario page has an 'On this page' contents whose links all land, and names its format in words", async () => {
  await withSite(sample, async (page, { base }) => {
    for (const file of ofKind("scenario")) {
      await page.goto(pageUrl(sample, base, file));
      const toc = page.locator('nav.toc[aria-label="On this page"]');
      assert.ok(await toc.isVisible(), `${file} shows its contents at desktop width`);
      const targets = await toc.locator("a").evaluateAll((links) => links.map((a) => [a.textContent, !!document.getElementById(a.hash.slice(1))]));
      assert.ok(targets.length >= 3, `${file}: ${targets}`);
      for (const [title, found] of targets) assert.ok(found, `${file}: "${title}" leads nowhere`);
      const format = (await page.locator(".page-header .meta").textContent()) ?? "";
      assert.doesNotMatch(await page.locator(".roles h2").textContent(), /\(/, `${file}: the format is not a note in brackets`);
      if (await page.locator(".scenario-format").count()) {
        assert.match(await page.locator(".scenario-format").textContent(), /Format\s+[A-Z]/);
        assert.match(format, /Format/);
      }
    }
    await page.goto(pageUrl(sample, base, ofKind("scenario")[0]));
    await picture(page, "reader-scenario-contents-desktop");
  }, { viewport: { width: 1280, height: 900 } });
});

test("breadcrumbs keep to one line, with no separator left at a line's end", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    await withSite(sample, async (page, { base }) => {
      for (const file of ofKind("role").concat(ofKind("scenario"), ofKind("guide").slice(0, 3))) {
        await page.goto(pageUrl(sample, base, file));
        const crumbs = await page.locator(".breadcrumbs li").evaluateAll((items) =>
          items.filter((li) => li.getBoundingClientRect().width > 0).map((li) => {
            const box = li.getBoundingClientRect();
            return { middle: (box.top + box.bottom) / 2, right: box.right };
          }),
        );
        const middles = crumbs.map((c) => c.middle);
        assert.ok(Math.max(...middles) - Math.min(...middles) < 4, `${file} at ${viewport.width}px: breadcrumbs on more than one line (${middles})`);
        const list = await page.locator(".breadcrumbs ol").boundingBox();
        for (const crumb of crumbs) assert.ok(crumb.right <= list.x + list.width + 1, `${file} at ${viewport.width}px: a crumb overflows`);
      }
    }, { viewport });
  }
});

test("search says how many results there are and shows them all on request", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, "index.html"));
    await page.keyboard.press("/");
    await page.keyboard.type("manager");
    await page.waitForFunction(() => document.querySelector(".search-results").dataset.query === "manager");
    const total = await page.evaluate(() => window.coachbookSearch.query("manager").then((found) => found.total));
    assert.ok(total > 10, `"manager" should find more than ten pages, found ${total}`);
    const message = page.locator(".search-message");
    assert.ok(await message.isVisible(), "the count is shown, not only announced");
    assert.equal(await message.innerText(), `${total} results, the best 10 shown`);
    const more = page.locator(".search-more");
    assert.equal(await more.innerText(), `Show all ${total} results`);
    await picture(page, "reader-search-count-desktop");
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll(".search-results a").length === n, total);
    assert.equal(await message.innerText(), `${total} results`);
    assert.equal(await more.isVisible(), false, "the button goes once everything is shown");
    assert.equal(await page.evaluate(() => [...document.querySelectorAll(".search-results a")].indexOf(document.activeElement)), 10, "the focus moves to the first new result");
  });
});

/** The longest page of a kind, by its HTML's length. */
function longest(kind) {
  return ofKind(kind).sort((a, b) => readFileSync(join(sample.dir, b)).length - readFileSync(join(sample.dir, a)).length)[0];
}

test("a focused element is never hidden under the sticky top bar (WCAG 2.4.11)", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    await withSite(sample, async (page, { base }) => {
      for (const file of [longest("questions"), longest("guide"), longest("scenario")]) {
        await page.goto(pageUrl(sample, base, file));
        // Down the page, then back up it, where the bar is in the way.
        for (const key of ["Tab", "Shift+Tab"]) {
          const seen = new Set();
          for (let press = 0; press < 250; press += 1) {
            await page.keyboard.press(key);
            const focus = await page.evaluate(() => {
              const element = document.activeElement;
              if (!element || element === document.body) return null;
              const bar = document.querySelector(".topbar").getBoundingClientRect();
              const box = element.getBoundingClientRect();
              // The bar itself, and what stays in place beside the page, are never under it.
              const fixed = element.closest(".topbar, .sidebar, .toc");
              // Drawn above the bar (the skip link): what is at its top-left corner is itself.
              const atCorner = document.elementFromPoint(box.left + 2, Math.max(box.top, 0) + 2);
              const onTop = !!atCorner && element.contains(atCorner);
              const name = `${element.tagName.toLowerCase()} ${element.id || element.getAttribute("href") || element.className} "${(element.textContent || "").trim().slice(0, 30)}"`;
              return { name, fixed: !!fixed || (onTop && box.top >= 0), top: box.top, bottom: box.bottom, barBottom: bar.bottom, height: window.innerHeight };
            });
            if (!focus) continue;
            if (seen.has(focus.name)) break;
            seen.add(focus.name);
            if (focus.fixed) continue;
            assert.ok(focus.top >= focus.barBottom - 1, `${file} at ${viewport.width}px (${key}): ${focus.name} starts ${focus.barBottom - focus.top}px under the top bar`);
            assert.ok(focus.bottom <= focus.height + 1, `${file} at ${viewport.width}px: ${focus.name} is below the screen`);
          }
          assert.ok(seen.size > 10, `${file} (${key}): only ${seen.size} elements took the focus`);
        }
      }
    }, { viewport, reducedMotion: "reduce" });
  }
});

/** Links and controls of navigation, toolbars and filters; links inside running prose are exempt (WCAG 2.5.8). */
const TARGETS = [
  ".topbar a", ".topbar button", ".topbar input", ".sidebar a", ".sidebar button", ".breadcrumbs a", ".toc a",
  ".pager a", ".filters select", ".filters button", ".jump-link a", ".site-footer a", ".question-anchor",
  ".card h3 a", ".related a", ".role-list a", ".search-more", "summary",
].join(", ");

test("targets in navigation, toolbars and filters are at least 24 by 24 px (WCAG 2.5.8)", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    await withSite(sample, async (page, { base }) => {
      const pages = ["index.html", BANK, longest("guide"), ofKind("scenario")[0], ofKind("role")[0], ofKind("section")[0], ofKind("term")[0]];
      for (const file of pages) {
        await page.goto(pageUrl(sample, base, file));
        if (viewport === PHONE) await page.locator(".menu-button").click();
        const small = await page.locator(TARGETS).evaluateAll((elements) =>
          elements
            .filter((element) => element.checkVisibility({ visibilityProperty: true }))
            // A card's link covers the whole card.
            .map((element) => ({ element, box: (element.matches(".card h3 a") ? element.closest(".card") : element).getBoundingClientRect() }))
            .filter(({ box }) => box.width > 0 && (box.width < 24 || box.height < 24))
            .map(({ element, box }) => `${element.outerHTML.slice(0, 80)} is ${box.width.toFixed(1)}×${box.height.toFixed(1)}`),
        );
        assert.deepEqual(small, [], `${file} at ${viewport.width}px`);
      }
    }, { viewport, reducedMotion: "reduce" });
  }
});
