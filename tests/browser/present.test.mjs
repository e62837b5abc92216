// Presenting a guide from file:// on the portable build of the sample
// handbook: the keys move the current screen, the timer counts a timed
// screen down phase by phase under Playwright's controlled clock and
// resumes after a reload, `P` opens the presenter window with the screen's
// facilitator notes and the two windows follow each other. axe (WCAG 2.2
// A and AA) and the Nu HTML Checker pass on the presentations and on the
// pages gathered across the handbook. Screenshots of the room's screen and
// the presenter window at 1280×720 go to the screenshots folder.
//
// Guides carry no minutes of their own, so the timer is checked on a copy
// of a guide's real presentation whose screens are given minutes, phases
// and a planned start, as a timed sequence gives them.

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { REPO, SCREENSHOTS, launch, loadSites } from "./support.mjs";

const sites = loadSites();
const site = sites["sample-portable"];
const GUIDE = "skills/listening/";
const ROOM = `${GUIDE}present/index.html`;
const PRESENTER = `${GUIDE}present/presenter/index.html`;
const GATHERED = ["takeaways/index.html", "exercises/index.html", "facilitator/index.html"];
const SCREEN = { width: 1280, height: 720 };
const PHASES = [
  { phase: "Read briefs", minutes: 3 },
  { phase: "Role-play", minutes: 5 },
  { phase: "Debrief", minutes: 2 },
];

const url = (dir, file) => pathToFileURL(join(dir, file)).href;
const current = (page) => page.locator(".screen[aria-current='step']").getAttribute("aria-label");
const text = (page, field) => page.locator(`[data-${field}]`).first().textContent();

/** Runs `body(context)` in a fresh Chromium at the size of a projector. */
async function withBrowser(body) {
  const browser = await launch({ viewport: SCREEN });
  try {
    return await body(browser.context);
  } finally {
    await browser.close();
  }
}

test("the keys, the buttons and a swipe move the current screen", async () => {
  await withBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url(site.dir, ROOM));
    const titles = await page.locator(".screen").evaluateAll((all) => all.map((s) => s.getAttribute("aria-label")));
    assert.ok(titles.length >= 4, `${titles}`);
    assert.equal(await current(page), titles[0]);
    assert.equal(await page.locator(".screen[aria-current='step']").count(), 1);
    // Only the current screen is shown.
    assert.equal(await page.locator(".screen:visible").count(), 1);
    const steps = [
      ["ArrowRight", 1],
      ["Space", 2],
      ["PageDown", 3],
      ["ArrowLeft", 2],
      ["PageUp", 1],
      ["End", titles.length - 1],
      ["ArrowRight", titles.length - 1],
      ["Home", 0],
      ["ArrowLeft", 0],
    ];
    for (const [key, index] of steps) {
      await page.keyboard.press(key);
      assert.equal(await current(page), titles[index], `after ${key}`);
      assert.equal(await page.locator(".screen[aria-current='step']").count(), 1);
    }
    assert.equal(await text(page, "count"), "1");
    await page.getByRole("button", { name: "Next" }).click();
    assert.equal(await current(page), titles[1]);
    assert.equal(await text(page, "count"), "2");
    // A screen reader hears where it is.
    assert.equal(await text(page, "announce"), `2 of ${titles.length}: ${titles[1]}`);
    await page.getByRole("button", { name: "Previous" }).click();
    assert.equal(await current(page), titles[0]);
    // A swipe to the left is "next".
    await page.evaluate(() => {
      const deck = document.querySelector(".deck");
      const touch = (x) => new Touch({ identifier: 1, target: deck, clientX: x, clientY: 300 });
      deck.dispatchEvent(new TouchEvent("touchstart", { changedTouches: [touch(900)] }));
      deck.dispatchEvent(new TouchEvent("touchend", { changedTouches: [touch(500)] }));
    });
    assert.equal(await current(page), titles[1]);
    // B blanks the screen and shows it again.
    await page.keyboard.press("b");
    assert.ok(await page.locator("[data-blank]").isVisible());
    await page.keyboard.press("b");
    assert.ok(!(await page.locator("[data-blank]").isVisible()));
  });
});

