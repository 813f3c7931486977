/**
 * The README's embedding example compiles and runs: against the workspace source, and against the
 * packed tarball installed into a fresh project (ESM + .d.ts through `exports`, as a user gets it).
 */
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, assert, describe, it } from "@effect/vitest"

const CORE = join(import.meta.dirname, "../..")
const ROOT = join(CORE, "../..")
const TSC = join(ROOT, "node_modules/.bin/tsc")
const EXAMPLE = join(CORE, "examples/embed.ts")

/** npm run from inside `npm test` inherits npm_config_* (prefix, workspace…) that would aim at the repo. */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")))

const sh = (cmd: string, args: ReadonlyArray<string>, cwd: string): string =>
  execFileSync(cmd, args, { cwd, env: cleanEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

/** The example prints the thread notices, then the inbox row as JSON on its last line. */
const checkOutput = (out: string): void => {
  const lines = out.trim().split("\n")
  const row = JSON.parse(lines.at(-1)!)
  assert.deepInclude(row, {
    conversationId: "c-1001",
    status: "open",
    unread: false,
    topics: ["order_status"],
  })
  assert.deepStrictEqual(row.presence, { _tag: "offline_email", email: "ana@example.com" })
  assert.include(lines, "#5 Envoyée par e-mail à ana@example.com")
}

const temp: Array<string> = []
// Removing an installed project (node_modules) is slow on a loaded machine: past the default 10 s hook timeout.
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true })
}, 120_000)

describe("embedding", () => {
  it("the README example type-checks and runs against the workspace source", () => {
    sh(TSC, ["-p", join(CORE, "examples/tsconfig.json")], CORE)
    checkOutput(sh(process.execPath, ["--conditions=@inbox/source", EXAMPLE], CORE))
  })

  it("npm pack yields a package a fresh project installs, type-checks against and runs the example with", () => {
    const dir = mkdtempSync(join(tmpdir(), "inbox-core-embed-"))
    temp.push(dir)
    // prepack builds dist/ first.
    sh("npm", ["pack", "--pack-destination", dir], CORE)
    const tarball = readdirSync(dir).find((f) => f.startsWith("inbox-core-") && f.endsWith(".tgz"))
    assert.isDefined(tarball)
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "embed-check", private: true, type: "module" }),
    )
    // effect comes from the npm cache that installing this repo filled; the network only if it is missing.
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tarball}`, "effect@4.1.0"], dir)
    copyFileSync(EXAMPLE, join(dir, "embed.ts"))
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          lib: ["ES2023", "DOM"],
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        include: ["*.ts"],
      }),
    )
    sh(TSC, ["-p", dir], dir)
    // The published types are real: a wrong command does not compile.
    writeFileSync(
      join(dir, "wrong.ts"),
      'import { decide } from "@inbox/core"\ndecide(null, { _tag: "Nope" }, 0)\n',
    )
    assert.throws(() => sh(TSC, ["-p", dir], dir))
    rmSync(join(dir, "wrong.ts"))
    // No @inbox/source condition here: Node loads dist/index.js through `exports`.
    checkOutput(sh(process.execPath, ["embed.ts"], dir))
  })
})
