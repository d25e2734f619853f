package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.hex;
import static dev.coroner.coredump.Bytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The public vectors of the format doc, section D (from wasm-encoder's tests), both ways. */
class SectionVectorsTest {

  private static final String CORE =
      "0b" // section size 11
          + " 04 63 6f 72 65" // name "core"
          + " 00" // lead byte
          + " 04 74 65 73 74"; // executable name "test"

  private static final String COREMODULES =
      "19" // section size 25
          + " 0b 63 6f 72 65 6d 6f 64 75 6c 65 73" // name "coremodules"
          + " 02" // two modules
          + " 00 04 6d 6f 64 31" // 0x00 "mod1"
          + " 00 04 6d 6f 64 32"; // 0x00 "mod2"

  private static final String COREINSTANCES =
      "15" // section size 21
          + " 0d 63 6f 72 65 69 6e 73 74 61 6e 63 65 73" // name "coreinstances"
          + " 01" // one instance
          + " 00 00" // lead byte, module 0
          + " 01 2a" // memories [42]
          + " 01 11"; // globals [17]

  private static final String CORESTACK =
      "1b" // section size 27
          + " 09 63 6f 72 65 73 74 61 63 6b" // name "corestack"
          + " 00 04 6d 61 69 6e" // lead byte, thread "main"
          + " 01" // one frame
          + " 00 00 2a 33" // lead byte, instance 0, func 42, code offset 51
          + " 01 7f 01" // locals [i32 1]
          + " 01 7f 02"; // stack [i32 2]

  private static final String CORESTACK_PAYLOAD =
      "00 04 6d 61 69 6e" // lead byte, thread "main"
          + " 01 00 04 2a 33" // one frame: lead byte, instance 4, func 42, code offset 51
          + " 01 7f 01 01 7f 02"; // locals [i32 1], stack [i32 2]

  private static final CoreStack MAIN_STACK =
      new CoreStack(
          "main", List.of(new Frame(0, 42, 51, List.of(Value.i32(1)), List.of(Value.i32(2)))));

  private static byte[] encoded(java.util.function.Consumer<ByteSink> encoder) {
    ByteSink.Growable sink = ByteSink.growable();
    encoder.accept(sink);
    return sink.toByteArray();
  }

  /** A reader over the payload of one custom section given from its size field on. */
  private static ByteReader payload(String fromSize, String expectedName) throws Exception {
    ByteReader r = new ByteReader(hex(fromSize));
    long size = Integer.toUnsignedLong(r.readU32("size"));
    ByteReader section = r.slice(size, 0, "section");
    r.expectEnd("vector");
    assertEquals(expectedName, section.readName("name"));
    return section;
  }

  @Test
  void encodesCoreVector() {
    assertEquals("00 " + CORE, toHex(encoded(s -> CoreSection.encodeTo(s, "test"))));
  }

  @Test
  void decodesCoreVector() throws Exception {
    assertEquals("test", CoreSection.decode(payload(CORE, "core")));
    byte[] file = Bytes.file(hex("00 " + CORE));
    assertEquals(java.util.Optional.of("test"), CoreDumpDecoder.decode(file).processName());
  }

  @Test
  void encodesCoreModulesVector() {
    assertEquals(
        "00 " + COREMODULES,
        toHex(encoded(s -> CoreModulesSection.encodeTo(s, List.of("mod1", "mod2")))));
  }

  @Test
  void decodesCoreModulesVector() throws Exception {
    assertEquals(
        List.of("mod1", "mod2"), CoreModulesSection.decode(payload(COREMODULES, "coremodules")));
    byte[] file = Bytes.file(hex("00 " + COREMODULES));
    assertEquals(List.of("mod1", "mod2"), CoreDumpDecoder.decode(file).modules());
  }

  @Test
  void encodesCoreInstancesVector() {
    Instance inst = new Instance(0, List.of(42), List.of(17));
    assertEquals(
        "00 " + COREINSTANCES,
        toHex(encoded(s -> CoreInstancesSection.encodeTo(s, List.of(inst)))));
  }

  @Test
  void decodesCoreInstancesVector() throws Exception {
    assertEquals(
        List.of(new Instance(0, List.of(42), List.of(17))),
        CoreInstancesSection.decode(payload(COREINSTANCES, "coreinstances"), new IndexRefs()));
  }

  @Test
  void encodesCoreStackVector() {
    assertEquals("00 " + CORESTACK, toHex(encoded(s -> CoreStackSection.encodeTo(s, MAIN_STACK))));
  }

  @Test
  void decodesCoreStackVector() throws Exception {
    assertEquals(
        MAIN_STACK, CoreStackSection.decode(payload(CORESTACK, "corestack"), new IndexRefs()));
  }

  @Test
  void encodesCoreStackPayloadVector() {
    CoreStack stack =
        new CoreStack(
            "main", List.of(new Frame(4, 42, 51, List.of(Value.i32(1)), List.of(Value.i32(2)))));
    assertEquals(
        CORESTACK_PAYLOAD, toHex(encoded(s -> CoreStackSection.encodePayload(s, stack))));
  }

  @Test
  void decodesCoreStackPayloadVector() throws Exception {
    CoreStack stack = CoreStackSection.decode(new ByteReader(hex(CORESTACK_PAYLOAD)), new IndexRefs());
    assertEquals(
        new CoreStack(
            "main", List.of(new Frame(4, 42, 51, List.of(Value.i32(1)), List.of(Value.i32(2))))),
        stack);
  }

  @Test
  void decodesWholeFileBuiltFromVectors() throws Exception {
    // coremodules with one module and an instance of it whose memory/global lists are empty, so
    // the cross-section index checks pass; then the corestack vector (instance 0).
    byte[] file =
        Bytes.file(
            hex("00 " + CORE),
            Bytes.custom("coremodules", "01 00 01 6d"),
            Bytes.custom("coreinstances", "01 00 00 00 00"),
            hex("00 " + CORESTACK));
    CoreDump dump = CoreDumpDecoder.decode(file);
    assertEquals(List.of(MAIN_STACK), dump.threads());
    assertEquals(List.of("m"), dump.modules());
  }

  @Test
  void encodesSignedLebReferenceValues() {
    assertEquals("00", toHex(Leb128.encodeS32(0)));
    assertEquals("01", toHex(Leb128.encodeS32(1)));
    assertEquals("7f", toHex(Leb128.encodeS32(-1)));
    assertEquals("3f", toHex(Leb128.encodeS32(63)));
    assertEquals("c0 00", toHex(Leb128.encodeS32(64)));
    assertEquals("40", toHex(Leb128.encodeS32(-64)));
    assertEquals("bf 7f", toHex(Leb128.encodeS32(-65)));
    assertEquals("ff 00", toHex(Leb128.encodeS32(127)));
    assertEquals("80 01", toHex(Leb128.encodeS32(128)));
    assertEquals("ff ff ff ff 07", toHex(Leb128.encodeS32(Integer.MAX_VALUE)));
    assertEquals("80 80 80 80 78", toHex(Leb128.encodeS32(Integer.MIN_VALUE)));
    assertEquals("ff ff ff ff 0f", toHex(Leb128.encodeU32(-1)));
  }

  @Test
  void decodesSignedLebReferenceValues() throws Exception {
    assertEquals(0, Leb128.decodeS32(hex("00")));
    assertEquals(1, Leb128.decodeS32(hex("01")));
    assertEquals(-1, Leb128.decodeS32(hex("7f")));
    assertEquals(63, Leb128.decodeS32(hex("3f")));
    assertEquals(64, Leb128.decodeS32(hex("c0 00")));
    assertEquals(-64, Leb128.decodeS32(hex("40")));
    assertEquals(-65, Leb128.decodeS32(hex("bf 7f")));
    assertEquals(127, Leb128.decodeS32(hex("ff 00")));
    assertEquals(128, Leb128.decodeS32(hex("80 01")));
    assertEquals(Integer.MAX_VALUE, Leb128.decodeS32(hex("ff ff ff ff 07")));
    assertEquals(Integer.MIN_VALUE, Leb128.decodeS32(hex("80 80 80 80 78")));
    assertEquals(-1, Leb128.decodeU32(hex("ff ff ff ff 0f")));
  }
}
