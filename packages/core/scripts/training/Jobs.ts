/**
 * Trainings side by side: a small pool of worker threads (FoldWorker.ts) takes held-out folds and the
 * shipped model's training as jobs. Every training is deterministic, so a job gives the same bits in
 * any thread and in any order.
 */
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import type { Artifact } from "../../src/topics/classifier/Model.ts"
import type { Example } from "../corpus/Corpus.ts"
import { fitModel, unitOf } from "./HeldOut.ts"
import { HYPER, type Hyper, logProbabilities } from "./Train.ts"

/** The uncalibrated log-probabilities of `unit`'s scored examples from a model trained without it. */
export const foldPredictions = (
  examples: ReadonlyArray<Example>,
  unit: string,
  hyper: Hyper = HYPER,
): Array<Float64Array> => {
  const model = fitModel(
    examples.filter((e) => unitOf(e) !== unit),
    hyper,
  )
  return logProbabilities(
    model,
    examples.filter((e) => unitOf(e) === unit && !e.weak).map((e) => e.text),
  )
}

/** Jobs run side by side in this many worker threads (`TOPICS_WORKERS`; 1 runs them in this thread). */
const WORKERS = Math.max(1, Number(process.env.TOPICS_WORKERS ?? Math.min(2, availableParallelism())))

/** The job that trains the shipped model on every example, next to the held-out folds. */
export const SHIPPED = "(shipped model)"

/** What a job gives: a fold's held-out log-probabilities, or the shipped model (uncalibrated). */
export type JobResult = { readonly logp: Array<Float64Array> } | { readonly model: Artifact }

/** Runs one job: `SHIPPED` or the unit to hold out. */
export const runJob = (examples: ReadonlyArray<Example>, job: string, hyper: Hyper): JobResult =>
  job === SHIPPED ? { model: fitModel(examples, hyper) } : { logp: foldPredictions(examples, job, hyper) }

/** Runs `jobs`, each worker taking the next one when it is free; results are keyed by job. */
export const runJobs = async (
  examples: ReadonlyArray<Example>,
  jobs: ReadonlyArray<string>,
  hyper: Hyper,
  log = false,
  workers = WORKERS,
): Promise<Map<string, JobResult>> => {
  const results = new Map<string, JobResult>()
  const done = (job: string, result: JobResult, seconds: number) => {
    results.set(job, result)
    if (log)
      console.log(
        `${job === SHIPPED ? "trained" : "held out"} ${job.padEnd(36)} ` +
          `${"logp" in result ? `${String(result.logp.length).padStart(6)} messages, ` : ""}${seconds.toFixed(1)} s`,
      )
  }
  if (workers <= 1) {
    for (const job of jobs) {
      const started = performance.now()
      done(job, runJob(examples, job, hyper), (performance.now() - started) / 1000)
    }
    return results
  }
  const queue = [...jobs]
  await Promise.all(
    Array.from({ length: Math.min(workers, jobs.length) }, async () => {
      const worker = new Worker(new URL("./FoldWorker.ts", import.meta.url), {
        workerData: { examples, hyper },
      })
      try {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
          const answer = new Promise<{ result: JobResult; seconds: number }>((resolve, reject) => {
            worker.once("message", resolve)
            worker.once("error", reject)
          })
          worker.postMessage(job)
          const { result, seconds } = await answer
          worker.removeAllListeners("error")
          done(job, result, seconds)
        }
      } finally {
        await worker.terminate()
      }
    }),
  )
  return results
}
