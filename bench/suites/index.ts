/** Every benchmark suite, in the order they run. */
import type { Suite } from "../suite.ts"
import { classifier } from "./classifier.ts"
import { core } from "./core.ts"
import { edge } from "./edge.ts"
import { http } from "./http.ts"
import { memory } from "./memory.ts"
import { realtime } from "./realtime.ts"
import { storage } from "./storage.ts"
import { widget } from "./widget.ts"

export const suites: ReadonlyArray<Suite> = [core, classifier, storage, http, realtime, edge, memory, widget]
