// Dark mode: the theme follows the system setting, the theme button switches
// it and the choice is remembered across pages and visits, the page is never
// painted in the wrong theme first, and all of it works from file://.

import { test } from "node:test";
import assert from "node:assert/strict";
import { axeScan, follow, loadSites, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const fixture = sites.fixture;

/** Whether the page is painted dark now: the lightness of its background. */
function isDark(page) {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (r + g + b) / 3 < 128;
  });
}

const themeButton = (page) => page.getByRole("button", { name: "Dark theme" });

test("the theme follows the system setting when the reader has not chosen", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    await page.emulateMedia({ colorScheme: "light" });
    assert.equal(await isDark(page), false);
    assert.equal(await themeButton(page).getAttribute("aria-pressed"), "false");
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await isDark(page), true);
    // The button follows a change of the system setting while the page is open.
    await page.waitForFunction(() => document.querySelector(".theme-button").getAttribute("aria-pressed") === "true");
  });
});

test("the theme button switches the theme and the choice is remembered", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(pageUrl(fixture, base, "index.html"));
    const button = themeButton(page);
    assert.equal(await button.isVisible(), true);
    assert.equal(await button.getAttribute("aria-pressed"), "false");

    await button.click();
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    assert.equal(await isDark(page), true);
    assert.deepEqual(await axeScan(page), [], "axe with dark chosen on a light system");

    // Another page, and a reload, keep the choice.
    const sidebar = page.getByRole("navigation", { name: "Handbook sections" });
    await follow(page, () => sidebar.getByRole("link", { name: "Question banks" }).click());
    assert.equal(await isDark(page), true);
    assert.equal(await themeButton(page).getAttribute("aria-pressed"), "true");
    await page.reload();
    assert.equal(await isDark(page), true);

    // By keyboard, back to light: the system's own setting, so the page follows the system again.
    await themeButton(page).focus();
    await page.keyboard.press("Space");
    assert.equal(await isDark(page), false);
    assert.equal(await themeButton(page).getAttribute("aria-pressed"), "false");
    assert.equal(await page.evaluate(() => localStorage.getItem("coachbook-theme")), null);
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await isDark(page), true);

    // Light chosen on a dark system is remembered too.
    await themeButton(page).click();
    assert.equal(await isDark(page), false);
    await page.reload();
    assert.equal(await isDark(page), false);
    assert.equal(await themeButton(page).getAttribute("aria-pressed"), "false");
  });
});

test("a page is never painted in the wrong theme first", async () => {
  await withSite(fixture, async (page, { base, context }) => {
    // Before any of the page's own script runs, note the theme when <body> first appears.
    await context.addInitScript(() => {
      new MutationObserver((changes, observer) => {
        if (document.body) {
          window.themeWhenBodyAppeared = document.documentElement.getAttribute("data-theme");
          window.stylesWhenBodyAppeared = document.styleSheets.length;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(pageUrl(fixture, base, "index.html"));
    await themeButton(page).click();
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    assert.equal(await page.evaluate(() => window.themeWhenBodyAppeared), "dark");
    assert.ok(await page.evaluate(() => window.stylesWhenBodyAppeared > 0), "the stylesheets are in before the body");
  });
});

test("from file:// the theme switches and is remembered, and works where storage is refused", async () => {
  const portable = sites["sample-portable"];
  await withSite(portable, async (page, { base }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(pageUrl(portable, base, "index.html"));
    await themeButton(page).click();
    assert.equal(await isDark(page), true);
    await follow(page, () => page.locator("a[rel=next]").click());
    assert.equal(await isDark(page), true, "the choice carries to the next page");
  });

  // Some browsers refuse localStorage to file:// pages: it throws.
  await withSite(portable, async (page, { base, context }) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(pageUrl(portable, base, "index.html"));
    await themeButton(page).click();
    assert.equal(await isDark(page), true, "the page still switches");
    assert.deepEqual(errors, []);
  });
});
