import { COMMENTS_PER_MINUTE } from "../models/comments.server";
import { apiError } from "./api.server";

export const rateLimited = () =>
  apiError(
    429,
    "rate_limited",
    `You can post up to ${COMMENTS_PER_MINUTE} comments a minute in a workspace. Wait a moment and try again.`,
  );
