import { describe, expect, it } from "vitest";
import { canResend, canRevoke, mailInvitationState, type MailInvitationState } from "./invitation-policy";

const now = new Date("2026-12-06T12:00:00Z");
const later = new Date("2026-12-13T12:00:00Z");
const earlier = new Date("2026-12-01T12:00:00Z");
const base = { expiresAt: later, revokedAt: null, acceptedAt: null };

describe("mailInvitationState", () => {
  it.each<
    [string, Parameters<typeof mailInvitationState>[0], Parameters<typeof mailInvitationState>[1], MailInvitationState]
  >([
    ["queued mail", base, "queued", "sent"],
    ["delivered mail", base, "sent", "sent"],
    ["no mail row (deleted)", base, null, "sent"],
    ["refused by the server", base, "bounced", "bounced"],
    ["given up on", base, "failed", "failed"],
    ["past its expiry", { ...base, expiresAt: earlier }, "sent", "expired"],
    ["bounced and expired", { ...base, expiresAt: earlier }, "bounced", "bounced"],
    ["withdrawn", { ...base, revokedAt: earlier }, "bounced", "revoked"],
    ["accepted, even if expired since", { ...base, expiresAt: earlier, acceptedAt: earlier }, "sent", "accepted"],
  ])("%s", (_name, inv, mail, expected) => {
    expect(mailInvitationState(inv, mail, now)).toBe(expected);
  });

  it("lets owners resend or revoke only what has not been accepted or withdrawn", () => {
    expect(["sent", "bounced", "failed", "expired"].every((s) => canResend(s as MailInvitationState))).toBe(true);
    expect(canResend("accepted") || canResend("revoked")).toBe(false);
    expect(canRevoke("accepted") || canRevoke("revoked")).toBe(false);
  });
});
