// The reference: what main did — read the whole body, then check its size. Minimal express, 127.0.0.1 only.
import express from "express";

const app = express();
app.get("/healthz", (_req, res) => void res.json({ status: "ok" }));
app.post("*", async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.byteLength > 64 * 1024) return void res.status(413).json({ error: { code: "payload_too_large" } });
  res.json({ ok: true });
});
const server = app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
