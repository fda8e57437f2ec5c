CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"voter_id" uuid,
	"choices" jsonb NOT NULL,
	"receipt" text NOT NULL,
	"client_token" text,
	"stakeholder_group" "stakeholder_group",
	"school_id" text,
	"paper" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_poll_id_voter_id_unique" UNIQUE("poll_id","voter_id"),
	CONSTRAINT "ballots_poll_id_receipt_unique" UNIQUE("poll_id","receipt")
);
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cost" numeric NOT NULL,
	"dimension" text,
	"schools" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"view_id" uuid,
	CONSTRAINT "poll_options_poll_id_code_unique" UNIQUE("poll_id","code"),
	CONSTRAINT "poll_options_cost_check" CHECK ("poll_options"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"budget" numeric NOT NULL,
	"ballot" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"eligible_roles" jsonb,
	"eligible_groups" jsonb,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"results" text DEFAULT 'after_publication' NOT NULL,
	"imported" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	CONSTRAINT "polls_budget_check" CHECK ("polls"."budget" > 0)
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_voter_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_view_fk" FOREIGN KEY ("view_id") REFERENCES "public"."data_views"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballots_voter_id_idx" ON "ballots" USING btree ("voter_id");--> statement-breakpoint
CREATE INDEX "poll_options_view_id_idx" ON "poll_options" USING btree ("view_id");--> statement-breakpoint
CREATE INDEX "polls_workspace_id_idx" ON "polls" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "polls_created_by_idx" ON "polls" USING btree ("created_by");