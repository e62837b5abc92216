// Presenting from file:// on the portable build of the sample handbook: a
// guide and the half-day workshop session. The keys move the current
// screen, the timer counts the workshop's role-play row down phase by phase
// under Playwright's controlled clock and resumes after a reload, `P` opens
// the presenter window with the row's facilitator notes and the two windows
// follow each other. axe (WCAG 2.2 A and AA) and the Nu HTML Checker pass
// on the presentations and on the pages gathered across the handbook.
// Screenshots of the workshop's room screen and presenter window at
// 1280×720 go to the screenshots folder.

import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { SCREENSHOTS, launch, loadSites, nuErrors } from "./support.mjs";

const sites = loadSites();
const site = sites["sample-portable"];
const GUIDE = "skills/listening/";
const ROOM = `${GUIDE}present/index.html`;
const PRESENTER = `${GUIDE}present/presenter/index.html`;
const SESSION = "sessions/coaching-as-a-partner/";
const SESSION_ROOM = `${SESSION}present/index.html`;
const SESSION_PRESENTER = `${SESSION}present/presenter/index.html`;
const GATHERED = ["takeaways/index.html", "exercises/index.html", "facilitator/index.html"];
const SCREEN = { width: 1280, height: 720 };
// The workshop's screens: the title, then its agenda rows, then the closing screen.
const WELCOME = 1;
const BREAK = 5;
const ROLE_PLAY = 7;

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

for (const [name, file] of [["a guide", ROOM], ["the workshop", SESSION_ROOM]]) test(`the keys, the buttons and a swipe move the current screen of ${name}`, async () => {
  await withBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url(site.dir, file));
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

test("the timer counts the workshop's role-play row down phase by phase and resumes after a reload", async () => {
  await withBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    // The role-play row is planned for 11:10; it is 11:08.
    await page.clock.install({ time: new Date(2026, 2, 2, 11, 8, 0) });
    await page.goto(url(site.dir, SESSION_ROOM));
    const titles = await page.locator(".screen").evaluateAll((all) => all.map((s) => s.getAttribute("aria-label")));
    // A break shows its time left large.
    for (let i = 0; i < BREAK; i++) await page.keyboard.press("ArrowRight");
    assert.equal(await page.locator(".screen[aria-current='step'] [data-countdown]").textContent(), "15:00 left");
    for (let i = BREAK; i < ROLE_PLAY; i++) await page.keyboard.press("ArrowRight");
    assert.equal(await current(page), titles[ROLE_PLAY]);
    // 45 minutes, the scenario's 30-minute phases scaled to them: 8, 22, 15.
    assert.equal(await text(page, "remaining"), "45:00 left");
    assert.equal(await text(page, "phase"), "Read the situation and briefs (1 of 3), 8:00 left");
    assert.equal(await text(page, "clock"), "11:08, planned 11:10, 2 min ahead");
    await page.keyboard.press("t");
    assert.equal(await page.getByRole("button", { name: "Pause timer" }).getAttribute("aria-pressed"), "true");
    await page.clock.fastForward("07:30");
    assert.equal(await text(page, "remaining"), "37:30 left");
    assert.equal(await text(page, "phase"), "Read the situation and briefs (1 of 3), 0:30 left");
    assert.equal(await page.locator(".screen[aria-current='step'] .screen-phases li.phase-current").textContent(), "Read the situation and briefs 8 min");
    await page.clock.fastForward("00:31");
    assert.equal(await text(page, "remaining"), "36:59 left");
    assert.equal(await text(page, "phase"), "Role-play (2 of 3), 21:59 left");
    assert.ok(await page.locator("[data-phase].present-phase-new").isVisible(), "the phase change stands out");
    assert.equal(await page.locator("[data-announce]").textContent(), "Now: Role-play");
    assert.match(await page.locator(".screen[aria-current='step'] .screen-phases li.phase-current").textContent(), /^Role-play/);

    // A reload resumes the running timer where the clock is now.
    await page.reload();
    assert.equal(await current(page), titles[ROLE_PLAY]);
    assert.equal(await text(page, "remaining"), "36:59 left");
    await page.clock.fastForward("01:00");
    assert.equal(await text(page, "remaining"), "35:59 left");
    // 11:17 now, with 35:59 of a row that should end at 11:55 left.
    assert.equal(await text(page, "clock"), "11:17, planned 11:10, 2 min ahead");

    // Paused, it stands still; over time, it says so.
    await page.keyboard.press("T");
    await page.clock.fastForward("05:00");
    assert.equal(await text(page, "remaining"), "35:59 left");
    await page.keyboard.press("T");
    await page.clock.fastForward("37:00");
    assert.equal(await text(page, "remaining"), "+1:01 over");
    assert.ok(await page.locator(".present-over").isVisible());

    // The next row is timed on its own; the untimed closing screen counts up.
    await page.keyboard.press("ArrowRight");
    assert.equal(await text(page, "remaining"), "20:00 left");
    await page.keyboard.press("End");
    await page.clock.fastForward("00:42");
    assert.equal(await text(page, "remaining"), "0:42");
  });
});

