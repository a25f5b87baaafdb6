/**
 * Coordinates beyond this are treated as corrupt input. (A module of its own so that the lanes
 * and the JSON schema, which checks lanes, can both use it without importing each other.)
 */
export const MAX_COORDINATE = 1e7;
