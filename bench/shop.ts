/** What the HTTP benchmarks do as a client: sign in as staff, open shopper chats, drive the load generator. */

import { DEMO_STOREFRONT } from "../packages/edge/demo/shop.ts"
import { start } from "./child.ts"

const json = async <A>(res: Response): Promise<A> => {
  if (!res.ok) throw new Error(`${res.status} ${res.url}: ${(await res.text()).slice(0, 300)}`)
  return (await res.json()) as A
}

/** A staff bearer token (the demo owner unless told otherwise). */
export const login = (base: string, email = "owner@demo.shop", password = "inbox-demo"): Promise<string> =>
  fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
    .then((r) => json<{ token: string }>(r))
    .then((b) => b.token)

/** Opens `n` shopper chats on a shop and returns their chat tokens. */
export const openChats = async (base: string, n: number, shop = "demo"): Promise<Array<string>> => {
  const tokens: Array<string> = []
  const run = Date.now().toString(36)
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${base}/api/store/${shop}/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `shopper${i}@example.com`,
        origin: DEMO_STOREFRONT,
        clientId: `bench${run}x${i}`,
        name: `Shopper ${i}`,
      }),
    })
    tokens.push((await json<{ token: string }>(r)).token)
  }
  return tokens
}

let sent = 0
/** One customer message through the storefront chat; resolves with the message id once answered. */
export const sendMessage = async (base: string, token: string, text: string): Promise<string> => {
  const clientMessageId = `m${Date.now().toString(36)}_${sent++}`
  const r = await fetch(`${base}/api/store/chat/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientMessageId, text }),
  })
  await json(r)
  return clientMessageId
}

export interface LoadResult {
  readonly rps: number
  readonly total: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  readonly non2xx: number
  readonly errors: number
}

/** One autocannon run in its own process. */
export const load = async (spec: {
  url: string
  tokens: ReadonlyArray<string>
  rate: number
  seconds: number
  connections: number
  amount?: number
}): Promise<LoadResult> => {
  const child = start(["bench/load.ts", JSON.stringify(spec)])
  // A fixed `amount` on a slow target (workerd on a loaded machine) may take minutes.
  const m = await child.waitFor(
    /^\{"rps".*\}$/m,
    (spec.amount === undefined ? spec.seconds + 30 : 300) * 1000,
  )
  await child.stop()
  return JSON.parse(m[0]) as LoadResult
}

export interface Target {
  readonly url: string
  readonly tokens: ReadonlyArray<string>
}

export interface Knee {
  /** The highest throughput reached while p99 stayed within bounds (0 when the first step already failed). */
  readonly rate: number
  readonly at: LoadResult | null
  readonly steps: Array<{ connections: number } & LoadResult>
}

/**
 * Rising load on several targets, interleaved step by step so they share the machine's noise: closed-loop
 * autocannon runs at 1, 2, 4… connections (autocannon's fixed-rate mode sends each second's requests in a
 * burst, which would measure the burst). A target stops rising once its p99 passes `p99Ms` or it answers
 * errors; its rate is the throughput of its last step within bounds.
 */
export const rising = async (
  targets: ReadonlyArray<Target>,
  opts: { connections: ReadonlyArray<number>; seconds: number; p99Ms: number },
): Promise<Array<Knee>> => {
  const knees = targets.map(() => ({
    rate: 0,
    at: null as LoadResult | null,
    steps: [] as Knee["steps"],
    done: false,
  }))
  // Warm-up: JIT, connection pools and the file cache, so the first step measures the steady state.
  for (const t of targets) await load({ ...t, rate: 0, seconds: 2, connections: 4 })
  for (const connections of opts.connections)
    for (const [i, t] of targets.entries()) {
      const k = knees[i]!
      if (k.done) continue
      const r = await load({ ...t, rate: 0, seconds: opts.seconds, connections })
      k.steps.push({ connections, ...r })
      if (r.p99 > opts.p99Ms || r.non2xx > 0 || r.errors > 0) k.done = true
      else if (r.rps > k.rate) {
        k.rate = r.rps
        k.at = r
      }
    }
  return knees.map(({ rate, at, steps }) => ({ rate, at, steps }))
}
