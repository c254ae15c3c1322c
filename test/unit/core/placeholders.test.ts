import * as assert from "node:assert/strict";
import type { AnySchemaObject } from "ajv";
import { numberPlaceholder, placeholderValue } from "../../../server/src/core/schemas/placeholders";

const keywords = (schema: AnySchemaObject) => (name: string) => schema[name];
const today = new Date("2025-01-03T10:20:30.456Z");

describe("schema placeholders", () => {
  it("a number placeholder is the default, first example or 0, kept within inclusive and exclusive bounds", () => {
    assert.equal(numberPlaceholder(keywords({}), false), 0);
    assert.equal(numberPlaceholder(keywords({ default: 7, maximum: 5 }), false), 5);
    assert.equal(numberPlaceholder(keywords({ examples: [3] }), true), 3);
    assert.equal(numberPlaceholder(keywords({ minimum: 10, maximum: 100 }), false), 10);
    assert.equal(numberPlaceholder(keywords({ exclusiveMinimum: 1 }), true), 2);
    assert.equal(numberPlaceholder(keywords({ exclusiveMaximum: -1 }), true), -2);
    // Draft 4: exclusive bounds as booleans beside minimum/maximum.
    assert.equal(numberPlaceholder(keywords({ minimum: 0, exclusiveMinimum: true }), true), 1);
    // A range too narrow for a whole step: its middle.
    assert.equal(numberPlaceholder(keywords({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), false), 0.5);
  });

  it("an object gets its required keys through $ref and allOf, with strings and arrays as the caller writes them", () => {
    const root: AnySchemaObject = {
      type: "object",
      properties: { sidebar: { $ref: "#/definitions/sidebar" } },
      definitions: {
        sidebar: {
          allOf: [{ $ref: "#/definitions/ordered" }],
          required: ["label", "tags", "published", "updated"],
          properties: {
            label: { type: "string" },
            tags: { type: "array", minItems: 2, items: { type: "string" } },
            published: { type: "string", format: "date" },
            updated: { type: "string", format: "date-time" },
          },
        },
        ordered: { required: ["order"], properties: { order: { type: "integer", minimum: 1 } } },
      },
    };
    const sidebar = (root.properties as Record<string, AnySchemaObject>).sidebar;
    const filled = { text: (_schema: unknown, name: string) => `<${name}>`, fillArrays: true, today };
    assert.deepEqual(placeholderValue(root, sidebar, "sidebar", filled), {
      label: "<label>",
      tags: ["<tags>", "<tags>"],
      published: "2025-01-03",
      updated: "2025-01-03T10:20:30Z",
      order: 1,
    });
    const empty = { text: () => "", fillArrays: false, today };
    assert.deepEqual(placeholderValue(root, sidebar, "sidebar", empty), {
      label: "",
      tags: [],
      published: "2025-01-03",
      updated: "2025-01-03T10:20:30Z",
      order: 1,
    });
  });

  it("a property the schema says nothing about gets the caller's text", () => {
    const style = { text: (_schema: unknown, name: string) => `TODO ${name}`, fillArrays: true, today };
    assert.equal(placeholderValue({}, undefined, "title", style), "TODO title");
  });
});
