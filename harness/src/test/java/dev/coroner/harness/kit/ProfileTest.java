package dev.coroner.harness.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Profiles: the built-in ones, and one brought by a provider on the class path. */
class ProfileTest {

  /** Registered in this module's test resources (META-INF/services). */
  public static final class TestProvider implements ProfileProvider {
    @Override
    public List<Profile> profiles() {
      return List.of(
          new Profile("test-stacks", "only stacks may be left out",
              List.of(StateAllowance.STACK_OMITTED)),
          new Profile("strict", "a provider cannot replace a built-in profile", List.of(
              StateAllowance.LOCALS_OMITTED)));
    }
  }

  @Test
  void builtInProfilesComeFirstAndProvidersAddTheirs() {
    assertEquals(List.of("strict", "wasmtime", "test-stacks"), Profile.names());
    assertTrue(Profile.named("strict").orElseThrow().allowances().isEmpty());
    assertEquals(List.of(StateAllowance.STACK_OMITTED),
        Profile.named("test-stacks").orElseThrow().allowances());
    assertTrue(Profile.named("nope").isEmpty());
  }

  @Test
  void theWasmtimeProfileAllowsExactlyTheFiveKnownDivergences() {
    assertEquals(
        List.of("LOCALS_OMITTED", "STACK_OMITTED", "GLOBAL_MUTABILITY", "ABSENT_INDEX",
            "LAST_INSTANCE_FRAME"),
        Profile.WASMTIME.allowances().stream().map(Allowance::name).toList());
  }
}
