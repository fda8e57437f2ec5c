CREATE TABLE "poll_access_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"stakeholder_group" "stakeholder_group",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "poll_access_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "access_code_id" uuid;--> statement-breakpoint
ALTER TABLE "poll_access_codes" ADD CONSTRAINT "poll_access_codes_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_access_codes" ADD CONSTRAINT "poll_access_codes_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_access_codes_poll_id_idx" ON "poll_access_codes" USING btree ("poll_id");--> statement-breakpoint
CREATE INDEX "poll_access_codes_created_by_idx" ON "poll_access_codes" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_access_code_fk" FOREIGN KEY ("access_code_id") REFERENCES "public"."poll_access_codes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_poll_id_paper_client_token_unique" ON "ballots" USING btree ("poll_id","client_token") WHERE "ballots"."paper";--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_access_code_id_unique" UNIQUE("access_code_id");