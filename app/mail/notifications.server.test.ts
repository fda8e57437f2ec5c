import { describe, expect, it } from "vitest";
import { commentNotificationMail, digestMail, unsubscribeHeaders } from "./notifications.server";

const footer = {
  unsubscribeUrl: "https://equity.example.org/unsubscribe/tok",
  settingsUrl: "https://equity.example.org/account#mail-notifications",
  mode: "immediate" as const,
};

describe("notification mail", () => {
  it("escapes what members wrote in the HTML and quotes it in the text", () => {
    const mail = commentNotificationMail("en", {
      kind: "mention",
      recipientName: "Ana <b>",
      authorName: 'Eve "<script>alert(1)</script>"',
      workspaceName: "Family budget",
      target: "the plan “A & B”",
      excerpt: "<img src=x onerror=alert(1)> look",
      url: "https://equity.example.org/workspaces/w/plans/p?thread=t",
      districtName: "Riverbend",
      footer,
    });
    expect(mail.html).not.toMatch(/<script|<img|<b>/);
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt; look");
    expect(mail.text).toContain("> <img src=x onerror=alert(1)> look");
    expect(mail.subject).toBe('Eve "<script>alert(1)</script>" mentioned you in Family budget');
    expect(mail.text).toContain("Stop these e-mails: https://equity.example.org/unsubscribe/tok");
    expect(mail.html).toContain('<a href="https://equity.example.org/unsubscribe/tok">Stop these e-mails</a>');
  });

  it("lists every digest entry with its link, in Spanish too", () => {
    const mail = digestMail("es", {
      recipientName: "Dan",
      entries: [
        { kind: "poll", title: "Buses", workspaceName: "Familias", url: "https://e.org/workspaces/f/polls/1" },
        {
          kind: "reply",
          authorName: null,
          target: "el plan «Plan»",
          workspaceName: "Familias",
          excerpt: null,
          url: "https://e.org/workspaces/f/plans/2?thread=3",
        },
      ],
      inboxUrl: "https://e.org/notifications",
      districtName: null,
      footer: { ...footer, mode: "daily" },
    });
    expect(mail.subject).toBe("Su resumen diario de Espacios de Equidad");
    expect(mail.text).toContain("* Hay una votación abierta en Familias: «Buses»\nhttps://e.org/workspaces/f/polls/1");
    expect(mail.text).toContain(
      "* Un antiguo miembro respondió en una conversación en la que usted participa\nel plan «Plan» · Familias",
    );
    expect(mail.html).toContain('<a href="https://e.org/workspaces/f/plans/2?thread=3">');
    expect(mail.text).toContain("resumen diario de las notificaciones");
  });

  it("carries RFC 8058 one-click headers", () => {
    expect(unsubscribeHeaders("https://e.org/unsubscribe/t")).toEqual({
      "List-Unsubscribe": "<https://e.org/unsubscribe/t>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
