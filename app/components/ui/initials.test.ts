import { describe, expect, it } from "vitest";
import { initials } from "./initials";

describe("initials", () => {
  it.each([
    ["Elena Márquez", "EM"],
    ["Rosa María García López", "RL"],
    ["rosa", "R"],
    ["  Marcus   Webb  ", "MW"],
    ["Ángel Ñúñez", "ÁÑ"],
    ["(Dana) O'Neil", "DO"],
    ["李 小龙", "李小"],
    ["", "?"],
    ["— —", "?"],
  ])("%j → %j", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
