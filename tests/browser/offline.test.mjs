// The handbook needs nothing from outside: every page of every build loads
// with no request leaving the site (no CDN, web font or outside script), no
// request failing, and no script error. Requests that would leave are
// refused, so a theme that needs the network fails here even with one.

import { test } from "node:test";
import assert from "node:assert/strict";
import { htmlFiles, loadSites, pageUrl, withSite } from "./support.mjs";

for (const site of Object.values(loadSites())) {
  test(`every page of ${site.name} loads whole from the site alone, without script errors`, async () => {
    await withSite(site, async (page, { base, context }) => {
      const problems = [];
      let current = "";
      const inside = (url) => url.startsWith(base) || url.startsWith("data:") || url === "about:blank";
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (inside(url)) return route.continue();
        problems.push(`${current}: requests ${url}`);
        return route.abort();
      });
      page.on("requestfailed", (request) => {
        if (inside(request.url())) problems.push(`${current}: ${request.url()} failed (${request.failure()?.errorText})`);
      });
      page.on("response", (response) => {
        // The 404 page is served with its status on purpose.
        if (response.status() >= 400 && !current.endsWith("404.html")) problems.push(`${current}: ${response.url()} ${response.status()}`);
      });
      page.on("pageerror", (error) => problems.push(`${current}: script error ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`${current}: console error ${message.text()}`);
      });
      const files = htmlFiles(site.dir);
      for (const file of files) {
        current = file;
        await page.goto(pageUrl(site, base, file), { waitUntil: "load" });
      }
      assert.ok(files.length > 0);
      assert.deepEqual(problems, []);
    });
  });
}
