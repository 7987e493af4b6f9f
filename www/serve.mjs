// A small static file server for the demo page and the browser tests: serves
// the repository root (www/, pkg/, tests/browser/) on a loopback port with
// the right MIME types (application/wasm for .wasm). No dependencies.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".png": "image/png", ".ico": "image/x-icon", ".ts": "text/plain; charset=utf-8", ".map": "application/json",
};

/** Serves `root` on 127.0.0.1:`port` (0 = any free port). Resolves to { url, close }. */
export async function startStatic({ root, port = 0, index = "/www/index.html" }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (path === "/") path = index;
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) { res.writeHead(404, { "Content-Type": "text/plain" }).end("not found"); return; }
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
      res.end(await readFile(file));
    } catch (e) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end("server error");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const port = Number(process.argv[process.argv.indexOf("--port") + 1] || 0) || 0;
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  const { url } = await startStatic({ root, port });
  console.log(`static server on ${url}`);
}
