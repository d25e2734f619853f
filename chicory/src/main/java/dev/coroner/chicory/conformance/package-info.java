/**
 * Chicory and the portable conformance kit ({@code docs/kit.md}): {@link
 * dev.coroner.chicory.conformance.ChicoryKitRunner} runs a kit's cases in Chicory 1.7.5's
 * interpreter and writes their dumps as {@code DUMPS/<fixture>/<line>.core}; {@link
 * dev.coroner.chicory.conformance.ChicoryProfile} is the {@code chicory} profile of {@code coroner
 * kit score}, whose Chicory-specific allowances are the {@link
 * dev.coroner.chicory.conformance.KnownDivergence}s.
 *
 * <p>Uses the harness's kit; the harness is an optional dependency of this module, so a program
 * that only takes coredumps with Chicory does not carry it.
 */
package dev.coroner.chicory.conformance;
