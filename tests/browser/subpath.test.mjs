// The sample handbook on an intranet server under a sub-path, for real:
// Debian's nginx, started by this test on a free loopback port with the
// `location` block the README gives, serves a build whose base_url is
// http://127.0.0.1:PORT/handbook/. A crawl from the home page reaches every
// file of the build with 200 and no link leaves /handbook/; sitemap.xml and
// 404.html carry the sub-path; and a search in Chromium finds a page and
// opens it there.
//
// nginx runs as the current user with everything it writes (pid, logs,
// temporary files) in a temporary folder. scripts/browser-test.sh installs
// it (nginx-light) when missing; NGINX names another binary.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { REPO, firstSearchResult, launch } from "./support.mjs";

const BINARY = resolve(process.env.COACHBOOK ?? join(REPO, "target/debug/coachbook"));
const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
const PREFIX = "/handbook/";

let temp;
let site;
let origin;
let base;
let nginx;

/** A port no one listens on now, on the loopback address. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** The README's nginx `location` blocks, pointed at `dir` instead of /var/www/handbook/. */
function readmeLocation(dir) {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const block = readme.match(/```nginx\n([\s\S]*?)```/);
  assert.ok(block, "README.md has no nginx snippet");
  assert.ok(block[1].includes("alias /var/www/handbook/;"), block[1]);
  return block[1].replace("alias /var/www/handbook/;", `alias ${dir}/;`);
}

