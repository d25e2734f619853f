package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Random dumps written in every layout, read back in it, and recognized. */
class DialectProperties {

  static final int EXAMPLES = 1200;

  /** What {@code d} looks like after a round trip through {@code dialect}'s layout. */
  static CoreDump project(CoreDump d, Dialect dialect) {
    List<CoreStack> threads = new ArrayList<>();
    for (CoreStack t : d.threads()) {
      List<Frame> frames = new ArrayList<>();
      for (Frame f : t.frames()) {
        frames.add(
            new Frame(
                dialect.hasInstanceIndex() ? f.instanceIndex() : 0,
                f.functionIndex(),
                f.codeOffset(),
                f.locals(),
                dialect.hasStacks() ? f.stack() : List.of()));
      }
      threads.add(new CoreStack(t.threadName(), frames));
    }
    return new CoreDump(
        d.processName(), d.modules(), d.instances(), d.memories(), d.globals(), threads);
  }

  @Test
  void everyLayoutRoundTripsWhatItCanHold() {
    ExampleCount.forAllSeeds("DialectProperties.everyLayoutRoundTripsWhatItCanHold", EXAMPLES, seed -> {
      CoreDump d = RandomDumps.generate(seed, 1);
      for (Dialect dialect : Dialect.values()) {
        byte[] bytes = CoreDumpEncoder.encode(d, dialect);
        CoreDump back =
            Leb128Properties.decode(() -> CoreDumpDecoder.decodeWithFacts(bytes, dialect).dump());
        assertEquals(project(d, dialect), back, dialect::toString);
      }
    });
  }

  @Test
  void detectionNamesALayoutThatReadsTheFileAndPrefersSpec() {
    ExampleCount.forAllSeeds(
        "DialectProperties.detectionNamesALayoutThatReadsTheFileAndPrefersSpec", EXAMPLES, seed -> {
          CoreDump d = RandomDumps.generate(seed, 1);
          assertEquals(Optional.of(Dialect.SPEC), Dialect.detect(CoreDumpEncoder.encode(d)));
          for (Dialect dialect : Dialect.values()) {
            byte[] bytes = CoreDumpEncoder.encode(d, dialect);
            Optional<Dialect> found = Dialect.detect(bytes);
            assertTrue(found.isPresent(), dialect::toString);
            // The detected layout reads every corestack section (a frame list can mean the same
            // bytes in two layouts; empty locals and stacks, say).
            Leb128Properties.decode(() -> CoreDumpDecoder.decodeWithFacts(bytes, found.get()));
          }
        });
  }
}
