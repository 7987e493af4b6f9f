// tsc checks the type fragment (check.ts) and a consumer of the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, "..", "node_modules", ".bin", "tsc");

for (const project of [here, join(here, "consumer")]) {
  test(`tsc --noEmit -p ${project.split("/tests/")[1]}`, () => {
    try {
      execFileSync(tsc, ["--noEmit", "-p", project], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
    }
  });
}
