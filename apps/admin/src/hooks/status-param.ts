/**
 * How a list keeps its status filter in the URL. '' is "all" (what a StatusFilter sends). A list that opens on one
 * status (`initial`) reads an absent `?status=` as that status, so there "all" is written as `status=all`.
 */
const ALL = 'all';

/** The filter a `?status=` value (or '' when absent) stands for. */
export function statusFromParam<Status extends string>(
  param: string,
  initial: Status | '' = '',
): Status | '' {
  if (param === ALL) return '';
  return (param || initial) as Status | '';
}

/** The `?status=` value for a filter ('' removes the parameter). */
export function statusParamOf(status: string, initial: string = ''): string {
  return status || (initial ? ALL : '');
}
