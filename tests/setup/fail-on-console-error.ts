import { afterEach, beforeEach, vi } from "vitest";

// Each embedded PGlite registers an exit hook; several per worker are expected.
process.setMaxListeners(50);

// An error printed during a test is a bug the test did not notice: fail it.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length) {
    throw new Error(`console.error was called:\n${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
  }
});
