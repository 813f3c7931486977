/** Every benchmark suite, in the order they run. */
import type { Suite } from "../suite.ts"
import { core } from "./core.ts"

export const suites: ReadonlyArray<Suite> = [core]
