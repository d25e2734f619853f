package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDump;
import java.util.Optional;

/**
 * One named, accepted way in which a producer's dump may differ from the golden's state: what a
 * {@link Profile} allows. Each allowance knows the exact shape of its difference and nothing more,
 * so that whatever else differs is still found.
 *
 * <p>{@link StateAllowance} holds the built-in ones; a profile for another producer may bring its
 * own (see {@link ProfileProvider}).
 */
public interface Allowance {

  /** A stable upper-case name for scorecards, e.g. {@code LOCALS_OMITTED}. */
  String name();

  /** What the divergence is, for people. */
  String description();

  /**
   * {@code actual} with this divergence replaced by the golden's state, or empty when {@code
   * actual} does not show it (or shows it in a shape this allowance does not cover).
   */
  Optional<CoreDump> normalize(CoreDump golden, CoreDump actual);
}
