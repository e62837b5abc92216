// axe-core finds no WCAG 2.2 A or AA violation (tags wcag2a to wcag22aa) on any page of the built
// handbooks, in the light and in the dark colour scheme. The portable build
// is left out: its pages are the same markup with other link targets, and
// the HTML check and the end-to-end tests cover it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, axeScan, htmlFiles, loadSites, pageKind, pageUrl, withSite } from "./support.mjs";

const SCHEMES = ["light", "dark"];

/** Page kinds that must be among the pages scanned, so a missing one fails loudly. */
const KINDS = [
  "home", "section", "guide", "questions", "scenario", "role", "cards", "session", "session-pack", "session-handout",
  "taxonomy", "term", "print", "not-found", "present", "gathered",
];

const sites = Object.values(loadSites()).filter((site) => !site.portable);

test("every page kind is among the pages scanned", () => {
  const scanned = new Set(sites.flatMap((site) => htmlFiles(site.dir).map((file) => pageKind(site.dir, file))));
  assert.deepEqual(KINDS.filter((kind) => !scanned.has(kind)), []);
});

for (const site of sites) {
  // The fixture is also scanned at phone width, where its wide table and
  // code scroll and the sidebar is a menu.
  const widths = site.name === "fixture" ? { desktop: DESKTOP, phone: PHONE } : { desktop: DESKTOP };
  for (const [width, viewport] of Object.entries(widths)) {
    test(`axe finds no WCAG 2.2 AA violation on ${site.name} (${width})`, async (t) => {
      await withSite(site, async (page, { base }) => {
        await page.setViewportSize(viewport);
        for (const file of htmlFiles(site.dir)) {
          for (const scheme of SCHEMES) {
            await t.test(`${file} (${scheme})`, async () => {
              await page.emulateMedia({ colorScheme: scheme });
              await page.goto(pageUrl(site, base, file));
              assert.deepEqual(await axeScan(page), []);
            });
          }
        }
      });
    });
  }
}
