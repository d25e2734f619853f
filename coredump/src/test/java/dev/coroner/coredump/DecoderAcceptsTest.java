package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.hex;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Valid dumps from other producers, and layouts the canonical encoder never writes. */
class DecoderAcceptsTest {

  @Test
  void roundTripsTheSmallDump() throws Exception {
    CoreDump d = Dumps.small();
    assertEquals(d, CoreDumpDecoder.decode(CoreDumpEncoder.encode(d)));
    assertEquals(d, CoreDumpDecoder.decode(new ByteArrayInputStream(CoreDumpEncoder.encode(d))));
  }

  @Test
  void acceptsWasmtimeStyleMutableGlobalsAndAbsentPlaceholders() throws Exception {
    CoreDump.Builder b = CoreDump.builder("wasmtime");
    b.addModule("m");
    b.addGlobal(Global.i32(5).withMutable(true));
    b.addInstance(
        new Instance(0, List.of(Instance.ABSENT), List.of(0, Instance.ABSENT)));
    b.addThread(new CoreStack("main", List.of(new Frame(0, 1, 2, List.of(), List.of()))));
    CoreDump d = b.build();
    byte[] bytes = CoreDumpEncoder.encode(d);
    CoreDump back = CoreDumpDecoder.decode(bytes);
    assertEquals(d, back);
    assertEquals(Instance.ABSENT, back.instances().get(0).memories().get(0));
    assertTrue(back.globals().get(0).mutable());
  }

  @Test
  void acceptsOldProducerWithoutModulesAndInstances() throws Exception {
    // xtuc's builder: core, corestack (frame instance 0, unchecked), memory, one data segment at 0.
    byte[] in =
        file(
            custom("core", "00 03 61 70 70"),
            custom("corestack", "00 04 6d 61 69 6e 01 00 00 05 09 00 00"),
            section(5, "01 00 01"),
            section(11, "01 00 41 00 0b 05 68 65 6c 6c 6f"));
    CoreDump d = CoreDumpDecoder.decode(in);
    assertEquals(Optional.of("app"), d.processName());
    assertEquals(List.of(), d.modules());
    assertEquals(List.of(), d.instances());
    assertEquals(0, d.threads().get(0).frames().get(0).instanceIndex());
    assertArrayEquals("hello".getBytes(), d.memories().get(0).contents().bytes(0, 5));
    assertEquals(0, d.memories().get(0).contents().get(5));
  }

  @Test
  void acceptsNonMinimalLebAndRecordsWhere() throws Exception {
    // core section size 11 written in five bytes at offset 9
    byte[] in = file(hex("00 8b 80 80 80 00 04 63 6f 72 65 00 04 74 65 73 74"));
    DecodedCoreDump d = CoreDumpDecoder.decodeWithFacts(in);
    assertEquals(Optional.of("test"), d.dump().processName());
    assertArrayEquals(new long[] {9}, d.nonMinimalLebOffsets());
  }

  @Test
  void laterOverlappingSegmentWins() throws Exception {
    byte[] in =
        file(
            section(5, "01 00 01"),
            section(11, "03 00 41 00 0b 04 01 01 01 01  00 41 02 0b 01 02  00 41 03 0b 02 03 03"),
            custom("corestack", "00 00 00"));
    MemoryContents c = CoreDumpDecoder.decode(in).memories().get(0).contents();
    assertArrayEquals(hex("01 01 02 03 03 00"), c.bytes(0, 6));
    SegmentedMemoryContents s = assertInstanceOf(SegmentedMemoryContents.class, c);
    assertEquals(3, s.runs().size());
  }

  @Test
  void hugeDeclaredMemoryStaysSparse() throws Exception {
    // 20 bytes declaring a 4 GiB memory: nothing of that size is allocated, and checks stay fast
    byte[] in = file(section(5, "01 00 80 80 04"), custom("coremodules", "00"));
    CoreDump d = CoreDumpDecoder.decode(in);
    Memory m = d.memories().get(0);
    assertEquals(65536, m.minPages());
    assertEquals(1L << 32, m.contents().size());
    assertEquals(1L << 32, m.contents().skipZeros(0));
    assertEquals(d, CoreDumpDecoder.decode(in));
    assertTrue(CanonicalCheck.check(in).has(CanonicalCheck.Code.MISSING_CORE));
  }

