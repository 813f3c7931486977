/** The repository contract on a local libSQL file (the embedded default). */

import { fileStore } from "./harness.ts"
import { describeStoreContract } from "./storeContract.ts"

describeStoreContract("libSQL file", fileStore)
