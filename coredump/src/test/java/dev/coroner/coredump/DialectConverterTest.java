package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Converting between layouts: what is kept, and every note about what is not. */
class DialectConverterTest {

  private static boolean hasNote(DialectConverter.Result r, String start) {
    return r.notes().stream().anyMatch(n -> n.startsWith(start));
  }

  @Test
  void aCanonicalSpecDumpConvertsToItselfWithoutNotes() throws Exception {
    byte[] in = CoreDumpEncoder.encode(Dumps.small());
    DialectConverter.Result r = DialectConverter.convert(in, Dialect.SPEC);
    assertArrayEquals(in, r.bytes());
    assertEquals(List.of(), r.notes());
    assertEquals(Dialect.SPEC, r.from());
  }

  @Test
  void fixedU32BecomesAValidCanonicalSpecDumpAndSaysWhatIsUnknown() throws Exception {
    DialectConverter.Result r = DialectConverter.convert(DialectTest.FIXED_U32, Dialect.SPEC);
    assertEquals(Dialect.FIXED_U32, r.from());
    DecodedCoreDump out = CoreDumpDecoder.decodeWithFacts(r.bytes());
    assertTrue(CanonicalCheck.check(out, r.bytes()).isCanonical());
    CoreDump d = out.dump();
    assertEquals(List.of(DialectConverter.UNKNOWN_MODULE), d.modules());
    assertEquals(List.of(new Instance(0, List.of(), List.of())), d.instances());
    assertEquals(
        new Frame(0, 3, 0x40, List.of(Value.i32(42)), List.of()), d.threads().get(0).frames().get(0));
    assertTrue(hasNote(r, "instance index unknown: written as 0 (1 frame; the fixed-u32 layout has none)"), r::toString);
    assertTrue(hasNote(r, "no coreinstances section: wrote instance 0 of module 0 \"<unknown-module>\""), r::toString);
    assertTrue(hasNote(r, "operand stacks unknown (the fixed-u32 layout"), r::toString);
    assertTrue(hasNote(r, "code offsets copied as written"), r::toString);
    assertEquals(4, r.notes().size(), r::toString);
  }

  @Test
  void framesNamingNoInstanceArePointedAtTheOneWritten() throws Exception {
    // xtuc's builder: spec frames naming instances 321 and 123, but no coreinstances section
    byte[] in =
        file(
            custom("core", "00 01 61"),
            custom("corestack", DialectTest.MAIN + " 02 00 c1 02 05 07 00 00 00 7b 00 09 00 00"),
            section(5, "01 00 00"));
    DialectConverter.Result r = DialectConverter.convert(in, Dialect.SPEC);
    assertEquals(Dialect.SPEC, r.from());
    assertTrue(hasNote(r, "frame instance indices 123, 321 named no instance"), r::toString);
    CoreDump d = CoreDumpDecoder.decode(r.bytes());
    assertEquals(List.of(new Instance(0, List.of(0), List.of())), d.instances());
    assertEquals(0, d.threads().get(0).frames().get(1).instanceIndex());
  }

  @Test
  void toWasmgdbDropsOperandStacksAndSaysHowMany() throws Exception {
    DialectConverter.Result r =
        DialectConverter.convert(CoreDumpEncoder.encode(Dumps.small()), Dialect.WASMGDB);
    assertEquals(
        List.of("operand stacks dropped: wasmgdb reads no operand stack values (2 values in 1 frame)"),
        r.notes());
    assertEquals(Optional.of(Dialect.WASMGDB), Dialect.detect(r.bytes()));
    CoreDump back = CoreDumpDecoder.decodeWithFacts(r.bytes(), Dialect.WASMGDB).dump();
    assertEquals(List.of(), back.threads().get(0).frames().get(0).stack());
    assertEquals(Dumps.small().threads().get(0).frames().get(0).locals(),
        back.threads().get(0).frames().get(0).locals());
  }

  @Test
  void wasmgdbConvertsBackToSpec() throws Exception {
    DialectConverter.Result r = DialectConverter.convert(DialectTest.WASMGDB, Dialect.SPEC);
    assertEquals(Dialect.WASMGDB, r.from());
    CoreDump d = CoreDumpDecoder.decode(r.bytes());
    assertEquals(
        new Frame(0, 1, 2, List.of(Value.i32(0x12345678)), List.of(Value.i64(-1))),
        d.threads().get(0).frames().get(0));
    assertTrue(hasNote(r, "no core section: the process name is unknown; written as \"\""));
  }

  @Test
  void anInvalidInputKeepsTheDecodersError() {
    CoreDumpFormatException e =
        assertThrows(
            CoreDumpFormatException.class,
            () -> DialectConverter.convert(Bytes.hex("00 61 73 6d 02 00 00 00"), Dialect.SPEC));
    assertEquals(4, e.offset());
  }
}
