import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listRecentMail } from "../models/mail-outbox.server";
import { devMailEnabled } from "../utils/dev-ui.server";
import { notFound } from "../utils/guards.server";

// A page for the people who build the app (404 in production), so its prose is in English only,
// like /dev/ui. Without SMTP_URL this is where development and tests read the mail they caused.

export async function loader({ context }: LoaderFunctionArgs) {
  if (!devMailEnabled(context.config.isProduction)) throw notFound();
  const messages = await listRecentMail(context.db);
  return json({
    mailConfigured: context.config.mailConfigured,
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      kind: m.kind,
      state: m.state,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      text: m.text,
    })),
  });
}

export const meta: MetaFunction = () => [
  { title: "Outbox · Equity Workspaces" },
  { name: "robots", content: "noindex" },
];

export default function DevMail() {
  const { mailConfigured, messages } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Outbox</h1>
      <p className="lead">
        {mailConfigured
          ? "SMTP_URL is set: the worker sends these messages. The newest 50, whatever their state."
          : "SMTP_URL is not set: messages stay here, queued. The newest 50."}
      </p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="stack" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p>
            To <strong>{m.to}</strong> · {`${m.kind} · ${m.state} · ${m.attempts} attempts`} ·{" "}
            <time dateTime={m.createdAt}>{m.createdAt}</time>
            {m.lastError ? ` · last error: ${m.lastError}` : null}
          </p>
          <pre style={{ whiteSpace: "pre-wrap" }}>
            <Linked text={m.text} />
          </pre>
        </article>
      ))}
    </div>
  );
}

/** The text with its links clickable, so a reset link can be followed from here. */
function Linked({ text }: { text: string }) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