test("P opens the presenter window with the row's notes, and each window follows the other", async () => {
  await withBrowser(async (context) => {
    const room = context.pages()[0] ?? (await context.newPage());
    await room.clock.install({ time: new Date(2026, 2, 2, 11, 0, 0) });
    await room.goto(url(site.dir, SESSION_ROOM));
    // The room's screen holds no facilitator material at all.
    assert.equal(await room.locator(".screen-notes, [data-audience='facilitator']").count(), 0);
    const [presenter] = await Promise.all([context.waitForEvent("page"), room.keyboard.press("p")]);
    await presenter.waitForLoadState();
    assert.equal(new URL(presenter.url()).pathname, new URL(url(site.dir, SESSION_PRESENTER)).pathname);
    await presenter.setViewportSize(SCREEN);

    const titles = await room.locator(".screen").evaluateAll((all) => all.map((s) => s.getAttribute("aria-label")));
    const withNotes = await presenter
      .locator(".screen")
      .evaluateAll((all) => all.findIndex((s) => s.querySelector(".screen-notes")));
    assert.equal(withNotes, WELCOME, "the welcome row is the first with notes");

    // The room leads.
    for (let i = 0; i < withNotes; i++) await room.keyboard.press("ArrowRight");
    await presenter.waitForFunction((t) => document.querySelector(".screen[aria-current='step']")?.getAttribute("aria-label") === t, titles[withNotes]);
    const notes = presenter.locator(".screen[aria-current='step'] .screen-notes");
    assert.ok(await notes.isVisible());
    assert.match(await notes.textContent(), /Facilitator notes/);
    // The row's own notes, as the session plan writes them.
    assert.match(await notes.textContent(), /Ask each person for one conversation/);
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

    // The role-play row, with its phases, the scenario's notes and the next row.
    for (let i = WELCOME; i < ROLE_PLAY; i++) await room.keyboard.press("ArrowRight");
    await presenter.waitForFunction((t) => document.querySelector(".screen[aria-current='step']")?.getAttribute("aria-label") === t, titles[ROLE_PLAY]);
    assert.match(await notes.textContent(), /Hand out the cards face down/);
    assert.match(await notes.textContent(), /The missed deadline/);
    await room.clock.fastForward("09:25");
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, page] of [["present-room", room], ["present-presenter", presenter]]) {
      const path = join(SCREENSHOTS, `${name}-1280x720.png`);
      await page.screenshot({ path });
      assert.ok(statSync(path).size > 0);
    }
  });
});

for (const file of [ROOM, SESSION_ROOM]) test(`the participant edition's ${file} has no presenter window`, async () => {
  const participant = sites["sample-participant"];
  if (!participant) return;
  const html = readFileSync(join(participant.dir, file), "utf8");
  assert.ok(!html.includes("data-presenter") && !html.includes("screen-notes") && !html.includes("facilitator"));
  await withBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url(participant.dir, file));
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
    for (const file of [ROOM, PRESENTER, SESSION_ROOM, SESSION_PRESENTER, ...GATHERED]) {
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
  const files = [ROOM, PRESENTER, SESSION_ROOM, SESSION_PRESENTER, ...GATHERED].map((file) => join(site.dir, file));
  const participant = sites["sample-participant"];
  if (participant) files.push(join(participant.dir, ROOM), join(participant.dir, SESSION_ROOM));
  assert.deepEqual(nuErrors(files), []);
});
