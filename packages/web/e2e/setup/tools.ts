/** A step the merchant tools' stories share: opening an item of the top bar's Tools menu. */
import type { Page } from "playwright-core"

export const openTool = async (page: Page, name: string): Promise<void> => {
  const banner = page.getByRole("banner")
  await banner.getByText("Tools", { exact: true }).click()
  await banner.getByRole("group", { name: "Tools" }).getByRole("button", { name }).click()
}
