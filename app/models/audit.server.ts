import type { Database } from "../../db/client";
import { auditEvents } from "../../db/schema";

export type AuditInput = {
  action: string;
  actorId?: string | null;
  targetUserId?: string | null;
  districtId?: string | null;
  workspaceId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
};

/** Records a security-relevant or membership event. */
export async function recordAudit(db: Database, event: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({ ...event, data: event.data ?? {} });
}
