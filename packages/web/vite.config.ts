/**
 * Vite build of the web app into dist/: the merchant inbox (`/`), the storefront chat frame (`/widget/:shop`,
 * chat.html), the demo shop's theme (store.html, served by the demo storefront), the API reference
 * (`/docs.html`, where `/api/docs` leads) and the inbox's service worker (`/sw.js`, a fixed name at the root
 * so its scope is the whole inbox). `public/` holds the web app manifest and its icon. widget.js has its own
 * build (vite.widget.config.ts).
 */
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  // The core is consumed as TypeScript source (the workspace's `@inbox/source` export condition), so the
  // browser bundle and the server share one domain and no core build step is needed.
  resolve: { conditions: ["@inbox/source", "browser", "module", "import", "default"] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        index: here("index.html"),
        chat: here("chat.html"),
        store: here("store.html"),
        docs: here("docs.html"),
        sw: here("sw/sw.ts"),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js"),
      },
    },
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8787", changeOrigin: false, ws: true } },
  },
})
