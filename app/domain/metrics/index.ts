/** Resource-equity metrics over a district data package, as DATA-FORMAT.md defines them. */
export * from "./figure";
export * from "./measure-lookup";
export * from "./poverty-quartiles";
export * from "./funding-by-quartile";
export * from "./algebra-access";
export * from "./need-weighted-funding";
export * from "./teacher-student-diversity";
export * from "./counselor-ratios";
export * from "./group-outcomes";
export * from "./dissimilarity-index";
export * from "./small-cell-suppression";
