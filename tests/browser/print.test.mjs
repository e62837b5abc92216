// Printed pages: no sidebar or other screen furniture, the address of an
// outside link printed after it, always light, and every role card starting
// on a sheet of its own (on its own page and in the print page, once the
// handbook has one).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { htmlFiles, loadSites, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const fixture = sites.fixture;

const SCREEN_ONLY = [".topbar", ".sidebar", ".toc", ".pager", ".breadcrumbs", ".skip-link", ".site-footer"];

/** The number of sheets in a PDF that Chromium printed. */
const sheets = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

for (const name of ["fixture", "sample"]) {
  test(`printing any page of ${name} leaves out the screen's furniture and prints light`, async () => {
    const site = sites[name];
    await withSite(site, async (page, { base, context }) => {
      // A reader who chose dark on screen still prints black on white.
      await context.addInitScript(() => localStorage.setItem("coachbook-theme", "dark"));
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const shown = [];
      for (const file of htmlFiles(site.dir)) {
        await page.goto(pageUrl(site, base, file));
        const found = await page.evaluate((selectors) => ({
          shown: selectors.filter((s) => [...document.querySelectorAll(s)].some((el) => getComputedStyle(el).display !== "none")),
          background: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(document.body).color,
        }), SCREEN_ONLY);
        if (found.shown.length) shown.push(`${file}: ${found.shown.join(", ")} printed`);
        if (found.background !== "rgb(255, 255, 255)" || found.text !== "rgb(0, 0, 0)") {
          shown.push(`${file}: prints ${found.text} on ${found.background}`);
        }
      }
      assert.deepEqual(shown, []);
    });
  });
}

test("an outside link prints its address; a link inside the handbook does not", async () => {
  await withSite(fixture, async (page, { base }) => {
    await page.emulateMedia({ media: "print" });
    await page.goto(pageUrl(fixture, base, "guides/listening/index.html"));
    const after = (selector) => page.locator(selector).first().evaluate((el) => getComputedStyle(el, "::after").content);
    assert.equal(await after('.prose a[href^="https://"]'), '" (https://www.example.org/listening)"');
    assert.equal(await after('.prose a[href*="grow"]'), "none");
  });
});

test("every role card starts a new sheet when printed, and one card fits on one sheet", async () => {
  const withCards = [];
  for (const site of [fixture, sites.sample]) {
    for (const file of htmlFiles(site.dir)) {
      if (/class="(?:[^"]*\s)?role-card(?:\s[^"]*)?"/.test(readFileSync(join(site.dir, file), "utf8"))) withCards.push([site, file]);
    }
  }
  assert.ok(withCards.length >= 3, "the handbooks have role cards");
  await withSite(fixture, async (page, { base }) => {
    await page.emulateMedia({ media: "print" });
    for (const file of ["scenarios/missed-deadline/roles/manager/index.html", "scenarios/missed-deadline/roles/observer/index.html"]) {
      await page.goto(pageUrl(fixture, base, file));
      assert.equal(sheets(await page.pdf({ format: "A4" })), 1, `${file} prints on one sheet`);
    }
  });
  for (const site of [fixture, sites.sample]) {
    await withSite(site, async (page, { base }) => {
      await page.emulateMedia({ media: "print" });
      for (const [, file] of withCards.filter(([s]) => s === site)) {
        await page.goto(pageUrl(site, base, file));
        const breaks = await page.locator(".role-card").evaluateAll((cards) => cards.map((c) => getComputedStyle(c).breakBefore));
        assert.ok(breaks.length > 0 && breaks.every((b) => b === "page"), `${file}: role cards break before with ${breaks}`);
      }
    });
  }
});
