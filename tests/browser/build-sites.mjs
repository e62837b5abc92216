// Builds the handbooks the browser tests check, once per run, and writes
// target/browser/sites.json naming them:
//   sample              the repository's own handbook, default build
//   sample-portable     the same with --portable, opened from file://
//   sample-participant  the participant edition, when the binary has --edition
//   fixture             tests/fixtures/browser/handbook, the stable handbook
//                       the end-to-end tests navigate
//
// Usage: node tests/browser/build-sites.mjs [path/to/coachbook]

import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { OUT, REPO, SCREENSHOTS } from "./support.mjs";

const binary = resolve(process.argv[2] ?? join(REPO, "target/debug/coachbook"));

function coachbook(args) {
  const run = spawnSync(binary, args, { cwd: REPO, encoding: "utf8" });
  if (run.error) throw new Error(`cannot run ${binary}: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`coachbook ${args.join(" ")} exited with ${run.status}\n${run.stdout}${run.stderr}`);
  }
  return run.stdout;
}

// Editions are checked as soon as the binary can build them.
const hasEditions = /--edition\b/.test(coachbook(["build", "--help"]));

const sites = [
  { name: "sample", source: ".", portable: false, edition: null },
  { name: "sample-portable", source: ".", portable: true, edition: null },
  ...(hasEditions ? [{ name: "sample-participant", source: ".", portable: false, edition: "participant" }] : []),
  { name: "fixture", source: "tests/fixtures/browser/handbook", portable: false, edition: null },
];

rmSync(join(OUT, "sites"), { recursive: true, force: true });
// Screenshots of the last run go; the test files that take them run side by side.
rmSync(SCREENSHOTS, { recursive: true, force: true });
mkdirSync(join(OUT, "sites"), { recursive: true });
for (const site of sites) {
  site.dir = join(OUT, "sites", site.name);
  const args = ["build", "--root", join(REPO, site.source), "--out", site.dir];
  if (site.portable) args.push("--portable");
  if (site.edition) args.push("--edition", site.edition);
  process.stdout.write(`${site.name}: ${coachbook(args)}`);
}
writeFileSync(join(OUT, "sites.json"), JSON.stringify({ sites }, null, 2));
