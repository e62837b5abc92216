// Session plans in the browser: the sessions listing filters from file://,
// the facilitator pack prints every card and checklist on a sheet of its own,
// and the session pages pass axe in the light and the dark colour scheme.

import { test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, axeScan, loadSites, pageUrl, scrollsSideways, withSite } from "./support.mjs";

const sites = loadSites();
const sample = sites.sample;
const portable = sites["sample-portable"];
const participant = sites["sample-participant"];

const LISTING = "sessions/index.html";
const WORKSHOP = "sessions/coaching-as-a-partner/";
const CLINIC = "sessions/listening-clinic/";

/** The number of sheets in a PDF that Chromium printed. */
const sheets = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

/** The titles of the session cards shown. */
const shownSessions = (page) =>
  page.$$eval(".card-session", (cards) => cards.filter((c) => c.offsetParent !== null).map((c) => c.querySelector("h3").textContent.trim()));

test("the sessions listing filters by level, time and competency when opened from file://", async () => {
  await withSite(portable, async (page, { base }) => {
    assert.match(base, /^file:/);
    await page.goto(pageUrl(portable, base, LISTING));
    const form = page.getByRole("form", { name: "Filter sessions" });
    assert.equal(await form.isVisible(), true, "the script shows the filter");
    const all = await shownSessions(page);
    assert.equal(all.length, 2, `${all}`);

    await form.getByLabel("Level").selectOption("experienced-manager");
    assert.deepEqual(await shownSessions(page), ["Listening clinic"]);
    assert.match(page.url(), /\?level=experienced-manager$/);
    await form.getByLabel("Level").selectOption("");

    await form.getByLabel("Time").selectOption("90");
    assert.deepEqual(await shownSessions(page), ["Listening clinic"]);
    await form.getByLabel("Time").selectOption("");

    await form.getByLabel("Competency").selectOption("feedback");
    assert.deepEqual(await shownSessions(page), ["Coaching as a partner: half-day workshop"]);
    assert.equal(await page.locator(".filter-count").innerText(), "Showing 1 of 2");
    await form.getByLabel("Competency").selectOption("");
    assert.equal((await shownSessions(page)).length, 2);
  });
});

test("the facilitator pack prints one card or checklist per sheet", async (t) => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, `${WORKSHOP}pack/index.html`));
    const button = page.getByRole("button", { name: "Print the pack" });
    assert.equal(await button.isVisible(), true, "the print button is shown");
    await page.emulateMedia({ media: "print" });
    const cards = await page.locator(".card-sheet").count();
    // The missed deadline: 3 roles and a checklist, for each of 4 groups.
    assert.equal(cards, 16);
    const styles = await page.locator(".card-sheet").evaluateAll((all) =>
      all.map((card) => `${getComputedStyle(card).breakBefore} ${getComputedStyle(card).breakInside}`),
    );
    assert.deepEqual([...new Set(styles)], ["page avoid"]);

    const total = sheets(await page.pdf({ format: "A4" }));
    // The same page without its cards: what the run-sheet and the material take.
    await page.locator(".card-sheet").evaluateAll((all) => all.forEach((card) => card.remove()));
    const material = sheets(await page.pdf({ format: "A4" }));
    t.diagnostic(`the half-day workshop's pack prints on ${total} sheets: ${material} of run-sheet and material, ${cards} cards and checklists`);
    assert.ok(material >= 2, `the run-sheet and the material take ${material} sheets`);
    // Each card adds exactly one sheet: none is split, none shares a sheet.
    assert.equal(total, material + cards);
  });
});

test("the listening clinic's fishbowl cards each fit on one sheet", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, `${CLINIC}pack/index.html`));
    await page.emulateMedia({ media: "print" });
    const cards = await page.locator(".card-sheet").count();
    assert.equal(cards, 4, "three roles and a checklist for one group");
    const total = sheets(await page.pdf({ format: "A4" }));
    await page.locator(".card-sheet").evaluateAll((all) => all.forEach((card) => card.remove()));
    assert.equal(total, sheets(await page.pdf({ format: "A4" })) + cards);
  });
});

test("the run-sheet's agenda scrolls inside its table on a phone, not the page", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    for (const file of [`${WORKSHOP}index.html`, `${WORKSHOP}pack/index.html`]) {
      await page.goto(pageUrl(sample, base, file));
      assert.equal(await scrollsSideways(page), false, file);
      assert.deepEqual(await axeScan(page), [], file);
    }
  });
});

const PAGES = [
  [sample, [LISTING, `${WORKSHOP}index.html`, `${WORKSHOP}pack/index.html`, `${WORKSHOP}handout/index.html`, `${CLINIC}index.html`]],
  ...(participant ? [[participant, [LISTING, `${WORKSHOP}index.html`, `${CLINIC}index.html`]]] : []),
];

for (const [site, files] of PAGES) {
  test(`axe finds no violation on the session pages of ${site.name}`, async (t) => {
    await withSite(site, async (page, { base }) => {
      for (const file of files) {
        for (const scheme of ["light", "dark"]) {
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

test("the participant edition has no pack, and its session page is the handout", { skip: !participant }, async () => {
  await withSite(participant, async (page, { base }) => {
    const response = await page.goto(pageUrl(participant, base, `${WORKSHOP}pack/index.html`));
    assert.equal(response.status(), 404);
    await page.goto(pageUrl(participant, base, `${WORKSHOP}index.html`));
    assert.equal(await page.locator("[data-audience=facilitator]").count(), 0);
    assert.equal(await page.getByRole("heading", { name: "Your notes" }).count(), 1);
  });
});
