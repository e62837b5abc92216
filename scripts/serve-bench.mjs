// Measures how long `coachbook serve` takes from a save to the reload
// message a browser waits for, on a copy of a handbook (the original is
// never edited).
//
// Usage: node scripts/serve-bench.mjs <coachbook binary> <handbook folder> [rounds]
//
// Three kinds of save, each `rounds` times (default 7), with the median and
// the slowest of each printed:
//   body    a sentence added to a guide's body;
//   title   a guide's title changed (its links, sidebar entries and listings
//           change on other pages);
//   during  a body save made right after another save's reload, while the
//           print page, search index and exports of the first are still
//           being brought up to date.
// The clock starts when the write returns and stops when the reload event
// arrives on the live-reload stream.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const [binary, handbook, roundsArg] = process.argv.slice(2);
if (!binary || !handbook) {
  console.error("usage: node scripts/serve-bench.mjs <coachbook binary> <handbook folder> [rounds]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 7);
const port = 20000 + Math.floor(Math.random() * 20000);

const work = mkdtempSync(join(tmpdir(), "coachbook-serve-bench-"));
cpSync(handbook, work, { recursive: true, filter: (path) => !path.includes(`${join(handbook, "hugo")}`) });

/** Enough guides of the copy: pages whose front matter names no other kind. */
function guides(dir, found = []) {
  for (const name of readdirSync(dir)) {
    if (found.length >= 3 * rounds) break;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      guides(path, found);
    } else if (name.endsWith(".md") && name !== "_index.md") {
      const front = readFileSync(path, "utf8").split("\n---", 1)[0];
      if (!/^kind: (?!guide)/m.test(front)) found.push(path);
    }
  }
  return found;
}

const server = spawn(binary, ["serve", "--root", work, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (chunk) => (log += chunk));
server.stderr.on("data", (chunk) => (log += chunk));

const cleanUp = () => {
  server.kill();
  rmSync(work, { recursive: true, force: true });
};

async function until(predicate, what, timeoutMs = 60_000) {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A live-reload stream, as a page opens one: it ends after one reload. */
async function listen() {
  const stream = { reloads: 0, open: false, at: [] };
  get({ host: "127.0.0.1", port, path: "/_tower-livereload/event-stream" }, (response) => {
    response.setEncoding("utf8");
    response.on("data", (chunk) => {
      if (chunk.includes("event: init")) stream.open = true;
      for (const _ of chunk.matchAll(/event: reload/g)) {
        stream.reloads += 1;
        stream.at.push(performance.now());
      }
    });
  });
  await until(() => stream.open, "the live-reload stream");
  return stream;
}

/** Saves `path` with `edit` applied and returns the ms until the reload. */
async function timeSave(path, edit) {
  const stream = await listen();
  writeFileSync(path, edit(readFileSync(path, "utf8")));
  const saved = performance.now();
  await until(() => stream.reloads > 0, `the reload after saving ${path}`);
  return stream.at[0] - saved;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const addSentence = (n) => (text) => `${text}\nOne more sentence, number ${n}.\n`;
const retitle = (n) => (text) => text.replace(/^title: .*$/m, `title: Retitled guide ${n}`);

try {
  const started = performance.now();
  await until(() => log.includes("serving the handbook at"), "the server to start");
  console.log(`server ready in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  const files = guides(join(work, "content"));
  // Lets the first build's deferred work end before the first timed save.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2500));
  await settle();
  const results = { body: [], title: [], during: [] };
  for (let i = 0; i < rounds; i++) {
    results.body.push(await timeSave(files[i], addSentence(i)));
    await settle();
    results.title.push(await timeSave(files[rounds + i], retitle(i)));
    await settle();
    await timeSave(files[2 * rounds + i], addSentence(i));
    results.during.push(await timeSave(files[i], addSentence(i + rounds)));
    await settle();
  }
  for (const [kind, values] of Object.entries(results)) {
    const shown = values.map((v) => v.toFixed(0)).join(" ");
    console.log(`${kind.padEnd(6)} median ${median(values).toFixed(0)} ms, slowest ${Math.max(...values).toFixed(0)} ms (${shown})`);
  }
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  cleanUp();
}
