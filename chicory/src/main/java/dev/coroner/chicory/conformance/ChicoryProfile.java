package dev.coroner.chicory.conformance;

import com.google.auto.service.AutoService;
import dev.coroner.harness.kit.Profile;
import dev.coroner.harness.kit.ProfileProvider;
import dev.coroner.harness.kit.StateAllowance;
import java.util.List;

/**
 * The {@code chicory} profile of {@code coroner kit score}: the documented limits of coredumps
 * taken with {@code dev.coroner.chicory} from Chicory 1.7.5's interpreter. Found by the kit's
 * {@link java.util.ServiceLoader} whenever this module is on the class path (the {@code coroner}
 * command line has it).
 */
@AutoService(ProfileProvider.class)
public final class ChicoryProfile implements ProfileProvider {

  /** The profile's name, for {@code --profile}. */
  public static final String NAME = "chicory";

  /**
   * Call depth at exhaustion ({@link KnownDivergence#CALL_DEPTH}); operand stacks left out where
   * their types cannot be replayed, after SIMD, GC or atomic instructions ({@link
   * StateAllowance#STACK_OMITTED}); operands of a trapping call reused by a callback ({@link
   * KnownDivergence#OPERANDS_MISSING}).
   */
  public static final Profile PROFILE =
      new Profile(
          NAME,
          "Chicory 1.7.5 interpreter with dev.coroner.chicory: call depth bounded by the JVM"
              + " thread stack, operand stacks left out after SIMD/GC/atomic instructions,"
              + " operands of a trapping call lost to a callback",
          List.of(
              KnownDivergence.CALL_DEPTH,
              StateAllowance.STACK_OMITTED,
              KnownDivergence.OPERANDS_MISSING));

  @Override
  public List<Profile> profiles() {
    return List.of(PROFILE);
  }
}
