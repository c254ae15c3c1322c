import type { ErrorObject } from "ajv";
import { instancePathSegments } from "../json/jsonPointer";

/**
 * Whether an ajv error is worth a diagnostic of its own. Errors from inside the branches of
 * `anyOf` / `oneOf` explain why a branch failed; the combinator's own error already says the
 * value matched none, so the branch errors are noise.
 */
export function isReportedAt(error: ErrorObject): boolean {
  if (error.keyword === "if") return false;
  return !/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath);
}

/** A message that names the property and says what was expected and what was found. */
export function describeAjvError(error: ErrorObject): string {
  const where = propertyName(error.instancePath);
  const found = error.data === undefined ? "" : ` (found ${formatValue(error.data)})`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `Missing required property \`${String(params.missingProperty)}\`${where ? ` in ${where}` : ""}.`;
    case "additionalProperties":
      return `Property \`${String(params.additionalProperty)}\` is not allowed${where ? ` in ${where}` : ""}.`;
    case "type":
      return `${where || "The value"} must be ${article(String(params.type))}${found}.`;
    case "enum":
      return `${where || "The value"} must be one of ${(params.allowedValues as unknown[]).map(formatValue).join(", ")}${found}.`;
    case "const":
      return `${where || "The value"} must be ${formatValue(params.allowedValue)}${found}.`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${where || "The value"} must be ${String(params.comparison)} ${String(params.limit)}${found}.`;
    case "format":
      return `${where || "The value"} must be a valid ${String(params.format)}${found}.`;
    case "pattern":
      return `${where || "The value"} must match the pattern ${String(params.pattern)}${found}.`;
    case "anyOf":
    case "oneOf":
      return `${where || "The value"} matches none of the allowed forms${found}.`;
    default:
      return `${where || "The value"} ${error.message ?? "is invalid"}${found}.`;
  }
}

function propertyName(instancePath: string): string {
  if (!instancePath) return "";
  return "`" + instancePathSegments(instancePath).join(".") + "`";
}

function article(type: string): string {
  const names = type
    .split(",")
    .map((name) =>
      name === "integer" || name === "object" || name === "array" ? `an ${name}` : `a ${name}`,
    );
  return names.join(" or ");
}

function formatValue(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "a list" : "a mapping";
}
