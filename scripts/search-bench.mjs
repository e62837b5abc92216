// Times searches in headless Chromium on a --portable build opened from
// file://, through the page's own search script (window.coachbookSearch).
// Prints the time to load the word list, then for each query the time of
// its first run (which loads the shards it needs) and the median of ten
// runs once they are loaded, with what each run downloaded.
//
// Usage: node scripts/search-bench.mjs <built site>   (see scripts/search-bench.sh)

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "../tests/browser/support.mjs";

const site = resolve(process.argv[2] ?? "public");
// Common and rare words, a prefix as typed, and several words at once.
// QUERIES (comma-separated) replaces them, for a handbook in another language.
const QUERIES = process.env.QUERIES
  ? process.env.QUERIES.split(",")
  : ["feedback", "listening", "coach", "deleg", "silence", "goal reality", "team trust conversation", "zzzz"];

const browser = await launch();
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(pathToFileURL(join(site, "index.html")).href);
  await page.waitForLoadState("load");
  const index = pathToFileURL(join(site, "search/")).href;
  const took = (from) => requested.slice(from).filter((url) => url.startsWith(index)).length;

  const loadHead = await page.evaluate(async () => {
    const start = performance.now();
    await window.coachbookSearch.query("a-word-that-is-nowhere");
    return performance.now() - start;
  });
  console.log(`loading index.js on first focus: ${loadHead.toFixed(1)} ms`);
  console.log(`${"query".padEnd(26)} ${"results".padStart(8)} ${"first run".padStart(12)} ${"files".padStart(6)} ${"warm median".padStart(12)}`);
  for (const query of QUERIES) {
    const before = requested.length;
    const timing = await page.evaluate(async (q) => {
      const time = async () => {
        const start = performance.now();
        const found = await window.coachbookSearch.query(q);
        return { ms: performance.now() - start, total: found.total };
      };
      const first = await time();
      const warm = [];
      for (let i = 0; i < 10; i++) warm.push((await time()).ms);
      warm.sort((a, b) => a - b);
      return { first: first.ms, total: first.total, warm: warm[5] };
    }, query);
    console.log(
      `${JSON.stringify(query).padEnd(26)} ${String(timing.total).padStart(8)} ${(timing.first.toFixed(1) + " ms").padStart(12)} ${String(took(before)).padStart(6)} ${(timing.warm.toFixed(1) + " ms").padStart(12)}`,
    );
  }
} finally {
  await browser.close();
}
