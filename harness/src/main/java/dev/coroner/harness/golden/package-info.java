/**
 * Golden files: where they live ({@link dev.coroner.harness.golden.GoldenLayout}), which one a
 * capture is checked against ({@link dev.coroner.harness.golden.GoldenId}), the check and the
 * blessing ({@link dev.coroner.harness.golden.GoldenFiles}), and the upkeep of the {@code
 * state.json} files beside them ({@link dev.coroner.harness.golden.StateFiles}).
 *
 * <p>Nothing here knows how a coredump was captured: a {@code .wast} command run by {@link
 * dev.coroner.harness.FixtureRunner} and, say, a program run to its trap both end as canonical
 * bytes checked with {@link dev.coroner.harness.Conformance#checkCapture}, under a {@link
 * dev.coroner.harness.golden.GoldenId} of the fixture's path and a key of its own choosing.
 */
package dev.coroner.harness.golden;
