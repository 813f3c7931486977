/**
 * The inbox's address: one URL per view, so Back, reload and a shared link land where the person was.
 * `/` the list, `/conversations/<id>` a conversation, `/conversations/<id>/customer` its customer profile.
 */

export type Route =
  | { readonly view: "list" }
  | { readonly view: "conversation"; readonly id: string }
  | { readonly view: "profile"; readonly id: string }

const PREFIX = "/conversations/"

export const parse = (pathname: string): Route => {
  if (!pathname.startsWith(PREFIX)) return { view: "list" }
  const [raw, rest] = pathname.slice(PREFIX.length).split("/")
  let id: string
  try {
    id = decodeURIComponent(raw ?? "")
  } catch {
    return { view: "list" }
  }
  if (id === "") return { view: "list" }
  return rest === "customer" ? { view: "profile", id } : { view: "conversation", id }
}

export const href = (route: Route): string =>
  route.view === "list"
    ? "/"
    : `${PREFIX}${encodeURIComponent(route.id)}${route.view === "profile" ? "/customer" : ""}`

/** The conversation in the address, for controls deep in a thread that act on it (a retry). */
export const currentConversation = (): string | null => {
  const route = parse(location.pathname)
  return route.view === "list" ? null : route.id
}

export const sameRoute = (a: Route, b: Route): boolean => href(a) === href(b)

/** How many inbox entries this tab pushed on top of the one it started on, so Back never leaves the inbox. */
export const depth = (): number => {
  const state = history.state as { inboxDepth?: unknown } | null
  return typeof state?.inboxDepth === "number" ? state.inboxDepth : 0
}

export const push = (route: Route): void => {
  history.pushState({ inboxDepth: depth() + 1 }, "", href(route))
}

export const replace = (route: Route): void => {
  history.replaceState({ inboxDepth: depth() }, "", href(route))
}
