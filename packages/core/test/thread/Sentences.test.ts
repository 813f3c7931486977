/**
 * The system sentences as a native speaker writes them, in both languages: every sentence names its subject,
 * and the reader's own actions read "You …" / "Vous avez …", never "Vous a …" or "to You".
 */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { LOCALES } from "../../src/i18n/Messages.ts"
import type { StaffId } from "../../src/ids.ts"
import { describeEvent } from "../../src/thread/Notice.ts"
import { instant } from "../../src/time.ts"
import { staffId } from "../arbitraries/ids.ts"

const me = "stf_me" as StaffId
const camille = "stf_camille" as StaffId
const theo = "stf_theo" as StaffId
const names: Record<string, string> = { stf_me: "Alex", stf_camille: "Camille", stf_theo: "Théo" }
const at = instant(0)
const say = (e: Parameters<typeof describeEvent>[0], locale: "en" | "fr") =>
  describeEvent(e, locale, { staffName: (id) => names[id], viewer: me })

describe("system sentences", () => {
  it("R3 R19 staff actions name their subject, with the reader as You/Vous", () => {
    const table: ReadonlyArray<[Parameters<typeof describeEvent>[0], string, string]> = [
      [
        { _tag: "ConversationClosed", by: me, at },
        "You closed the conversation",
        "Vous avez fermé la conversation",
      ],
      [
        { _tag: "ConversationReopened", by: me, at },
        "You reopened the conversation",
        "Vous avez rouvert la conversation",
      ],
      [
        { _tag: "ConversationClosed", by: camille, at },
        "Camille closed the conversation",
        "Camille a fermé la conversation",
      ],
      [
        { _tag: "ConversationAssigned", assignee: me, by: me, at },
        "You assigned the conversation to yourself",
        "Vous vous êtes assigné la conversation",
      ],
      [
        { _tag: "ConversationAssigned", assignee: camille, by: me, at },
        "You assigned the conversation to Camille",
        "Vous avez assigné la conversation à Camille",
      ],
      [
        { _tag: "ConversationAssigned", assignee: me, by: camille, at },
        "Camille assigned the conversation to you",
        "Camille vous a assigné la conversation",
      ],
      [
        { _tag: "ConversationAssigned", assignee: camille, by: camille, at },
        "Camille assigned the conversation to themselves",
        "Camille s’est assigné la conversation",
      ],
      [
        { _tag: "ConversationAssigned", assignee: theo, by: camille, at },
        "Camille assigned the conversation to Théo",
        "Camille a assigné la conversation à Théo",
      ],
      [
        { _tag: "ConversationUnassigned", previous: camille, by: me, at },
        "You unassigned the conversation",
        "Vous avez retiré l’assignation de la conversation",
      ],
      [{ _tag: "SenderBlocked", by: me, at }, "You blocked this customer", "Vous avez bloqué ce client"],
      [
        { _tag: "ConversationReopened", by: null, at },
        "The customer reopened the conversation with a new message",
        "Le client a rouvert la conversation en envoyant un nouveau message",
      ],
      [
        { _tag: "ConversationStarted", platform: "online_store_chat", at } as never,
        "The customer started the conversation in the online store chat",
        "Le client a commencé la conversation dans le chat de la boutique en ligne",
      ],
    ]
    for (const [event, en, fr] of table) {
      assert.strictEqual(say(event, "en"), en)
      assert.strictEqual(say(event, "fr"), fr)
    }
  })

  it("R6 cart sentences say the customer did it", () => {
    const line = { productId: "p", variantId: "v", title: "Linen shirt", quantity: 1 } as never
    assert.strictEqual(
      say({ _tag: "CartItemAdded", line, at } as never, "en"),
      "The customer added Linen shirt to the cart",
    )
    assert.strictEqual(
      say({ _tag: "CartItemAdded", line, at } as never, "fr"),
      "Le client a ajouté Linen shirt au panier",
    )
    assert.strictEqual(
      say({ _tag: "CartItemRemoved", title: "Linen shirt", at } as never, "fr"),
      "Le client a retiré Linen shirt du panier",
    )
  })

  it("R3 R19 no staff sentence ever reads 'Vous a' or 'to You', whoever acts and whoever reads", () => {
    fc.assert(
      fc.property(
        staffId,
        staffId,
        fc.option(staffId, { nil: null }),
        fc.constantFrom(...LOCALES),
        (a, b, viewer, l) => {
          const ctx = { staffName: (id: StaffId) => `N${id}`, viewer }
          for (const e of [
            { _tag: "ConversationAssigned" as const, assignee: a, by: b, at },
            { _tag: "ConversationClosed" as const, by: a, at },
            { _tag: "ConversationUnassigned" as const, previous: b, by: a, at },
          ]) {
            const text = describeEvent(e, l, ctx) ?? ""
            assert.notMatch(text, /Vous a |to You|à Vous/, text)
            if (viewer !== a && viewer !== b) assert.include(text, `N${a}`)
          }
        },
      ),
    )
  })
})
