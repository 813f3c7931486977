/** "Also viewing" avatars: one initial per colleague on the same conversation, decorative (the text names them). */
import { h } from "../../components/element.ts"

export const viewingAvatars = (names: ReadonlyArray<string>): ReadonlyArray<HTMLElement> =>
  names.map((name) =>
    h(
      "span",
      { class: "avatar avatar--viewing", "aria-hidden": "true", title: name },
      (Array.from(name.trim())[0] ?? "?").toUpperCase(),
    ),
  )
