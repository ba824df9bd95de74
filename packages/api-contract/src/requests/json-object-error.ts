/**
 * Message of a JSON body that is not an object (an array, a string, a number or null), naming
 * the content type that the route reads.
 */
export const JSON_OBJECT_ERROR = 'must be a JSON object sent with Content-Type: application/json';
