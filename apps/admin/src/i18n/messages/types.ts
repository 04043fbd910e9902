/** The English side of an area's messages: exactly the Indonesian keys. */
export type Translation<Messages> = Record<keyof Messages, string>;

/**
 * The messages `prefix.value` for every value of one of the API's lists. Written as a record that `satisfies` the
 * client's type, each language must label every value and no other, so a value the API adds fails the typecheck.
 */
export function labelsOf<Prefix extends string, Value extends string>(
  prefix: Prefix,
  labels: Record<Value, string>,
): Record<`${Prefix}.${Value}`, string> {
  return Object.fromEntries(
    Object.entries(labels).map(([value, label]) => [`${prefix}.${value}`, label]),
  ) as Record<`${Prefix}.${Value}`, string>;
}
