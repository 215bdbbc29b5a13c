// The suite loader itself: proves a suite file is found and its test runs.
export default function (h) {
  h.test("harness: suites in tests/e2e/suites are loaded", async () => {
    h.assert(typeof h.openPage === "function" && h.servers !== undefined, "harness helpers are passed to suites");
  });
}
