// A scenario's cards page (`<scenario>/cards/`) printed from Chromium: one
// sheet per role card plus one for the observer checklist, so no card is
// split over two sheets and no sheet is blank; its print button is a real,
// focusable button that opens the print dialog and is never printed; and
// axe finds no WCAG 2.1 AA violation on it. The participant edition has no
// cards page at all.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { axeScan, htmlFiles, loadSites, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const sample = sites.sample;

/** The sheets of a PDF that Chromium printed: `/Type /Page` objects, not the `/Pages` tree. */
const sheets = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

/** The sample's cards pages, one per scenario. */
const cardsPages = htmlFiles(sample.dir).filter((file) => /^scenarios\/[^/]+\/cards\/index\.html$/.test(file));

/** How many times `pattern` occurs in the built `file` of `site`. */
const occurrences = (site, file, pattern) => (readFileSync(join(site.dir, file), "utf8").match(pattern) ?? []).length;

test("every scenario of the sample has a cards page", () => {
  const scenarios = htmlFiles(sample.dir).filter((file) => /^scenarios\/[^/]+\/index\.html$/.test(file));
  assert.ok(cardsPages.length >= 3, `cards pages: ${cardsPages}`);
  assert.deepEqual(
    cardsPages,
    scenarios.map((file) => file.replace(/index\.html$/, "cards/index.html")),
  );
});

test("a cards page prints one sheet per role card plus the checklist sheet", async (t) => {
  await withSite(sample, async (page, { base }) => {
    await page.emulateMedia({ media: "print" });
    for (const file of cardsPages) {
      await t.test(file, async () => {
        const scenario = file.replace(/cards\/index\.html$/, "index.html");
        const roles = occurrences(sample, scenario, /<a href="roles\/[^"]+\/">/g);
        const checklist = occurrences(sample, scenario, /class="checklist"/g);
        assert.ok(roles >= 2, `${scenario} lists its roles`);
        await page.goto(pageUrl(sample, base, file));
        const pdf = await page.pdf({ format: "A4" });
        const printed = sheets(pdf);
        t.diagnostic(`${file}: ${roles} role cards + ${checklist} checklist sheet = ${printed} PDF pages`);
        assert.equal(printed, roles + checklist, `${file} prints ${printed} sheets`);
      });
    }
  });
});

test("the print button of a cards page, a role card and a scenario is a focusable button that prints", async () => {
  const cards = cardsPages[0];
  const pages = [cards, cards.replace(/cards\/index\.html$/, "index.html"), htmlFiles(sample.dir).find((f) => /\/roles\/[^/]+\/index\.html$/.test(f))];
  await withSite(sample, async (page, { base, context }) => {
    await context.addInitScript(() => {
      window.print = () => {
        window.printed = (window.printed ?? 0) + 1;
      };
    });
    for (const file of pages) {
      await page.goto(pageUrl(sample, base, file));
      const button = page.locator("main button.print-button");
      assert.equal(await button.count(), 1, `${file} has one print button`);
      assert.equal(await button.getAttribute("type"), "button");
      assert.ok(await button.isVisible(), `${file}: the script shows the button`);
      await button.focus();
      assert.ok(await button.evaluate((el) => el === document.activeElement), `${file}: the button takes focus`);
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => window.printed), 1, `${file}: the button opens the print dialog`);
      await page.emulateMedia({ media: "print" });
      assert.equal(await button.evaluate((el) => getComputedStyle(el).display), "none", `${file}: the button is printed`);
      await page.emulateMedia({ media: "screen" });
    }
  });
});

test("axe finds no WCAG 2.1 AA violation on the cards pages", async (t) => {
  await withSite(sample, async (page, { base }) => {
    for (const file of cardsPages) {
      for (const scheme of ["light", "dark"]) {
        await t.test(`${file} (${scheme})`, async () => {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(pageUrl(sample, base, file));
          assert.deepEqual(await axeScan(page), []);
        });
      }
    }
  });
});

test("the participant edition has no cards page and no brief", { skip: !sites["sample-participant"] }, () => {
  const participant = sites["sample-participant"];
  for (const file of cardsPages) {
    assert.ok(!existsSync(join(participant.dir, file)), `${file} is in the participant edition`);
  }
  const scenarios = htmlFiles(participant.dir).filter((file) => file.startsWith("scenarios/"));
  for (const file of scenarios) {
    assert.ok(!/class="(?:[^"]*\s)?(?:card-sheet|role-brief|brief)\b/.test(readFileSync(join(participant.dir, file), "utf8")), `${file} holds a brief`);
  }
});