  @Test
  void skipsOtherCustomSectionsAnywhere() throws Exception {
    CoreDump d = Dumps.small();
    byte[] canonical = CoreDumpEncoder.encode(d);
    byte[] in = Bytes.concat(Bytes.file(custom("name", "01 02 03")), 
        java.util.Arrays.copyOfRange(canonical, 8, canonical.length), custom("producers", ""));
    DecodedCoreDump decoded = CoreDumpDecoder.decodeWithFacts(in);
    assertEquals(d, decoded.dump());
    assertEquals(SectionKind.OTHER_CUSTOM, decoded.sections().get(0).kind());
    assertEquals("producers", decoded.sections().get(decoded.sections().size() - 1).name());
  }

  @Test
  void acceptsMemory64AndExplicitMemoryIndex() throws Exception {
    // memory 0: 32-bit, 1 page; memory 1: memory64, 1 page, max 3; segment for memory 1 at 8
    byte[] in =
        file(
            section(5, "02 00 01 05 01 03"), section(11, "01 02 01 42 08 0b 01 2a"),
            custom("core", "00 00"));
    CoreDump d = CoreDumpDecoder.decode(in);
    Memory m = d.memories().get(1);
    assertTrue(m.memory64());
    assertEquals(OptionalLong.of(3), m.maxPages());
    assertEquals(0x2a, m.contents().get(8));
  }

  @Test
  void acceptsAnyOneCoredumpSectionAlone() throws Exception {
    CoreDump d = CoreDumpDecoder.decode(file(custom("corestack", "00 00 00")));
    assertEquals(Optional.empty(), d.processName());
    assertEquals(List.of(new CoreStack("", List.of())), d.threads());
  }

  /**
   * Decision: a standard section other than memory, global and data (type, code, ...) is valid but
   * not canonical. A coredump is a Wasm module and the format does not forbid them; wabt's
   * wasm-objdump and V8 read such files as modules too (IndependentDecoderTest).
   */
  @Test
  void acceptsOtherStandardSectionsInTheWasmOrderAndSkipsThem() throws Exception {
    byte[] canonical = CoreDumpEncoder.encode(Dumps.small());
    List<byte[]> sections = Bytes.sections(canonical);
    // type section (empty) before memory; a code section with junk contents after the globals
    sections.add(1, section(1, "00"));
    sections.add(4, section(10, "ff ff"));
    byte[] in = file(sections.toArray(new byte[0][]));
    DecodedCoreDump d = CoreDumpDecoder.decodeWithFacts(in);
    assertEquals(Dumps.small(), d.dump());
    assertEquals(SectionKind.OTHER_STANDARD, d.sections().get(1).kind());
    assertEquals("type", d.sections().get(1).name());
    assertEquals("code", d.sections().get(4).name());
    CanonicalCheck.Result r = CanonicalCheck.check(d, in);
    assertEquals(List.of(CanonicalCheck.Code.STANDARD_SECTION),
        r.reasons().stream().map(CanonicalCheck.Reason::code).toList());
    assertEquals(
        "2 standard sections a coredump does not use (valid in a Wasm module, skipped): type at"
            + " 0x" + Long.toHexString(d.sections().get(1).offset()) + ", code at 0x"
            + Long.toHexString(d.sections().get(4).offset()),
        r.reasons().get(0).message());
  }

  @Test
  void dataSectionDecodesToItsSegments() throws Exception {
    // 0: count 3; 1: memory 0 at 0 (1 byte); 7: memory 1 at 8 (2 bytes, explicit index);
    // 15: memory 0 at 2 (no bytes)
    ByteReader r = new ByteReader(hex("03 00 41 00 0b 01 aa  02 01 41 08 0b 02 bb cc  00 41 02 0b 00"));
    MemorySection.MemoryType page = new MemorySection.MemoryType(1, OptionalLong.empty(), false, false);
    List<DataSection.Segment> s = DataSection.decode(r, List.of(page, page));
    assertEquals(3, s.size());
    assertEquals(new DecodedCoreDump.DataSegment(1, 0, 0, 1, false), s.get(0).layout());
    assertEquals(new DecodedCoreDump.DataSegment(7, 1, 8, 2, true), s.get(1).layout());
    assertArrayEquals(hex("bb cc"), s.get(1).bytes());
    assertEquals(new DecodedCoreDump.DataSegment(15, 0, 2, 0, false), s.get(2).layout());
  }
}
