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

  it("never shuts the server down on connection errors; ten in a row make it suspect, once", () => {
    const { policy } = policyAt();
    assert.equal(policy.onError(undefined), undefined, "an unknown count is no reason for suspicion");
    assert.equal(policy.onError(1), undefined);
    assert.equal(policy.onError(9), undefined);
    const token = policy.onError(10);
    assert.notEqual(token, undefined, "ten in a row: check the connection after a grace period");
    assert.equal(policy.onError(11), undefined, "one check at a time");
    assert.equal(policy.onError(50), undefined);
    assert.equal(policy.stillBroken(token as number), true, "no close came: the connection is broken");
    assert.notEqual(policy.onError(10), undefined, "after the check, a new suspicion may start");
  });

  it("lets a close that follows the errors decide: a dead server is restarted, not reported as broken", () => {
    const { policy } = policyAt();
    const token = policy.onError(30); // EPIPE on every write to a process that just died
    assert.notEqual(token, undefined);
    assert.deepEqual(policy.onClosed(), { action: "restart", tell: true }, "its close restarts it");
    assert.equal(policy.stillBroken(token as number), false, "so the check finds nothing to do");
  });

  it("uses the wall clock by default", () => {
    assert.deepEqual(new RestartPolicy().onClosed(), { action: "restart", tell: true });
  });
});
