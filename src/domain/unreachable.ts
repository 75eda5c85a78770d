/**
 * The default of a \`switch\` over a closed union (an action's kind, say): the compiler rejects the call while a case
 * is missing, so a new kind cannot compile and then do the wrong thing.
 */
export function unreachable(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
