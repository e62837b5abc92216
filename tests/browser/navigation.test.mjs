// Getting around the handbook as a reader does: the skip link, landmarks,
// the sidebar, previous/next, and the keyboard alone; over a web server and
// from file:// for a portable build.

import { test } from "node:test";
import assert from "node:assert/strict";
import { follow, loadSites, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const fixture = sites.fixture;

/** The fixture handbook's pages in reading order, as previous/next walk them. */
const READING_ORDER = [
  "Browser Test Handbook",
  "Guides",
  "Listening at three levels",
  "Feedback that helps",
  "Advanced practice",
  "Difficult conversations",
  "Question banks",
  "GROW questions",
  "Role-play scenarios",
  "The missed deadline",
];

/** One page of each type in the fixture handbook. */
const PAGE_TYPES = [
  "index.html",
  "guides/index.html",
  "guides/listening/index.html",
  "questions/index.html",
  "questions/grow/index.html",
  "scenarios/index.html",
  "scenarios/missed-deadline/index.html",
  "scenarios/missed-deadline/roles/manager/index.html",
  "tags/index.html",
  "tags/feedback/index.html",
  "404.html",
];

const heading = (page) => page.locator("main h1").innerText();
const sidebarOf = (page) => page.getByRole("navigation", { name: "Handbook sections" });

test("the skip link is the first keyboard stop and moves focus to the content", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-link");
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 0, "the focused skip link is on screen");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");
    // The next Tab goes on from the content, not from the top bar.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement.closest("main")), true);
  });
});

test("every page type has a banner, the sidebar, one main, a footer and one h1", async () => {
  await withSite(fixture, async (page, { base }) => {
    for (const file of PAGE_TYPES) {
      await page.goto(pageUrl(fixture, base, file));
      assert.equal(await page.getByRole("banner").count(), 1, `${file}: banner`);
      assert.equal(await page.getByRole("main").count(), 1, `${file}: main`);
      assert.equal(await page.getByRole("contentinfo").count(), 1, `${file}: contentinfo`);
      assert.equal(await sidebarOf(page).count(), 1, `${file}: sidebar`);
      assert.equal(await page.locator("h1").count(), 1, `${file}: one h1`);
    }
  });
});

test("the sidebar leads through sections to a page and marks where the reader is", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.goto(base);
    const sidebar = sidebarOf(page);
    await follow(page, () => sidebar.getByRole("link", { name: "Guides", exact: true }).click());
    assert.equal(await heading(page), "Guides");
    assert.equal(await sidebar.locator('[aria-current="page"]').innerText(), "Guides");
    await follow(page, () => sidebar.getByRole("link", { name: "Advanced practice" }).click());
    assert.equal(await heading(page), "Advanced practice");
    await follow(page, () => sidebar.getByRole("link", { name: "Difficult conversations" }).click());
    assert.equal(await heading(page), "Difficult conversations");
    assert.equal(await sidebar.locator('[aria-current="page"]').innerText(), "Difficult conversations");
    const crumbs = await page.getByRole("navigation", { name: "Breadcrumb" }).locator("li").allInnerTexts();
    assert.deepEqual(crumbs, ["Browser Test Handbook", "Guides", "Advanced practice", "Difficult conversations"]);
    // Sections off the current path stay folded, so the sidebar stays short.
    assert.equal(await sidebar.getByRole("link", { name: "GROW questions" }).count(), 0);
  });
});

