/** `1 page`, `5,811 pages`: a count with its noun, in the English of the site and the CLI. */
export function countOf(count: number, singular: string, plural = singular + "s"): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}

/** `2 errors, 1 warning`, or undefined when there is no problem. */
export function problemsText(problems: { errors: number; warnings: number }): string | undefined {
  const parts: string[] = [];
  if (problems.errors > 0) parts.push(countOf(problems.errors, "error"));
  if (problems.warnings > 0) parts.push(countOf(problems.warnings, "warning"));
  return parts.length > 0 ? parts.join(", ") : undefined;
}
