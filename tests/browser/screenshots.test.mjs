// Screenshots for reviewers: the home page, a guide, a question bank and a
// role card of the sample handbook, at phone and desktop width, light and
// dark, written to target/screenshots/ (linked from the README): the first
// two screens of each page, which is what a reader sees on opening it. Also
// a role card as printed, as a PDF. The tests only check that each picture
// was taken; people look at them.

import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
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

const SUBJECTS = [
  ["home", first("home")],
  ["guide", first("guide", 'class="takeaways"')],
  ["questions", first("questions")],
  ["role-card", first("role")],
];
const WIDTHS = [
  ["phone", PHONE],
  ["desktop", DESKTOP],
];

rmSync(SCREENSHOTS, { recursive: true, force: true });
mkdirSync(SCREENSHOTS, { recursive: true });

test("screenshots of the sample handbook", async (t) => {
  await withSite(site, async (page, { base }) => {
    for (const [name, file] of SUBJECTS) {
      for (const [width, viewport] of WIDTHS) {
        for (const scheme of ["light", "dark"]) {
          const path = join(SCREENSHOTS, `${name}-${width}-${scheme}.png`);
          await t.test(`${name} (${file}) ${width} ${scheme}`, async () => {
            assert.ok(file, `the sample handbook has no ${name} page`);
            await page.setViewportSize(viewport);
            await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
            await page.goto(pageUrl(site, base, file));
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            const clip = { x: 0, y: 0, width: viewport.width, height: Math.min(height, viewport.height * 2) };
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
