/** The API's own description (derived from the declaration), its reference page, and the liveness probe. */
import type { Api } from "@inbox/core/wire"
import { Effect } from "effect"
import { openApiDocument } from "../http/openapi.ts"
import type { HttpHandlers } from "../http/serve.ts"

/** The reference page is the web build's `docs.html` (packages/web/src/docs.ts). */
export const DOCS_PAGE = "/docs.html"

export const referenceHandlers = (): HttpHandlers<typeof Api.reference> => {
  const document = openApiDocument()
  return {
    openApi: () => Effect.succeed(document),
    docs: () => Effect.succeed({ location: DOCS_PAGE }),
    health: () => Effect.succeed({ ok: true }),
  }
}
