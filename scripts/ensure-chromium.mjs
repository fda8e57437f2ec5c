// The browser tests use the system's Chromium (Debian package), never a downloaded browser.
// Exit 0 when it is there; as root with apt-get, install it; otherwise say how, in one line, and exit 1.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const wanted = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

if (executable(wanted)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!process.env.CHROMIUM_PATH && isRoot && onPath("apt-get")) {
  console.log("Chromium is missing; installing Debian's chromium package with apt-get…");
  const result = spawnSync("sh", ["-c", "apt-get update && apt-get install -y chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status === 0 && executable(wanted)) process.exit(0);
  console.error(`Installing chromium did not produce ${wanted}; install it yourself or set CHROMIUM_PATH.`);
  process.exit(1);
}

console.error(
  `Chromium not found at ${wanted}: install it with \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium executable.`,
);
process.exit(1);
