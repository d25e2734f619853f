package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Random valid dumps through the encoder and decoder. */
class SectionProperties {

  static final int EXAMPLES = 1200; // QuickTheories may skip a few duplicates; each test asserts >= 1000 ran

  @Test
  void decodeOfEncodeIsIdentity() {
    ExampleCount.forAllSeeds("SectionProperties.decodeOfEncodeIsIdentity", EXAMPLES, seed -> {
      CoreDump d = RandomDumps.generate(seed, 2);
      CoreDump back = Leb128Properties.decode(() -> CoreDumpDecoder.decode(CoreDumpEncoder.encode(d)));
      assertEquals(d, back);
    });
  }

  @Test
  void encodingIsDeterministicAndSizeIsKnownBeforehand() {
    ExampleCount.forAllSeeds("SectionProperties.encodingIsDeterministicAndSizeIsKnownBeforehand", EXAMPLES, seed -> {
      byte[] a = CoreDumpEncoder.encode(RandomDumps.generate(seed, 2));
      CoreDump again = RandomDumps.generate(seed, 2);
      assertArrayEquals(a, CoreDumpEncoder.encode(again));
      assertEquals(a.length, CoreDumpEncoder.encodedSize(again));
    });
  }

  @Test
  void eachSectionSizeFieldEqualsItsPayloadLength() {
    ExampleCount.forAllSeeds("SectionProperties.eachSectionSizeFieldEqualsItsPayloadLength", EXAMPLES, seed -> {
      CoreDump d = RandomDumps.generate(seed, 2);
      byte[] bytes = CoreDumpEncoder.encode(d);
      DecodedCoreDump decoded = Leb128Properties.decode(() -> CoreDumpDecoder.decodeWithFacts(bytes));
      List<DecodedCoreDump.Section> sections = decoded.sections();
      long pos = 8;
      for (DecodedCoreDump.Section s : sections) {
        assertEquals(pos, s.offset());
        // section = id byte + minimal u32 size + payload of exactly `size` bytes
        pos = s.offset() + 1 + Leb128.sizeU32((int) s.size()) + s.size();
      }
      assertEquals(bytes.length, pos); // payloads tile the file exactly
      // core (if named), memory, global, data, coremodules, coreinstances, one per thread
      assertEquals(
          (d.processName().isPresent() ? 1 : 0) + 5 + d.threads().size(), sections.size());
      assertEquals(0, decoded.nonMinimalLebOffsets().length);
    });
  }

  @Test
  void encoderOutputPassesTheCanonicalCheck() {
    ExampleCount.forAllSeeds("SectionProperties.encoderOutputPassesTheCanonicalCheck", EXAMPLES, seed -> {
      CoreDump d = RandomDumps.generate(seed, 2);
      byte[] bytes = CoreDumpEncoder.encode(d);
      CanonicalCheck.Result r = Leb128Properties.decode(() -> CanonicalCheck.check(bytes));
      // The only reasons a faithfully encoded dump can have are the model-level ones.
      for (CanonicalCheck.Reason reason : r.reasons()) {
        assertTrue(
            List.of(CanonicalCheck.Code.MISSING_CORE, CanonicalCheck.Code.MUTABLE_GLOBAL,
                    CanonicalCheck.Code.ABSENT_INDEX)
                .contains(reason.code()),
            reason::toString);
      }
      boolean modelCanonical =
          d.processName().isPresent()
              && d.globals().stream().noneMatch(Global::mutable)
              && d.instances().stream().noneMatch(
                  i -> i.memories().contains(Instance.ABSENT) || i.globals().contains(Instance.ABSENT));
      assertEquals(modelCanonical, r.isCanonical(), r.reasons()::toString);
    });
  }
}
