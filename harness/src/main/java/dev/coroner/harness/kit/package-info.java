/**
 * The portable conformance kit: every fixture command as a self-contained case that a runtime in
 * any language can run, and the scorecard of the dumps it wrote. Schema and layout: {@code
 * docs/kit.md}.
 *
 * <ul>
 *   <li>{@link dev.coroner.harness.kit.KitExporter}: fixtures and goldens to a kit ({@code coroner
 *       kit export});
 *   <li>{@link dev.coroner.harness.kit.Kit}, {@link dev.coroner.harness.kit.KitCase}, {@link
 *       dev.coroner.harness.kit.CaseJson}: the kit on disk, read strictly;
 *   <li>{@link dev.coroner.harness.kit.ReferenceRunner}: a runtime consuming the kit, with
 *       Coroner's interpreter ({@code coroner kit run});
 *   <li>{@link dev.coroner.harness.kit.KitScorer}, {@link dev.coroner.harness.kit.CaseScorer},
 *       {@link dev.coroner.harness.kit.Scorecard}: the verdicts ({@code coroner kit score});
 *   <li>{@link dev.coroner.harness.kit.Profile}, {@link dev.coroner.harness.kit.Allowance}: the
 *       known divergences a producer may declare.
 * </ul>
 */
package dev.coroner.harness.kit;
