package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One test per reason the canonical check gives. */
class CanonicalCheckTest {

  private static CanonicalCheck.Result check(byte[] bytes) throws CoreDumpFormatException {
    return CanonicalCheck.check(bytes);
  }

  private static void assertOnly(CanonicalCheck.Result r, CanonicalCheck.Code code, String part) {
    assertEquals(1, r.reasons().size(), () -> r.reasons().toString());
    assertEquals(code, r.reasons().get(0).code());
    assertTrue(r.reasons().get(0).message().contains(part), () -> r.reasons().toString());
  }

  /** Sections of the canonical encoding of the small dump, header excluded. */
  private static List<byte[]> canonicalSections() throws Exception {
    return new ArrayList<>(Bytes.sections(CoreDumpEncoder.encode(Dumps.small())));
  }

  @Test
  void encoderOutputIsCanonical() throws Exception {
    assertTrue(check(CoreDumpEncoder.encode(Dumps.small())).isCanonical());
  }

  @Test
  void reportsMissingCore() throws Exception {
    CoreDump d = Dumps.small();
    CoreDump noCore =
        new CoreDump(
            java.util.Optional.empty(), d.modules(), d.instances(), d.memories(), d.globals(),
            d.threads());
    assertOnly(check(CoreDumpEncoder.encode(noCore)), CanonicalCheck.Code.MISSING_CORE, "no core");
  }

  @Test
  void reportsEachMissingSection() throws Exception {
    List<byte[]> s = canonicalSections();
    s.remove(5); // coreinstances
    s.remove(4); // coremodules (frames' instance indices go unchecked)
    s.remove(2); // global
    CanonicalCheck.Result r = check(file(s.toArray(new byte[0][])));
    assertEquals(3, r.reasons().size(), r.reasons()::toString);
    for (CanonicalCheck.Reason reason : r.reasons()) {
      assertEquals(CanonicalCheck.Code.MISSING_SECTION, reason.code());
    }
    assertTrue(r.reasons().get(0).message().contains("no global section"));
  }

  @Test
  void reportsSectionOrder() throws Exception {
    List<byte[]> s = canonicalSections();
    s.add(s.remove(0)); // core last
    assertOnly(
        check(file(s.toArray(new byte[0][]))), CanonicalCheck.Code.SECTION_ORDER,
        "sections in order memory, global, data, coremodules, coreinstances, corestack, core");
  }

  @Test
  void reportsForeignCustomSection() throws Exception {
    byte[] in = Bytes.concat(CoreDumpEncoder.encode(Dumps.small()), custom("name", "00"));
    assertOnly(
        check(in), CanonicalCheck.Code.FOREIGN_SECTION,
        "1 custom section a canonical dump has not: \"name\" (module, function and local names)"
            + " at 0x");
  }

  @Test
  void reportsMutableGlobal() throws Exception {
    CoreDump d =
        CoreDump.builder("p").build();
    CoreDump.Builder b = CoreDump.builder("p");
    b.addGlobal(Global.i32(1));
    b.addGlobal(Global.i64(2).withMutable(true));
    assertOnly(check(CoreDumpEncoder.encode(b.build())), CanonicalCheck.Code.MUTABLE_GLOBAL, "global 1");
    assertTrue(check(CoreDumpEncoder.encode(d)).isCanonical());
  }

  @Test
  void reportsAbsentPlaceholder() throws Exception {
    CoreDump.Builder b = CoreDump.builder("p");
    b.addModule("m");
    b.addInstance(new Instance(0, List.of(Instance.ABSENT), List.of()));
    assertOnly(
        check(CoreDumpEncoder.encode(b.build())), CanonicalCheck.Code.ABSENT_INDEX,
        "instance 0 memory 0");
  }

  @Test
  void reportsDataLayoutOfOneBigSegment() throws Exception {
    // bytes at 0 and 5000: canonically two segments; here one segment of 5001 bytes
    byte[] big = new byte[5001];
    big[0] = 1;
    big[5000] = 2;
    byte[] data =
        Bytes.concat(
            Bytes.hex("0b"), Leb128.encodeU32(1 + 1 + 1 + 1 + 1 + 2 + big.length),
            Bytes.hex("01 00 41 00 0b"), Leb128.encodeU32(big.length), big);
    byte[] in =
        file(
            custom("core", "00 01 70"), section(5, "01 00 01"), section(6, "00"), data,
            custom("coremodules", "00"), custom("coreinstances", "00"));
    assertOnly(
        check(in), CanonicalCheck.Code.DATA_LAYOUT,
        "1 data segment where the canonical layout (4096-byte chunks, zero chunks skipped, "
            + "zeros trimmed) has 2; first difference at segment 0");
  }

  @Test
  void reportsUntrimmedSegment() throws Exception {
    byte[] in =
        file(
            custom("core", "00 01 70"), section(5, "01 00 01"), section(6, "00"),
            section(11, "01 00 41 00 0b 02 00 05"),
            custom("coremodules", "00"), custom("coreinstances", "00"));
    assertOnly(check(in), CanonicalCheck.Code.DATA_LAYOUT, "first difference at segment 0");
  }

  @Test
  void reportsExplicitMemoryZeroHeader() throws Exception {
    byte[] in =
        file(
            custom("core", "00 01 70"), section(5, "01 00 01"), section(6, "00"),
            section(11, "01 02 00 41 00 0b 01 05"),
            custom("coremodules", "00"), custom("coreinstances", "00"));
    assertOnly(check(in), CanonicalCheck.Code.DATA_SEGMENT_HEADER, "explicit 0x02 0x00 header");
  }

  @Test
  void reportsNonMinimalLeb() throws Exception {
    CoreDump.Builder b = CoreDump.builder("p");
    b.addMemory(Memory.of(MemoryContents.zeros(Memory.PAGE_SIZE), OptionalLong.empty()));
    byte[] canonical = CoreDumpEncoder.encode(b.build());
    // core section is 8..17 (00 08 04 core 00 01 70); memory section at 18: "05 03 01 00 01";
    // rewrite its min (offset 22) as "81 00" and its size as 4
    assertEquals("05 03 01 00 01", Bytes.toHex(java.util.Arrays.copyOfRange(canonical, 18, 23)));
    byte[] in =
        Bytes.concat(
            java.util.Arrays.copyOfRange(canonical, 0, 18), Bytes.hex("05 04 01 00 81 00"),
            java.util.Arrays.copyOfRange(canonical, 23, canonical.length));
    assertOnly(check(in), CanonicalCheck.Code.NON_MINIMAL_LEB, "at: 0x16");
  }

  @Test
  void listsEveryReasonOfAWasmtimeStyleDump() throws Exception {
    CoreDump.Builder b = CoreDump.builder("w");
    b.addModule("m");
    b.addGlobal(Global.i32(1).withMutable(true));
    b.addInstance(new Instance(0, List.of(Instance.ABSENT), List.of(0)));
    List<byte[]> s = new ArrayList<>(Bytes.sections(CoreDumpEncoder.encode(b.build())));
    s.add(custom("extra", ""));
    s.add(0, s.remove(4)); // coremodules first
    CanonicalCheck.Result r = check(file(s.toArray(new byte[0][])));
    assertEquals(
        List.of(
            CanonicalCheck.Code.SECTION_ORDER, CanonicalCheck.Code.FOREIGN_SECTION,
            CanonicalCheck.Code.MUTABLE_GLOBAL, CanonicalCheck.Code.ABSENT_INDEX),
        r.reasons().stream().map(CanonicalCheck.Reason::code).collect(java.util.stream.Collectors.toList()));
  }
}