/** A whole nginx configuration that writes only under `dir` and serves the README's block. */
function nginxConfig(dir, port) {
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((name) => `  ${name}_temp_path ${dir}/${name};`)
    .join("\n");
  // Started by root, nginx would run its workers as nobody, who cannot read the build.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
${temps}
  server {
    listen 127.0.0.1:${port};
    root ${dir}/outside;
${readmeLocation(site)}
  }
}
`;
}

/** Waits until nginx answers, or fails with its error log if it stopped or never answered. */
async function waitForNginx(dir) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) break;
    try {
      await fetch(`${origin}/`);
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  const log = existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "";
  assert.fail(`nginx did not start (exit ${nginx.exitCode})\n${log}`);
}

before(async () => {
  assert.ok(existsSync(BINARY), `${BINARY} is missing: run scripts/browser-test.sh`);
  assert.ok(existsSync(NGINX), `${NGINX} is missing: scripts/browser-test.sh installs nginx-light`);
  temp = mkdtempSync(join(tmpdir(), "coachbook-nginx-"));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  base = `${origin}${PREFIX}`;

  // The sample handbook, published at the full address.
  const source = join(temp, "handbook");
  mkdirSync(source);
  cpSync(join(REPO, "content"), join(source, "content"), { recursive: true });
  const config = readFileSync(join(REPO, "site.toml"), "utf8");
  assert.match(config, /^base_url = .*$/m);
  writeFileSync(join(source, "site.toml"), config.replace(/^base_url = .*$/m, `base_url = "${base}"`));
  site = join(temp, "site");
  const run = spawnSync(BINARY, ["build", "--root", source, "--out", site], { encoding: "utf8" });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);

  mkdirSync(join(temp, "outside"));
  writeFileSync(join(temp, "nginx.conf"), nginxConfig(temp, port));
  nginx = spawn(NGINX, ["-p", temp, "-c", join(temp, "nginx.conf"), "-e", join(temp, "error.log")], {
    stdio: "ignore",
  });
  await waitForNginx(temp);
});

after(async () => {
  if (nginx && nginx.exitCode === null) {
    const stopped = new Promise((done) => nginx.once("exit", done));
    nginx.kill("SIGTERM");
    await stopped;
  }
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** Every file of the build as its path under the site, without the build's marker. */
function buildFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== ".coachbook-output") found.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

/** The build file a URL on the site serves: `guides/x/` → `guides/x/index.html`. */
function fileOf(url) {
  const path = decodeURIComponent(new URL(url).pathname).slice(PREFIX.length);
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

/** The shard URLs that a search index file names, beside it. */
function shardUrls(indexUrl, text) {
  const json = text.replace(/^window\.coachbookSearch\.add\("index",/, "").replace(/\);?\s*$/, "");
  const index = JSON.parse(json);
  return [...index.posting_shards, ...index.document_shards].map(([, file, hash]) => new URL(`${file}?v=${hash}`, indexUrl).href);
}

test("a crawl from the home page under the sub-path reaches every file of the build with 200", async () => {
  const browser = await launch();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const problems = [];
  const seen = new Map(); // URL without its fragment → status
  const queue = [base];
  const enqueue = (url, from) => {
    const target = new URL(url);
    target.hash = "";
    if (target.origin !== origin) return; // the handbook's links to the outside world
    if (!target.pathname.startsWith(PREFIX)) problems.push(`${from}: ${target.href} leaves ${PREFIX}`);
    else if (!seen.has(target.href) && !queue.includes(target.href)) queue.push(target.href);
  };
  // What pages load (styles, scripts, images) counts as reached. The browser's
  // own request for /favicon.ico is not the handbook's.
  page.on("response", (response) => {
    const url = new URL(response.url());
    url.hash = "";
    if (url.href.startsWith(base) && !seen.has(url.href)) seen.set(url.href, response.status());
  });
  try {
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      const response = await fetch(url, { redirect: "manual" });
      seen.set(url, response.status);
      if (response.status !== 200) {
        problems.push(`${url}: ${response.status}`);
        continue;
      }
      const type = response.headers.get("content-type") ?? "";
      if (type.startsWith("text/html")) {
        // Chromium reads the links as a reader's browser would, and loads what the page loads.
        await page.goto(url, { waitUntil: "load" });
        const links = await page.evaluate(() => [
          ...[...document.querySelectorAll("a[href], link[href]")].map((el) => el.href),
          ...[...document.querySelectorAll("script[src], img[src], source[src]")].map((el) => el.src),
          ...[...document.querySelectorAll("[data-search-base]")].map((el) => new URL("index.js", new URL(el.dataset.searchBase, location.href)).href),
        ]);
        for (const link of links) if (/^https?:/.test(link)) enqueue(link, url);
      } else if (url.endsWith("/search/index.js")) {
        for (const shard of shardUrls(url, await response.text())) enqueue(shard, url);
      }
    }
  } finally {
    await browser.close();
  }
  for (const [url, status] of seen) if (status !== 200) problems.push(`${url}: ${status}`);
  assert.deepEqual([...new Set(problems)], []);

  const reached = new Set([...seen.keys()].map(fileOf));
  // No page links to these: the server's error page, the sitemap (tested
  // below) and the exports, which are fetched here by their names.
  const unlinked = (file) => file === "404.html" || file === "sitemap.xml" || file.startsWith("exports/");
  const missed = buildFiles(site).filter((file) => !reached.has(file) && !unlinked(file));
  assert.deepEqual(missed, [], "files of the build that no link reaches");
  for (const needed of ["search/index.js", "search/p0.js", "search/d0.js", "print/index.html", "coachbook.css"]) {
    assert.ok(reached.has(needed), `${needed} was not reached`);
  }
  const exports = buildFiles(site).filter((file) => file.startsWith("exports/"));
  assert.deepEqual(exports, ["exports/questions.csv", "exports/questions.gift", "exports/questions.json", "exports/questions.moodle.xml", "exports/scenarios.json", "exports/sessions.json"]);
  for (const file of exports) {
    const response = await fetch(`${base}${file}`);
    assert.equal(response.status, 200, file);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), readFileSync(join(site, file)), file);
  }
});

test("the server redirects the bare sub-path to the handbook", async () => {
  const response = await fetch(`${origin}/handbook`, { redirect: "manual" });
  assert.equal(response.status, 301);
  assert.equal(new URL(response.headers.get("location"), origin).href, base);
});

test("sitemap.xml lists every page at its full address under the sub-path, each answering 200", async () => {
  const response = await fetch(`${base}sitemap.xml`);
  assert.equal(response.status, 200);
  const locations = [...(await response.text()).matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  assert.ok(locations.length > 20, `${locations.length} locations`);
  assert.ok(locations.includes(base), "the home page is listed");
  for (const location of locations) {
    assert.ok(location.startsWith(base), location);
    assert.equal((await fetch(location)).status, 200, location);
  }
});

test("a missing page gets 404.html with status 404, and its links and styles work from any depth", async () => {
  const browser = await launch();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  try {
    const failed = [];
    page.on("response", (response) => {
      const url = response.url();
      if (url.startsWith(base) && !url.includes("no-such") && response.status() !== 200) failed.push(`${url}: ${response.status()}`);
    });
    const response = await page.goto(`${base}guides/no-such/page/`, { waitUntil: "load" });
    assert.equal(response.status(), 404);
    assert.equal(await page.locator("main h1").innerText(), "Page not found");
    // The theme's stylesheet loaded from under the sub-path.
    const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
    assert.ok(sheets.some((href) => href?.startsWith(`${base}coachbook.css`)), sheets.join(", "));
    assert.deepEqual(failed, []);
    // Links to other pages: not the skip link to this page's own main content.
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((h) => h.startsWith(location.origin) && !h.startsWith(`${location.href}#`)),
    );
    assert.ok(links.length > 5, links.join("\n"));
    for (const link of links) {
      assert.ok(link.startsWith(base), link);
      assert.equal((await fetch(link)).status, 200, link);
    }
  } finally {
    await browser.close();
  }
});

test("a search under the sub-path finds a page and opens it there", async () => {
  const browser = await launch();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  try {
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}foundations/`, { waitUntil: "load" });
    const first = await firstSearchResult(page, "corridor");
    const title = await first.locator(".search-result-title").innerText();
    assert.equal(title, "Five-minute coaching in the corridor");
    assert.ok((await first.evaluate((a) => a.href)).startsWith(base));
    await Promise.all([page.waitForURL((url) => url.href.startsWith(base) && url.pathname !== `${PREFIX}foundations/`), page.keyboard.press("Enter")]);
    await page.waitForLoadState("load");
    assert.equal(await page.locator("main h1").innerText(), title);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
