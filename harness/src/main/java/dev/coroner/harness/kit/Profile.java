package dev.coroner.harness.kit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A named set of {@link Allowance}s: the known, accepted divergences of one producer, so that a
 * runtime can gate on "nothing worse than our documented limits". A divergence a profile does not
 * allow makes the case wrong.
 *
 * <p>Built in: {@link #STRICT} (nothing but the golden's state) and {@link #WASMTIME}. Others come
 * from {@link ProfileProvider}s on the class path.
 *
 * @param name the name {@code --profile} takes
 * @param description what the profile is for
 * @param allowances what it accepts, in the order they are applied
 */
public record Profile(String name, String description, List<Allowance> allowances) {

  /** Nothing but the golden's state: exact, or the same state encoded otherwise. */
  public static final Profile STRICT =
      new Profile("strict", "the golden's state, nothing else", List.of());

  /**
   * What Wasmtime (14 and later) writes: empty locals and operand stacks, globals with their
   * declared mutability, {@code 0xFFFFFFFF} for a memory or global it left out, and frames naming
   * the last instance of their module.
   */
  public static final Profile WASMTIME =
      new Profile(
          "wasmtime",
          "Wasmtime 14+: no locals or operand stacks, declared global mutability, u32::MAX for"
              + " entities left out, frames in the last instance of their module",
          List.of(
              StateAllowance.LOCALS_OMITTED,
              StateAllowance.STACK_OMITTED,
              StateAllowance.GLOBAL_MUTABILITY,
              StateAllowance.ABSENT_INDEX,
              StateAllowance.LAST_INSTANCE_FRAME));

  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    allowances = List.copyOf(allowances);
  }

  /** Every profile: the built-in ones, then those of the {@link ProfileProvider}s, by name. */
  public static Map<String, Profile> all() {
    Map<String, Profile> out = new LinkedHashMap<>();
    out.put(STRICT.name(), STRICT);
    out.put(WASMTIME.name(), WASMTIME);
    for (ProfileProvider provider : ServiceLoader.load(ProfileProvider.class)) {
      for (Profile p : provider.profiles()) {
        out.putIfAbsent(p.name(), p);
      }
    }
    return out;
  }

  /** The profile called {@code name}, if there is one. */
  public static Optional<Profile> named(String name) {
    return Optional.ofNullable(all().get(name));
  }

  /** The names of every profile, for messages. */
  public static List<String> names() {
    return new ArrayList<>(all().keySet());
  }
}
