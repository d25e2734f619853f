package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Corrupt DWARF is normal input: byte flips and truncations of the real {@code .debug_*}
 * sections of the test programs (DWARF 4 and 5, C and C++) must never make the symbolizer throw
 * anything but {@link DwarfException}, and never make it loop (each example has a time limit far
 * above its normal cost).
 */
class DwarfFuzzProperties {

  private static final String[] PROGRAMS = {"inline-o2", "modules-o1", "shapes-cpp-o2"};
  /** Examples per property; {@code -Dsymbols.fuzz.examples=N} runs more (the build runs 1,500). */
  private static final int EXAMPLES = Integer.getInteger("symbols.fuzz.examples", 1500);
  private static final int ADDRESSES_PER_EXAMPLE = 64;
  private static final Duration LIMIT = Duration.ofSeconds(20);

  /** A test program, its debug sections and a sample of its instruction starts. */
  private record Subject(byte[] module, List<String> sections, List<int[]> frames) {}

  private static final List<Subject> SUBJECTS = subjects();

  /** Examples in which some lookup raised a DwarfException (the mutation was noticed). */
  private final AtomicInteger noticed = new AtomicInteger();

  private static List<Subject> subjects() {
    List<Subject> out = new ArrayList<>();
    for (String name : PROGRAMS) {
      byte[] module = TestModules.program(name);
      List<String> sections = new ArrayList<>();
      for (String s : TestModules.customSections(module).keySet()) {
        // Location lists are kept for later consumers but not read for a backtrace.
        if (s.startsWith(".debug_") && !s.startsWith(".debug_loc")) {
          sections.add(s);
        }
      }
      List<int[]> frames = new ArrayList<>();
      for (LlvmExpectations.Body b : TestModules.expectations(name).bodies) {
        for (LlvmExpectations.Address a : b.addresses()) {
          frames.add(new int[] {a.funcIndex(), a.codeOffset()});
        }
      }
      out.add(new Subject(module, List.copyOf(sections), List.copyOf(frames)));
    }
    return List.copyOf(out);
  }

  @Test
  void byteFlipsInDebugSectionsOnlyEverRaiseDwarfException() {
    ExampleCount.forAllSeeds("DWARF byte flips", EXAMPLES, seed -> {
      Random random = new Random(seed);
      Subject s = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
      String section = s.sections().get(random.nextInt(s.sections().size()));
      byte[] contents = TestModules.custom(s.module(), section);
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips && contents.length > 0; i++) {
        contents[random.nextInt(contents.length)] ^= (byte) (1 + random.nextInt(255));
      }
      byte[] mutated = TestModules.withCustom(s.module(), section, contents);
      exercise(seed, flips + " flips in " + section, mutated, s, random);
    });
    reportNoticed("byte flips");
  }

  @Test
  void truncatedDebugSectionsOnlyEverRaiseDwarfException() {
    ExampleCount.forAllSeeds("DWARF truncations", EXAMPLES, seed -> {
      Random random = new Random(seed);
      Subject s = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
      String section = s.sections().get(random.nextInt(s.sections().size()));
      byte[] contents = TestModules.custom(s.module(), section);
      byte[] cut = Arrays.copyOf(contents, random.nextInt(contents.length + 1));
      exercise(seed, "truncation of " + section + " to " + cut.length + " bytes",
          TestModules.withCustom(s.module(), section, cut), s, random);
    });
    reportNoticed("truncations");
  }

  /**
   * Most mutations land where these lookups read, so most examples must report an error: a
   * fuzzer whose mutations never reach the reader would pass without testing anything.
   */
  private void reportNoticed(String what) {
    System.out.println("[property] " + what + ": " + noticed.get() + " of " + EXAMPLES
        + " examples raised a DwarfException");
    assertTrue(noticed.get() >= EXAMPLES / 10,
        "only " + noticed.get() + " examples reached a DwarfException");
  }

  private void exercise(long seed, String what, byte[] module, Subject s, Random random) {
    List<int[]> frames = new ArrayList<>();
    for (int i = 0; i < ADDRESSES_PER_EXAMPLE; i++) {
      frames.add(s.frames().get(random.nextInt(s.frames().size())));
    }
    assertTimeoutPreemptively(LIMIT, () -> {
      Symbolizer symbolizer = Symbolizer.of(module);
      SourceBacktrace backtrace = new SourceBacktrace();
      boolean raised = false;
      for (int[] f : frames) {
        try {
          symbolizer.locate(f[0], f[1]);
        } catch (DwarfException expected) {
          raised = true;
          // The only failure allowed; its message must name a section.
          if (!expected.getMessage().startsWith(expected.section() + ": ")) {
            fail("seed " + seed + " (" + what + "): message without its section: "
                + expected.getMessage());
          }
        } catch (RuntimeException | Error e) {
          throw new AssertionError("seed " + seed + " (" + what + "): " + e, e);
        }
        backtrace.frame("m", symbolizer, f[0], f[1]);
      }
      if (raised) {
        noticed.incrementAndGet();
      }
    }, () -> "seed " + seed + " (" + what + ") took longer than " + LIMIT);
  }
}
