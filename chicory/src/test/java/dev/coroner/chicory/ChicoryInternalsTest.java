package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.CoronerFrameAccess;
import org.junit.jupiter.api.Test;

/**
 * The module reads Chicory internals; these tests fail loudly when the Chicory on the class path is
 * not the pinned one or no longer has them (a version bump of the BOM must come with a look at
 * {@link CoronerFrameAccess} and a new {@link ChicoryInternals#SUPPORTED_VERSION}).
 */
class ChicoryInternalsTest {

  @Test
  void theChicoryOnTheClassPathIsThePinnedVersion() {
    assertEquals(ChicoryInternals.SUPPORTED_VERSION, ChicoryInternals.runtimeVersion());
  }

  @Test
  void everyInternalTheFrameAccessReadsIsThere() {
    assertNull(CoronerFrameAccess.probe());
    assertDoesNotThrow(ChicoryInternals::verify);
  }

  @Test
  void anotherVersionIsRefusedWithBothVersionsNamed() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ChicoryInternals.checkVersion("1.8.0", false));
    assertTrue(e.getMessage().startsWith(ChicoryInternals.VERSION_TAG), e.getMessage());
    assertTrue(e.getMessage().contains("1.8.0"), e.getMessage());
    assertTrue(e.getMessage().contains("runtime 1.7.5 only"), e.getMessage());
    assertTrue(e.getMessage().contains(ChicoryInternals.ALLOW_PROPERTY), e.getMessage());
  }

  @Test
  void anotherVersionIsAcceptedWhenTheUserAllowsIt() {
    assertDoesNotThrow(() -> ChicoryInternals.checkVersion("1.8.0", true));
  }
}
