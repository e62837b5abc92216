// Filters in the browser: question banks by stage and tag, scenario listings
// by time, format, level and competency. The choice is kept in the address,
// works from file://, and without JavaScript every item stays listed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSites, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const sample = sites.sample;
const portable = sites["sample-portable"];

const BANK = "questions/grow/index.html";
const SCENARIOS = "scenarios/index.html";

/** The `data-<name>` values of the visible items matching `selector`. */
function visible(page, selector, name) {
  return page.$$eval(
    selector,
    (items, attribute) => items.filter((item) => item.offsetParent !== null).map((item) => item.getAttribute(attribute)),
    `data-${name}`,
  );
}

test("a question bank narrows to one stage and keeps the choice in the address", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, BANK));
    const form = page.getByRole("form", { name: "Filter questions" });
    assert.equal(await form.isVisible(), true, "the script shows the filter");
    const all = await visible(page, ".question", "stage");
    assert.ok(new Set(all).size >= 4, `questions of every stage are listed: ${all}`);

    await page.getByLabel("Stage", { exact: true }).selectOption("Reality");
    const shown = await visible(page, ".question", "stage");
    assert.ok(shown.length > 0 && shown.length < all.length, `${shown.length} of ${all.length}`);
    assert.deepEqual([...new Set(shown)], ["Reality"]);
    assert.equal(await page.locator(".stage:visible").count(), 1, "stages with no match are hidden");
    assert.match(page.url(), /\?stage=Reality$/);
    assert.equal(await page.locator(".filter-count").innerText(), `Showing ${shown.length} of ${all.length}`);

    // Shared as a link, the address opens the same view.
    await page.goto(page.url());
    assert.equal(await page.getByLabel("Stage", { exact: true }).inputValue(), "Reality");
    assert.deepEqual(await visible(page, ".question", "stage"), shown);

    // Back to all stages: everything is listed again and the address is clean.
    await page.getByLabel("Stage", { exact: true }).selectOption("");
    assert.equal((await visible(page, ".question", "stage")).length, all.length);
    assert.doesNotMatch(page.url(), /\?/);
  });
});

test("a question bank narrows by tag across stages", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, BANK));
    const tags = await page.locator("#filter-tag option").evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    const tag = tags[0];
    await page.getByLabel("Tag", { exact: true }).selectOption(tag);
    const shown = await visible(page, ".question", "tags");
    assert.ok(shown.length > 0, "some question has the first tag");
    for (const list of shown) assert.ok(list.split("|").includes(tag), `${list} has ${tag}`);
  });
});

test("the scenario listing narrows by time and by format", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.goto(pageUrl(sample, base, SCENARIOS));
    const all = await visible(page, ".card-scenario", "duration");
    assert.ok(all.length >= 3, `${all}`);
    const shortest = Math.min(...all.map(Number));
    await page.getByLabel("Time", { exact: true }).selectOption(String(shortest));
    const short = await visible(page, ".card-scenario", "duration");
    assert.ok(short.length >= 1 && short.length < all.length);
    for (const minutes of short) assert.ok(Number(minutes) <= shortest);

    await page.getByLabel("Time", { exact: true }).selectOption("");
    await page.getByLabel("Format", { exact: true }).selectOption("fishbowl");
    assert.deepEqual(await visible(page, ".card-scenario", "format"), ["fishbowl"]);
    await page.getByLabel("Competency", { exact: true }).selectOption("delegation");
    assert.deepEqual(await visible(page, ".card-scenario", "format"), [], "no fishbowl scenario is about delegation");
    assert.match(page.url(), /format=fishbowl/);
    assert.match(page.url(), /competencies=delegation/);
  });
});

test("filters work in a portable build opened from file://", async () => {
  await withSite(portable, async (page, { base }) => {
    await page.goto(pageUrl(portable, base, BANK));
    assert.match(page.url(), /^file:/);
    await page.getByLabel("Stage", { exact: true }).selectOption("Will");
    assert.deepEqual([...new Set(await visible(page, ".question", "stage"))], ["Will"]);
  });
});

test("without JavaScript every question is listed and no dead filter is shown", async () => {
  await withSite(
    sample,
    async (page, { base }) => {
      await page.goto(pageUrl(sample, base, BANK));
      assert.equal(await page.locator("form.filters").isVisible(), false);
      const total = await page.locator(".question").count();
      assert.equal((await visible(page, ".question", "stage")).length, total);
    },
    { javaScriptEnabled: false },
  );
});
