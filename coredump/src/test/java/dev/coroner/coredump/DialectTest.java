package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recognizing other producers' corestack layouts, on hand-written vectors. Each corestack payload
 * starts {@code 00 04 "main"} (thread name), written {@code MAIN} below.
 */
class DialectTest {

  static final String MAIN = "00 04 6d 61 69 6e";

  /** One frame without an instance index: func 5, offset 9, locals [i32 -1], no stack. */
  static final byte[] NO_INSTANCE_INDEX =
      file(custom("corestack", MAIN + " 01 | 00 05 09 | 01 7f 7f | 00"));

  /**
   * One wasmgdb frame: instance 0, func 1, offset 2, 1 local, 1 stack value; local i32 0x12345678
   * in 4 bytes, stack i64 -1 in 8 bytes.
   */
  static final byte[] WASMGDB =
      file(
          custom(
              "corestack",
              MAIN + " 01 | 00 00 01 02 01 01 | 7f 78 56 34 12 | 7e ff ff ff ff ff ff ff ff"));

  /**
   * The fixed-u32 layout: frame count 1 and the reserved 0 as 4-byte fields, then func 3, offset
   * 0x40, 1 local: i32 42 in 4 bytes.
   */
  static final byte[] FIXED_U32 =
      file(
          custom("core", "00 03 61 70 70"),
          custom(
              "corestack",
              MAIN + " 01 00 00 00 | 00 00 00 00 | 03 00 00 00 | 40 00 00 00 | 01 00 00 00"
                  + " 7f 2a 00 00 00"));

  @Test
  void specificationDumpsAreSpec() {
    assertEquals(Optional.of(Dialect.SPEC), Dialect.detect(CoreDumpEncoder.encode(Dumps.small())));
    assertEquals(Optional.of(Dialect.SPEC), Dialect.detect(Bytes.hex(Bytes.HEADER)));
  }

  @Test
  void recognizesFramesWithoutInstanceIndex() throws Exception {
    assertEquals(Optional.of(Dialect.NO_INSTANCE_INDEX), Dialect.detect(NO_INSTANCE_INDEX));
    CoreDumpFormatException spec =
        assertThrows(CoreDumpFormatException.class, () -> CoreDumpDecoder.decode(NO_INSTANCE_INDEX));
    assertTrue(spec.reason().startsWith("local count 127 too large"), spec::getMessage);
    DecodedCoreDump d = CoreDumpDecoder.decodeWithFacts(NO_INSTANCE_INDEX, Dialect.NO_INSTANCE_INDEX);
    assertEquals(Dialect.NO_INSTANCE_INDEX, d.dialect());
    assertEquals(
        new Frame(0, 5, 9, List.of(Value.i32(-1)), List.of()),
        d.dump().threads().get(0).frames().get(0));
  }

  @Test
  void recognizesTheWasmgdbLayout() throws Exception {
    assertEquals(Optional.of(Dialect.WASMGDB), Dialect.detect(WASMGDB));
    Frame f =
        CoreDumpDecoder.decodeWithFacts(WASMGDB, Dialect.WASMGDB).dump().threads().get(0).frames().get(0);
    assertEquals(new Frame(0, 1, 2, List.of(Value.i32(0x12345678)), List.of(Value.i64(-1))), f);
  }

  @Test
  void recognizesTheFixedU32Layout() throws Exception {
    assertEquals(Optional.of(Dialect.FIXED_U32), Dialect.detect(FIXED_U32));
    CoreDump d = CoreDumpDecoder.decodeWithFacts(FIXED_U32, Dialect.FIXED_U32).dump();
    assertEquals(Optional.of("app"), d.processName());
    assertEquals(
        new Frame(0, 3, 0x40, List.of(Value.i32(42)), List.of()), d.threads().get(0).frames().get(0));
  }

  @Test
  void fixedU32ReservedFieldMustBeZero() {
    byte[] bad =
        file(custom("corestack", MAIN + " 00 00 00 00 | 01 00 00 00"));
    assertEquals(Optional.empty(), Dialect.detect(bad));
    // 8: id, 9: size, 10: name (10 bytes), 20: payload, 26: count, 30: reserved field
    CoreDumpFormatException e =
        assertThrows(
            CoreDumpFormatException.class,
            () -> CoreDumpDecoder.decodeWithFacts(bad, Dialect.FIXED_U32));
    assertEquals(30, e.offset());
    assertTrue(e.reason().contains("reserved field of the fixed-u32 layout is 1, expected 0"));
  }

  @Test
  void noLayoutFitsRandomBytesInACorestack() {
    assertEquals(Optional.empty(), Dialect.detect(file(custom("corestack", "00 01 61 05 ee"))));
    assertEquals(Optional.empty(), Dialect.detect(Bytes.hex("de ad be ef")));
  }

  @Test
  void framesWithEmptyLocalsAndStacksReadAsSpec() {
    // instance 0, func 1, offset 2, no locals, no stack: the same bytes in SPEC and WASMGDB
    CoreDump.Builder b = CoreDump.builder("p");
    b.addModule("m");
    b.addInstance(new Instance(0, List.of(), List.of()));
    b.addThread(new CoreStack("main", List.of(new Frame(0, 1, 2, List.of(), List.of()))));
    CoreDump d = b.build();
    byte[] wasmgdb = CoreDumpEncoder.encode(d, Dialect.WASMGDB);
    assertEquals(Optional.of(Dialect.SPEC), Dialect.detect(wasmgdb));
    assertEquals(Bytes.toHex(CoreDumpEncoder.encode(d)), Bytes.toHex(wasmgdb));
  }

  @Test
  void idsNameTheDialects() {
    for (Dialect d : Dialect.values()) {
      assertEquals(Optional.of(d), Dialect.fromId(d.id()));
    }
    assertEquals(Optional.empty(), Dialect.fromId("wasmtime"));
    assertEquals(
        "the wasmgdb layout (both counts before the values, fixed-width i32/i64)",
        Dialect.WASMGDB.description());
  }
}
