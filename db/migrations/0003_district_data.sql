CREATE TABLE "district_data_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"school_count" integer NOT NULL,
	"measure_count" integer NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "district_data_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"school_count" integer NOT NULL,
	"measure_count" integer NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "district_data_drafts" ADD CONSTRAINT "district_data_drafts_district_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_data_drafts" ADD CONSTRAINT "district_data_drafts_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_data_versions" ADD CONSTRAINT "district_data_versions_district_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_data_versions" ADD CONSTRAINT "district_data_versions_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "district_data_drafts_district_id_idx" ON "district_data_drafts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "district_data_drafts_created_by_idx" ON "district_data_drafts" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "district_data_versions_district_version_key" ON "district_data_versions" USING btree ("district_id","version");--> statement-breakpoint
CREATE INDEX "district_data_versions_created_by_idx" ON "district_data_versions" USING btree ("created_by");