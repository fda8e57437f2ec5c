import { customType } from "drizzle-orm/pg-core";

/** Binary data. postgres.js hands back a Buffer and PGlite a Uint8Array; both become Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});
