export * from "./types";
export * from "./rational";
export { validateBallot, type BallotError, type BallotCheck } from "./validate-ballot";
export { countVotes, type OptionVotes } from "./votes";
export {
  tally,
  type TallyOptions,
  type TallyResult,
  type OptionOutcome,
  type Rule,
  type Completion,
  type Amount,
} from "./tally";
export { parsePabulib, writePabulib, type PabulibElection, type PabulibError, type PabulibErrorCode } from "./pabulib";
