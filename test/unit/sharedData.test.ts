import assert from "node:assert/strict";
import { sharedDecision, sharedMarker, sharedSuffix } from "../support/sharedData";

/**
 * The rule of itWithShared / describeWithShared (test/support/sharedData.ts), with the file system and
 * KB_AUTHOR_REQUIRE_SHARED given: a test that reads ../shared runs when it is there, is skipped when it
 * is not, and fails instead when KB_AUTHOR_REQUIRE_SHARED=1 (CI).
 */
describe("tests that need ../shared", () => {
  const present = () => true;
  const absent = () => false;

  it("say what they need at the end of their title", () => {
    assert.equal(sharedSuffix(["corpus"]), " (needs ../shared/corpus)");
    assert.equal(sharedSuffix(["corpus", "seeds"]), " (needs ../shared/corpus and ../shared/seeds)");
  });

  it("run when the shared folder is there, whether or not it is required", () => {
    for (const require of [false, true])
      assert.deepEqual(sharedDecision(["corpus", "seeds"], { exists: present, require }), { action: "run" });
  });

  it("are skipped when it is absent, saying which file is missing", () => {
    const decision = sharedDecision(["corpus"], { exists: absent, require: false });
    assert.equal(decision.action, "skip");
    assert.ok(
      "reason" in decision && decision.reason.includes(sharedMarker("corpus")),
      JSON.stringify(decision),
    );
  });

  it("fail when it is absent and KB_AUTHOR_REQUIRE_SHARED=1", () => {
    const decision = sharedDecision(["seeds"], { exists: absent, require: true });
    assert.equal(decision.action, "fail");
    assert.ok(
      "reason" in decision && decision.reason.includes(sharedMarker("seeds")),
      JSON.stringify(decision),
    );
    assert.match("reason" in decision ? decision.reason : "", /KB_AUTHOR_REQUIRE_SHARED=1/);
  });

  it("name only what is missing", () => {
    const decision = sharedDecision(["corpus", "seeds"], {
      exists: (file) => file === sharedMarker("corpus"),
      require: false,
    });
    assert.deepEqual(decision, { action: "skip", reason: `not found: ${sharedMarker("seeds")}` });
  });
});
