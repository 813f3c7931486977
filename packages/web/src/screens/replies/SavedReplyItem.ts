/** One saved reply in a list: its shortcut and the start of its text, followed by the list's own buttons. */
import { type Children, h } from "../../components/element.ts"

export const savedReplyItem = (
  reply: { readonly shortcut: string; readonly text: string },
  ...actions: Children
) =>
  h(
    "li",
    { class: "picker__item picker__item--row" },
    h(
      "span",
      { class: "picker__label" },
      h("span", { class: "picker__title picker__code" }, `/${reply.shortcut}`),
      h("span", { class: "picker__sub" }, reply.text.slice(0, 140)),
    ),
    ...actions,
  )