/** Follows next links from the home page to the end, then previous links back; returns the h1s seen. */
function walkReadingOrder(site) {
  return withSite(site, async (page, { base }) => {
    await page.goto(pageUrl(site, base, "index.html"));
    const forward = [await heading(page)];
    while ((await page.locator("a[rel=next]").count()) > 0) {
      await follow(page, () => page.locator("a[rel=next]").click());
      if (site.portable) assert.match(page.url(), /^file:.*\/index\.html$/);
      forward.push(await heading(page));
      assert.ok(forward.length <= 1000, "next links go round in a circle");
    }
    const backward = [await heading(page)];
    while ((await page.locator("a[rel=prev]").count()) > 0) {
      await follow(page, () => page.locator("a[rel=prev]").click());
      if (site.portable) assert.match(page.url(), /^file:.*\/index\.html$/);
      backward.push(await heading(page));
      assert.ok(backward.length <= 1000, "previous links go round in a circle");
    }
    return { forward, backward };
  });
}

test("previous and next walk the whole handbook in reading order, both ways", async () => {
  const { forward, backward } = await walkReadingOrder(fixture);
  assert.deepEqual(forward, READING_ORDER);
  assert.deepEqual(backward, [...READING_ORDER].reverse());
});

test("a portable build is read from file:// through previous/next and the sidebar", async () => {
  const portable = sites["sample-portable"];
  const { forward, backward } = await walkReadingOrder(portable);
  assert.ok(forward.length > 5, `only ${forward.length} pages in reading order`);
  assert.equal(new Set(forward).size, forward.length, "a page comes twice in reading order");
  assert.deepEqual(backward, [...forward].reverse());
  await withSite(portable, async (page, { base }) => {
    await page.goto(pageUrl(portable, base, "index.html"));
    const first = sidebarOf(page).getByRole("link").first();
    const title = await first.innerText();
    await follow(page, () => first.click());
    assert.match(page.url(), /^file:.*\/index\.html$/);
    assert.equal(await heading(page), title);
  });
});

test("the keyboard alone reaches pages through the sidebar", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.goto(base);
    for (const name of ["Question banks", "GROW questions"]) {
      let stops = 0;
      while (!(await page.evaluate((text) => {
        const el = document.activeElement;
        return !!el && !!el.closest("#sidebar") && el.textContent.trim() === text;
      }, name))) {
        await page.keyboard.press("Tab");
        assert.ok(++stops < 60, `Tab never reached "${name}" in the sidebar`);
      }
      await follow(page, () => page.keyboard.press("Enter"));
      assert.equal(await heading(page), name);
    }
  });
});

test("every keyboard stop is visible and shows where focus is", async () => {
  await withSite(fixture, async (page, { base }) => {
    for (const file of PAGE_TYPES) {
      await page.goto(pageUrl(fixture, base, file));
      const problems = [];
      let first = null;
      for (let stop = 0; stop < 300; stop++) {
        await page.keyboard.press("Tab");
        const seen = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const after = getComputedStyle(el, "::after");
          const box = el.getBoundingClientRect();
          const marked = (s) => s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
          return {
            name: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`,
            key: el.outerHTML.slice(0, 200) + box.top,
            visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden" && el.checkVisibility(),
            indicated: marked(style) || marked(after),
          };
        });
        if (!seen || seen.key === first) break;
        first ??= seen.key;
        if (!seen.visible) problems.push(`${file}: focus on hidden ${seen.name}`);
        if (!seen.indicated) problems.push(`${file}: no focus indicator on ${seen.name}`);
      }
      assert.deepEqual(problems, []);
    }
  });
});

test("the keyboard alone narrows a question bank with its filter", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.goto(pageUrl(fixture, base, "questions/grow/index.html"));
    let stops = 0;
    while (!(await page.evaluate(() => document.activeElement?.id === "filter-stage"))) {
      await page.keyboard.press("Tab");
      assert.ok(++stops < 60, "Tab never reached the stage filter");
    }
    // On a closed select, an arrow key picks the next option.
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator("#filter-stage").inputValue(), "Goal");
    const stages = await page.locator(".question:visible").evaluateAll((items) => items.map((q) => q.dataset.stage));
    assert.ok(stages.length > 0, "some questions stay listed");
    assert.deepEqual([...new Set(stages)], ["Goal"]);
  });
});
