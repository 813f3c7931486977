/**
 * A worker thread of `runJobs`: trains what it is asked (a held-out fold or the shipped model) on the
 * examples it was started with and posts the result back.
 */
import { parentPort, workerData } from "node:worker_threads"
import type { Example } from "../corpus/Corpus.ts"
import { runJob } from "./Jobs.ts"
import type { Hyper } from "./Train.ts"

const { examples, hyper } = workerData as { examples: ReadonlyArray<Example>; hyper: Hyper }

parentPort!.on("message", (job: string) => {
  const started = performance.now()
  const result = runJob(examples, job, hyper)
  parentPort!.postMessage({ result, seconds: (performance.now() - started) / 1000 })
})
