/**
 * The restart decisions behind the language client's error handler (client/src/restartPolicy.ts), driven
 * by a fake clock: no VS Code needed. The extension-host suite (test/e2e/suite/restart.e2e.ts) checks
 * that a killed server really comes back.
 */
import * as assert from "node:assert/strict";
import { RestartPolicy } from "../../../client/src/restartPolicy";

const minute = 60_000;

/** A policy on a clock the test moves by hand. */
function policyAt(start = 1_000_000): { policy: RestartPolicy; advance: (ms: number) => void } {
  let now = start;
  return { policy: new RestartPolicy(() => now, 5, 3 * minute, 10), advance: (ms) => (now += ms) };
}

describe("RestartPolicy", () => {
  it("restarts after a crash and tells the user the first time only", () => {
    const { policy, advance } = policyAt();
    assert.deepEqual(policy.onClosed(), { action: "restart", tell: true });
    advance(10 * minute);
    assert.deepEqual(policy.onClosed(), { action: "restart", tell: false });
    advance(10 * minute);
    assert.deepEqual(policy.onClosed(), { action: "restart", tell: false });
  });

  it("gives up on the sixth crash within three minutes", () => {
    const { policy, advance } = policyAt();
    for (let crash = 1; crash <= 5; crash++) {
      assert.equal(policy.onClosed().action, "restart", `crash ${crash} is restarted`);
      advance(30_000);
    }
    assert.deepEqual(policy.onClosed(), { action: "giveUp", crashes: 6, windowMs: 3 * minute });
  });

  it("keeps restarting when the crashes are spread out", () => {
    const { policy, advance } = policyAt();
    for (let crash = 1; crash <= 20; crash++) {
      assert.equal(policy.onClosed().action, "restart", `crash ${crash} is restarted`);
      advance(40_000); // five crashes span 160 s, so a sixth is always outside three minutes of the first
    }
  });

  it("counts only the crashes of the last three minutes", () => {
    const { policy, advance } = policyAt();
    for (let crash = 1; crash <= 5; crash++) policy.onClosed();
    advance(3 * minute); // all five are now exactly three minutes old: outside the window
    assert.equal(policy.onClosed().action, "restart");
  });

  it("gives the full allowance again after giving up, and does not tell about restarts again", () => {
    const { policy } = policyAt();
    for (let crash = 1; crash <= 5; crash++) policy.onClosed();
    assert.equal(policy.onClosed().action, "giveUp");
    assert.deepEqual(policy.onClosed(), { action: "restart", tell: false });
  });

  it("keeps the server on connection errors until ten in a row", () => {
    const { policy } = policyAt();
    assert.equal(policy.onError(undefined), true, "an unknown count is not a reason to shut down");
    assert.equal(policy.onError(1), true);
    assert.equal(policy.onError(9), true);
    assert.equal(policy.onError(10), false);
  });

  it("uses the wall clock by default", () => {
    assert.deepEqual(new RestartPolicy().onClosed(), { action: "restart", tell: true });
  });
});
