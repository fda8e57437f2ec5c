/** How many option rows the New vote form shows at first, how many more each "More option rows" adds, and at most. */
export const FIRST_ROWS = 6;
export const MAX_ROWS = 100;
