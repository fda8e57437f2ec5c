import { notFoundError } from "../utils/api.server";

// Unknown API paths answer in the API's JSON error shape, not with an HTML page.
export const loader = () => notFoundError();
export const action = () => notFoundError();
