// The layout from a 360 px phone to a wide screen: the sidebar becomes a
// menu, nothing scrolls sideways, tables scroll inside themselves, and wide
// screens show sidebar, content and the page's contents side by side.

import { test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, axeScan, follow, htmlFiles, loadSites, pageUrl, scrollsSideways, withSite } from "./support.mjs";

const sites = loadSites();
const fixture = sites.fixture;

test("on a phone the sidebar is a menu that opens, is usable by keyboard and closes", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    const button = page.getByRole("button", { name: "Menu" });
    const sidebar = page.locator("#sidebar");
    assert.equal(await button.isVisible(), true);
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    assert.equal(await sidebar.isVisible(), false, "the closed menu is out of sight");

    await button.click();
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    await sidebar.locator('[aria-current="page"]').waitFor({ state: "visible" });
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await axeScan(page), [], `axe on the open menu (${scheme})`);
    }

    // Escape closes it and puts focus back on the button.
    await page.keyboard.press("Escape");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    assert.equal(await button.evaluate((el) => el === document.activeElement), true);
    await sidebar.waitFor({ state: "hidden" });

    // By keyboard: open with Enter, Tab into the menu, follow a link.
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    let stops = 0;
    while (!(await page.evaluate(() => !!document.activeElement.closest("#sidebar")))) {
      await page.keyboard.press("Tab");
      assert.ok(++stops < 5, "Tab does not reach the open menu");
    }
    const link = sidebar.getByRole("link", { name: "Question banks" });
    await link.focus();
    await follow(page, () => page.keyboard.press("Enter"));
    assert.equal(await page.locator("main h1").innerText(), "Question banks");
    assert.equal(await button.getAttribute("aria-expanded"), "false", "a new page starts with the menu closed");

    // A tap on the dimmed page closes the menu.
    await button.click();
    await page.mouse.click(PHONE.width - 10, PHONE.height - 10);
    assert.equal(await button.getAttribute("aria-expanded"), "false");
  });
});

for (const name of ["fixture", "sample", "sample-participant"].filter((name) => sites[name])) {
  test(`no page of ${name} scrolls sideways on a 360 px phone`, async () => {
    const site = sites[name];
    await withSite(site, async (page, { base }) => {
      await page.setViewportSize(PHONE);
      const wide = [];
      for (const file of htmlFiles(site.dir)) {
        await page.goto(pageUrl(site, base, file));
        if (await scrollsSideways(page)) {
          const culprits = await page.evaluate(() =>
            [...document.querySelectorAll("body *")]
              .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .slice(0, 3)
              .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
          );
          wide.push(`${file}: ${culprits.join(", ")}`);
        }
      }
      assert.deepEqual(wide, []);
    });
  });
}

test("a wide table and a long code line scroll inside themselves on a phone, by keyboard too", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    for (const selector of [".prose table", ".prose pre"]) {
      const box = page.locator(selector).first();
      const { scrolls, overflow } = await box.evaluate((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        overflow: getComputedStyle(el).overflowX,
      }));
      assert.equal(scrolls, true, `${selector} is wider than the phone in this fixture`);
      assert.equal(overflow, "auto", `${selector} scrolls itself`);
      const right = (await box.boundingBox()).x + (await box.boundingBox()).width;
      assert.ok(right <= PHONE.width, `${selector} ends inside the screen`);
      // The keyboard can scroll it too.
      assert.equal(await box.getAttribute("tabindex"), "0", `${selector} is a keyboard stop`);
      await box.focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((el) => el.scrollLeft > 0, await box.elementHandle());
    }
    assert.equal(await scrollsSideways(page), false);

    // Where it fits, it is no keyboard stop.
    await page.setViewportSize(DESKTOP);
    await page.waitForFunction(() => !document.querySelector(".prose table").hasAttribute("tabindex"));
  });
});

test("a wide screen shows the sidebar, the content and the page's contents side by side", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    assert.equal(await page.getByRole("button", { name: "Menu" }).isVisible(), false);
    const sidebar = await page.locator("#sidebar").boundingBox();
    const main = await page.locator("main").boundingBox();
    const toc = page.getByRole("navigation", { name: "On this page" });
    assert.equal(await toc.isVisible(), true);
    const contents = await toc.boundingBox();
    assert.ok(sidebar.x + sidebar.width <= main.x, "the sidebar is left of the content");
    assert.ok(main.x + main.width <= contents.x, "the contents list is right of the content");
    assert.ok(contents.x + contents.width <= DESKTOP.width, "the contents list is on screen");
    assert.deepEqual(await toc.getByRole("link").allInnerTexts(), [
      "Why listening matters",
      "Level one: internal",
      "Level two: focused",
      "Levels compared",
      "Practising it",
    ]);
    // Following an entry brings its heading into view, below the sticky top bar.
    await toc.getByRole("link", { name: "Practising it" }).click();
    const target = await page.locator("#practising-it").boundingBox();
    const bar = await page.locator(".topbar").boundingBox();
    assert.ok(target.y >= bar.y + bar.height && target.y < DESKTOP.height, "the heading is visible below the top bar");
  });
});

test("a laptop screen keeps sidebar and content, and the content stays readable", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    assert.equal(await page.locator("#sidebar").isVisible(), true);
    assert.equal(await page.getByRole("button", { name: "Menu" }).isVisible(), false);
    const main = await page.locator("main").boundingBox();
    assert.ok(main.width >= 600, `content is ${main.width}px wide`);
    assert.equal(await scrollsSideways(page), false);
  });
});
