/** Longest URL accepted (414 beyond it, never echoed back): ids are at most 64 characters. */
export const MAX_URL_LENGTH = 2048;
