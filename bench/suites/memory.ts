/**
 * Benchmark 7: memory. The Node server's resident set after opening the big shop (100k conversations; quick:
 * 10k) and serving the first inbox pages of every filter, against the same server on the small demo shop.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { BIG_PASSWORD, BIG_STAFF, bigShop } from "../bigShop.ts"
import { rssOf } from "../child.ts"
import { login } from "../shop.ts"
import { result, type Suite } from "../suite.ts"
import { startInbox } from "./http.ts"

const PAGES = [
  "status=open",
  "status=closed",
  "filter=unread",
  "filter=mine",
  "filter=unassigned",
  "topic=shipping",
  "q=laurent",
]

/** Serves every filter's first two pages (as merchants scrolling), then reads the server's memory. */
const served = async (dbUrl: string | undefined, staff: { email: string; password: string } | null) => {
  const dir = mkdtempSync(join(tmpdir(), "inbox-bench-mem-"))
  const { server, base } = await startInbox(dir, dbUrl)
  try {
    const token = staff === null ? await login(base) : await login(base, staff.email, staff.password)
    const started = performance.now()
    let requests = 0
    for (let round = 0; round < 3; round++)
      for (const q of PAGES) {
        let cursor: string | null = null
        for (let page = 0; page < 2; page++) {
          const r = await fetch(
            `${base}/api/conversations?${q}${cursor === null ? "" : `&cursor=${cursor}`}`,
            {
              headers: { authorization: `Bearer ${token}` },
            },
          )
          if (!r.ok) throw new Error(`${r.status} ${q}: ${(await r.text()).slice(0, 200)}`)
          cursor = ((await r.json()) as { nextCursor: string | null }).nextCursor
          requests++
          if (cursor === null) break
        }
      }
    const ms = (performance.now() - started) / requests
    return { ...rssOf(server.proc.pid!), msPerPage: ms }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export const memory: Suite = {
  name: "memory",
  run: async ({ quick }) => {
    const conversations = quick ? 10_000 : 100_000
    const shop = await bigShop(conversations, (s) => process.stderr.write(`  ${s}\n`))
    const big = await served(`file:${shop.path}`, { email: BIG_STAFF[0].email, password: BIG_PASSWORD })
    const demo = await served(undefined, null)
    return [
      result({
        name: `memory: Node server RSS, ${conversations / 1000}k-conversation shop, inbox pages served`,
        unit: "MB",
        value: big.rssMb,
        baseline: demo.rssMb,
        higherIsBetter: false,
        target: "< 200 MB",
        met: big.rssMb < 200,
        extra: {
          peakMb: big.peakMb,
          msPerPage: big.msPerPage,
          baselineIs: "same server, demo shop",
          baselinePeakMb: demo.peakMb,
        },
      }),
    ]
  },
}
