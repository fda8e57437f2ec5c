import { emailSchema } from "./validation";

/** The most addresses one paste may invite: a class list or a coalition's mailing list, not a bulk mailing. */
export const MAX_INVITATION_ADDRESSES = 200;

/**
 * Invitation mails a workspace, and an inviting account across all its workspaces, may send in
 * 24 hours (resends included). Anyone can sign up and start a workspace, so this is what keeps
 * the product from being a free mass mailer.
 */
export const MAIL_INVITATIONS_PER_DAY = 500;

/** Why one pasted address was not accepted. */
export type AddressProblemReason = "not_an_address" | "too_long";
export type AddressProblem = { address: string; reason: AddressProblemReason };

export type ParsedAddresses = {
  /** Distinct valid addresses, trimmed and lower-cased, in the order first pasted. */
  addresses: string[];
  invalid: AddressProblem[];
  /** Distinct entries, valid or not: what the limit counts. */
  count: number;
  tooMany: boolean;
};

/** Checks one address as the list parser does; returns the normalized form or why it is refused. */
export function checkAddress(raw: string): { ok: true; address: string } | { ok: false; problem: AddressProblem } {
  const address = raw.trim().toLowerCase();
  if (address.length > 254 || (address.split("@")[0] ?? "").length > 64)
    return { ok: false, problem: { address, reason: "too_long" } };
  // The rule sign-up applies, so every invited address is one its owner can make an account with.
  if (!emailSchema.safeParse(address).success) return { ok: false, problem: { address, reason: "not_an_address" } };
  return { ok: true, address };
}

/**
 * Reads addresses as people paste them: separated by commas, semicolons, spaces or new lines,
 * and in the `Name <address>` form mail programs copy (quoted names may hold commas).
 */
export function parseAddressList(text: string): ParsedAddresses {
  // Linear passes only: a pasted list is a stranger's input, up to the form's whole size.
  const entries = text
    .replace(/"[^"]*"/g, " ")
    .split(/[,;\n]/)
    .flatMap((entry) => {
      const bracketed = [...entry.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
      return bracketed.length > 0 ? bracketed : entry.split(/\s+/);
    });
  return checkAddresses(entries);
}

/** The same checks over a list that is already split (the API's `emails` array). */
export function checkAddresses(entries: readonly string[]): ParsedAddresses {
  const seen = new Set<string>();
  const addresses: string[] = [];
  const invalid: AddressProblem[] = [];
  for (const entry of entries) {
    const key = entry.trim().toLowerCase();
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    const checked = checkAddress(key);
    if (checked.ok) addresses.push(checked.address);
    else invalid.push(checked.problem);
  }
  return { addresses, invalid, count: seen.size, tooMany: seen.size > MAX_INVITATION_ADDRESSES };
}

/**
 * An address as shown to someone who may not be its owner: the first character of the mailbox and
 * the whole domain (m•••@example.org), enough for the owner to recognise it and little for others.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${address[0]}•••${address.slice(at)}`;
}
