/**
 * Comparison of a producer's coredump for one fixture case with the case's golden file: {@link
 * dev.coroner.chicory.conformance.GoldenComparison} classifies it as exact, same state, divergent
 * (every difference a named {@link dev.coroner.chicory.conformance.KnownDivergence}), wrong (the
 * field that differs) or not runnable; {@link dev.coroner.chicory.conformance.Scorecard} prints the
 * table and the totals.
 *
 * <p>Uses the harness's {@code StructuralDiff}; the harness is an optional dependency of this
 * module, so a program that only takes coredumps with Chicory does not carry it.
 */
package dev.coroner.chicory.conformance;
