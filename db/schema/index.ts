export * from "./users";
export * from "./districts";
export * from "./workspaces";
export * from "./audit";
export * from "./plans";
export * from "./district-data";
export * from "./comments";
export * from "./polls";
