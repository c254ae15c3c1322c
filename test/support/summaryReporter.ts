import Mocha from "mocha";

/**
 * mocha's spec reporter, plus a closing `N passed, N failed` line: the plain summary CI reads to
 * tell a run that tested something from one that ran no test.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      if (!stats) return;
      const skipped = stats.pending > 0 ? `, ${stats.pending} skipped` : "";
      Mocha.reporters.Base.consoleLog(`${stats.passes} passed, ${stats.failures} failed${skipped}`);
    });
  }
}

export = SummaryReporter;
