// Shared helpers for the browser tests: the handbooks that build-sites.mjs
// built, a static file server, Chromium, and walking a site's pages.
//
// Every test file reads the same manifest (target/browser/sites.json), so the
// handbooks are built once per run, however many test files use them.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync, createReadStream } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

export const REPO = resolve(import.meta.dirname, "../..");

/** The Nu HTML Checker, from the npm package; run with the system's Java. */
export const VNU_JAR = join(REPO, "node_modules/vnu-jar/build/dist/vnu.jar");

/** Runs the Nu HTML Checker once over `files`; returns its errors, "url:line: message" each. */
export function nuErrors(files) {
  const run = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", "--stdout", ...files], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return JSON.parse(run.stdout)
    .messages.filter((m) => m.type !== "info")
    .map((m) => `${m.url}:${m.lastLine}: ${m.message}`);
}
export const OUT = join(REPO, "target/browser");
export const SCREENSHOTS = join(REPO, "target/screenshots");

/** Widths the theme is checked at: the smallest phone we support and a wide desktop. */
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1440, height: 900 };

/** The sites built for this run, by name: { name, dir, portable, edition, source }. */
export function loadSites() {
  const manifest = join(OUT, "sites.json");
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run scripts/browser-test.sh, which builds the handbooks first`);
  }
  const sites = JSON.parse(readFileSync(manifest, "utf8")).sites;
  return Object.fromEntries(sites.map((site) => [site.name, site]));
}

/** Every HTML file under `dir`, as paths relative to it with `/` separators, sorted. */
export function htmlFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) found.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return found;
}

/** The site URL of an output file: `guides/x/index.html` → `guides/x/`. */
export function urlPath(file) {
  return file === "index.html" ? "" : file.replace(/(^|\/)index\.html$/, "$1");
}

/** The `kind-…` class on a built page's body: home, guide, questions, scenario, role-card, … */
export function pageKind(dir, file) {
  const match = readFileSync(join(dir, file), "utf8").match(/<body[^>]*class="[^"]*\bkind-([\w-]+)/);
  return match ? match[1] : "unknown";
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` on 127.0.0.1 at a free port, as a plain web server would:
 * `/a/` serves `a/index.html`, a missing file gets `404.html` with status 404.
 * Resolves to { origin, close }.
 */
export function serve(dir) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) file = join(root, "404.html");
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const found = existsSync(file);
    if (!found) file = join(root, "404.html");
    response.writeHead(found ? 200 : 404, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      done({ origin, close: () => new Promise((closed) => server.close(closed)) });
    });
  });
}

/** The base URL to open a site at: its server's origin, or a file:// URL for a portable build. */
export function baseUrl(site, server) {
  return site.portable ? pathToFileURL(site.dir + sep).href : `${server.origin}/`;
}

/** The URL of an output file on a site, as a reader would follow it. */
export function pageUrl(site, base, file) {
  return base + (site.portable ? file : urlPath(file));
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts Chromium with a fresh profile of its own. Playwright refuses
 * `--user-data-dir` among the flags, so the profile is the persistent
 * context's folder. Resolves to { context, close }.
 */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "coachbook-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: DESKTOP,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `body(page, { site, base })` with a browser and, for a non-portable
 * site, a server; closes both afterwards however `body` ends.
 */
export async function withSite(site, body, options) {
  const server = site.portable ? null : await serve(site.dir);
  const browser = await launch(options);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    return await body(page, { site, base: baseUrl(site, server), context: browser.context });
  } finally {
    await browser.close();
    if (server) await server.close();
  }
}

/** True when the page can be scrolled sideways, the thing a phone reader must never have to do. */
export function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core on the page as it is now, against WCAG 2.2 A and AA, and
 * returns one line per violated rule and element (empty when it passes).
 * Legacy mode runs in the page itself: our pages have no frames, and it
 * saves opening a blank page per scan.
 */
export async function axeScan(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).setLegacyMode(true).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
  );
}

/**
 * Does `act` (a click, a key press) and waits until the page it leads to has
 * loaded, so nothing is read from the page being left.
 */
export async function follow(page, act) {
  await Promise.all([page.waitForEvent("load"), act()]);
}

/**
 * Types `query` into the search box, reached with "/" from the page, and
 * resolves to the first result's link once the results for it are shown.
 */
export async function firstSearchResult(page, query) {
  await page.keyboard.press("/");
  await page.keyboard.type(query);
  await page.waitForFunction((q) => document.querySelector(".search-results")?.dataset.query === q, query);
  return page.getByRole("list", { name: "Search results" }).getByRole("link").first();
}