/** A copy of the portable build whose presentation of GUIDE is timed: screen 2 takes 10 minutes in three phases, screen 3 five minutes, from 09:00. */
function timedCopy() {
  const dir = mkdtempSync(join(tmpdir(), "coachbook-present-"));
  cpSync(site.dir, dir, { recursive: true });
  const file = join(dir, ROOM);
  let html = readFileSync(file, "utf8");
  html = html.replace('class="deck"', 'class="deck" data-start="09:00"');
  const phases = JSON.stringify(PHASES).replaceAll('"', "&quot;");
  const sections = html.split('<section class="screen screen-section"');
  assert.ok(sections.length > 3, "the guide has sections");
  // The phases as partials/screen.html lists them.
  const list = PHASES.map((p) => `<li>${p.phase} <span class="screen-phase-minutes">${p.minutes} min</span></li>`).join("");
  sections[1] = ` data-minutes="10" data-phases="${phases}"` +
    sections[1].replace('<div class="screen-body">', `<div class="screen-body"><ol class="screen-phases">${list}</ol>`);
  sections[2] = ' data-minutes="5"' + sections[2];
  writeFileSync(file, sections.join('<section class="screen screen-section"'));
  return dir;
}

test("the timer counts a timed screen down phase by phase and resumes after a reload", async () => {
  const dir = timedCopy();
  try {
    await withBrowser(async (context) => {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.clock.install({ time: new Date(2026, 2, 2, 8, 58, 0) });
      await page.goto(url(dir, ROOM));
      await page.keyboard.press("ArrowRight");
      assert.equal(await text(page, "remaining"), "10:00 left");
      assert.equal(await text(page, "phase"), "Read briefs (1 of 3), 3:00 left");
      // Two minutes early for a screen planned at 09:00 and ending 09:10.
      assert.equal(await text(page, "clock"), "08:58, planned 09:00, 2 min ahead");
      await page.keyboard.press("t");
      assert.equal(await page.getByRole("button", { name: "Pause timer" }).getAttribute("aria-pressed"), "true");
      await page.clock.fastForward("02:30");
      assert.equal(await text(page, "remaining"), "7:30 left");
      assert.equal(await text(page, "phase"), "Read briefs (1 of 3), 0:30 left");
      assert.equal(await page.locator(".screen-phases li.phase-current").textContent(), "Read briefs 3 min");
      await page.clock.fastForward("00:31");
      assert.equal(await text(page, "remaining"), "6:59 left");
      assert.equal(await text(page, "phase"), "Role-play (2 of 3), 4:59 left");
      assert.ok(await page.locator("[data-phase].present-phase-new").isVisible(), "the phase change stands out");
      assert.equal(await page.locator("[data-announce]").textContent(), "Now: Role-play");
      assert.match(await page.locator(".screen-phases li.phase-current").textContent(), /^Role-play/);

      // A reload resumes the running timer where the clock is now.
      await page.reload();
      assert.equal(await current(page), await page.locator(".screen").nth(1).getAttribute("aria-label"));
      assert.equal(await text(page, "remaining"), "6:59 left");
      await page.clock.fastForward("01:00");
      assert.equal(await text(page, "remaining"), "5:59 left");
      // 09:02 now, with 5:59 of a screen that should end at 09:10 left.
      assert.equal(await text(page, "clock"), "09:02, planned 09:00, 2 min ahead");

      // Paused, it stands still; over time, it says so.
      await page.keyboard.press("T");
      await page.clock.fastForward("05:00");
      assert.equal(await text(page, "remaining"), "5:59 left");
      await page.keyboard.press("T");
      await page.clock.fastForward("07:00");
      assert.equal(await text(page, "remaining"), "+1:01 over");
      assert.ok(await page.locator(".present-over").isVisible());

      // The next screen is timed on its own; an untimed screen counts up.
      await page.keyboard.press("ArrowRight");
      assert.equal(await text(page, "remaining"), "5:00 left");
      await page.keyboard.press("ArrowRight");
      await page.clock.fastForward("00:42");
      assert.equal(await text(page, "remaining"), "0:42");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("P opens the presenter window with the notes, and each window follows the other", async () => {
  await withBrowser(async (context) => {
    const room = context.pages()[0] ?? (await context.newPage());
    await room.clock.install({ time: new Date(2026, 2, 2, 9, 0, 0) });
    await room.goto(url(site.dir, ROOM));
    // The room's screen holds no facilitator material at all.
    assert.equal(await room.locator(".screen-notes, [data-audience='facilitator']").count(), 0);
    const [presenter] = await Promise.all([context.waitForEvent("page"), room.keyboard.press("p")]);
    await presenter.waitForLoadState();
    assert.equal(new URL(presenter.url()).pathname, new URL(url(site.dir, PRESENTER)).pathname);
    await presenter.setViewportSize(SCREEN);

    const titles = await room.locator(".screen").evaluateAll((all) => all.map((s) => s.getAttribute("aria-label")));
    const withNotes = await presenter
      .locator(".screen")
      .evaluateAll((all) => all.findIndex((s) => s.querySelector(".screen-notes")));
    assert.ok(withNotes > 0, "a screen of the sample guide has facilitator notes");

    // The room leads.
    for (let i = 0; i < withNotes; i++) await room.keyboard.press("ArrowRight");
    await presenter.waitForFunction((t) => document.querySelector(".screen[aria-current='step']")?.getAttribute("aria-label") === t, titles[withNotes]);
    const notes = presenter.locator(".screen[aria-current='step'] .screen-notes");
    assert.ok(await notes.isVisible());
    assert.match(await notes.textContent(), /Facilitator notes/);
    // The next screen is shown beside it, without its notes.
    if (withNotes + 1 < titles.length) {
      assert.equal(await presenter.locator(".screen.screen-next").getAttribute("aria-label"), titles[withNotes + 1]);
    }

    // The presenter window leads.
    await presenter.keyboard.press("ArrowLeft");
    await room.waitForFunction((t) => document.querySelector(".screen[aria-current='step']")?.getAttribute("aria-label") === t, titles[withNotes - 1]);
    await presenter.keyboard.press("t");
    await room.waitForFunction(() => document.querySelector("[data-action='timer']").getAttribute("aria-pressed") === "true");
    await presenter.keyboard.press("b");
    await room.waitForFunction(() => !document.querySelector("[data-blank]").hidden);
    await presenter.keyboard.press("b");
    await room.waitForFunction(() => document.querySelector("[data-blank]").hidden);

    // After a reload of the room, the presenter window still leads it.
    await room.reload();
    await presenter.keyboard.press("ArrowRight");
    await room.waitForFunction((t) => document.querySelector(".screen[aria-current='step']")?.getAttribute("aria-label") === t, titles[withNotes]);

    await room.clock.fastForward("03:25");
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, page] of [["present-room", room], ["present-presenter", presenter]]) {
      const path = join(SCREENSHOTS, `${name}-1280x720.png`);
      await page.screenshot({ path });
      assert.ok(statSync(path).size > 0);
    }
  });
});

test("the participant edition's presentation has no presenter window", async () => {
  const participant = sites["sample-participant"];
  if (!participant) return;
  const html = readFileSync(join(participant.dir, GUIDE, "present/index.html"), "utf8");
  assert.ok(!html.includes("data-presenter") && !html.includes("screen-notes") && !html.includes("facilitator"));
  await withBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url(participant.dir, `${GUIDE}present/index.html`));
    const before = context.pages().length;
    await page.keyboard.press("p");
    await page.keyboard.press("ArrowRight");
    assert.equal(context.pages().length, before);
    assert.equal(await page.locator(".screen[aria-current='step']").count(), 1);
  });
});

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test("axe finds no WCAG 2.2 AA violation on presentations and gathered pages", async (t) => {
  await withBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const file of [ROOM, PRESENTER, ...GATHERED]) {
      for (const scheme of ["light", "dark"]) {
        await t.test(`${file} (${scheme})`, async () => {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(url(site.dir, file));
          const screens = file.includes("present/") ? await page.locator(".screen").count() : 1;
          for (let i = 0; i < screens; i++) {
            const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).setLegacyMode(true).analyze();
            const found = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
            assert.deepEqual(found, [], `screen ${i + 1}`);
            await page.keyboard.press("ArrowRight");
          }
        });
      }
    }
  });
});

test("the Nu HTML Checker finds no error on presentations and gathered pages", () => {
  const files = [ROOM, PRESENTER, ...GATHERED].map((file) => join(site.dir, file));
  const participant = sites["sample-participant"];
  if (participant) files.push(join(participant.dir, ROOM));
  const vnu = join(REPO, "node_modules/vnu-jar/build/dist/vnu.jar");
  const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--format", "json", "--stdout", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ifError(run.error);
  const messages = JSON.parse(run.stdout).messages.filter((m) => m.type !== "info");
  assert.deepEqual(
    messages.map((m) => `${m.url}:${m.lastLine}: ${m.message}`),
    [],
  );
});
