/**
 * Vite build of widget.js, the loader merchants embed: one classic script (an IIFE, no imports, no hash in
 * its name so the tag never changes), written beside the app's pages in dist/. `npm run bench` measures it.
 */
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2020",
    copyPublicDir: false,
    lib: {
      entry: fileURLToPath(new URL("src/widget/loader.ts", import.meta.url)),
      name: "InboxWidget",
      formats: ["iife"],
      fileName: () => "widget.js",
    },
  },
})
