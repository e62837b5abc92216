// Screenshots for reviewers: the home page, a guide, a question bank (its
// top, and its questions) and a role card of the sample handbook, at phone
// and desktop width, light and dark, written to target/screenshots/ (linked
// from the README): two screens' worth from the top of each, which is what a
// reader sees first. Also a role card as printed, as a PDF. The tests only
// check that each picture was taken; people look at them.

import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, SCREENSHOTS, htmlFiles, loadSites, pageKind, pageUrl, withSite } from "./support.mjs";

const site = loadSites().sample;
const files = htmlFiles(site.dir);

/** The first page of a kind, preferring one whose HTML contains `hint` (a guide with a contents list). */
function first(kind, hint) {
  const ofKind = files.filter((file) => pageKind(site.dir, file) === kind);
  return ofKind.find((file) => !hint || readFileSync(join(site.dir, file), "utf8").includes(hint)) ?? ofKind[0];
}

/** [name, page, selector of the part to start the picture at (default: the top)] */
const SUBJECTS = [
  ["home", first("home")],
  ["guide", first("guide", 'class="takeaways"')],
  ["questions", first("questions")],
  ["questions-list", first("questions"), ".filters:not([hidden]), .bank-count"],
  ["role-card", first("role")],
];
const WIDTHS = [
  ["phone", PHONE],
  ["desktop", DESKTOP],
];

// The folder is emptied once per run by build-sites.mjs: other test files
// write their pictures here too.
mkdirSync(SCREENSHOTS, { recursive: true });

test("screenshots of the sample handbook", async (t) => {
  await withSite(site, async (page, { base }) => {
    for (const [name, file, start] of SUBJECTS) {
      for (const [width, viewport] of WIDTHS) {
        for (const scheme of ["light", "dark"]) {
          const path = join(SCREENSHOTS, `${name}-${width}-${scheme}.png`);
          await t.test(`${name} (${file}) ${width} ${scheme}`, async () => {
            assert.ok(file, `the sample handbook has no ${name} page`);
            await page.setViewportSize(viewport);
            await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
            await page.goto(pageUrl(site, base, file));
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            const y = start ? Math.max(0, (await page.locator(start).first().boundingBox()).y - 16) : 0;
            const clip = { x: 0, y, width: viewport.width, height: Math.min(height - y, viewport.height * 2) };
            await page.screenshot({ path, fullPage: true, clip });
            assert.ok(statSync(path).size > 0);
          });
        }
      }
    }
  });
});

test("a role card prints on one sheet", async () => {
  await withSite(site, async (page, { base }) => {
    const file = first("role");
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    await page.goto(pageUrl(site, base, file));
    const path = join(SCREENSHOTS, "role-card-print.pdf");
    const pdf = await page.pdf({ path, format: "A4", printBackground: true });
    const sheets = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? [];
    assert.equal(sheets.length, 1, `${file} printed on ${sheets.length} sheets`);
  });
});
