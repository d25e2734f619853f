package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.hex;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One test per error kind the decoder reports: the message names the problem and the offset is
 * the exact byte. Offsets are absolute; the header takes bytes 0..7.
 */
class DecoderErrorsTest {

  private static void assertRejected(byte[] input, long offset, String messagePart) {
    CoreDumpFormatException e =
        assertThrows(CoreDumpFormatException.class, () -> CoreDumpDecoder.decode(input));
    assertTrue(
        e.getMessage().contains(messagePart),
        () -> "message \"" + e.getMessage() + "\" lacks \"" + messagePart + "\"");
    assertEquals(offset, e.offset(), () -> "offset of: " + e.getMessage());
    assertTrue(e.getMessage().endsWith("(at offset 0x" + Long.toHexString(offset) + ")"));
  }

  @Test
  void rejectsBadMagic() {
    assertRejected(hex("00 61 73 6e 01 00 00 00"), 0, "bad magic number");
  }

  @Test
  void saysWhenTheBytesAreABareCoredumpSection() {
    // size 0x1b, name "corestack", payload: what a byte vector copied from an encoder test holds
    byte[] bare = hex("1b 09 63 6f 72 65 73 74 61 63 6b 00 04 6d 61 69 6e 01 00 00 2a 33 01 7f 01 01 7f 02");
    assertRejected(
        bare, 0,
        "not a Wasm binary: bad magic number (expected 00 61 73 6d); the bytes look like a bare"
            + " \"corestack\" custom section (size, name, payload) without the module header and"
            + " section id");
  }

  /** A Wasm file without any coredump section is not a coredump, even when well formed. */
  @Test
  void rejectsAFileWithoutCoredumpSections() {
    assertRejected(
        hex(Bytes.HEADER), 8, "not a coredump: no core, coremodules, coreinstances or corestack section");
    // a module: type (8..13), function (14..17), code (18..23), custom "name" (24..30): reported
    // at its end, 31
    byte[] module =
        file(section(1, "01 60 00 00"), section(3, "01 00"), section(10, "01 02 00 0b"), custom("name", ""));
    assertRejected(
        module, 31,
        "not a coredump: no core, coremodules, coreinstances or corestack section (a Wasm module"
            + " with code: give its coredump instead)");
  }

  @Test
  void rejectsBadVersion() {
    assertRejected(hex("00 61 73 6d 02 00 00 00"), 4, "unsupported Wasm binary version");
  }

  @Test
  void rejectsTruncatedHeader() {
    assertRejected(hex("00 61 73"), 3, "unexpected end of input while reading magic number");
  }

  @Test
  void rejectsSectionSizePastEnd() {
    // 8: id 00, 9: size 5, but only 4 bytes (10..13) follow
    assertRejected(file(hex("00 05 04 63 6f 72")), 9, "section size 5 extends past the end of the input (4 bytes left)");
  }

  @Test
  void rejectsNonZeroFrameLeadByte() {
    // 8: id, 9: size, 10: name "corestack" (10 bytes), 20: 00, 21: "main" (5), 26: count 1,
    // 27: frame lead byte 05
    byte[] in = file(custom("corestack", "00 04 6d 61 69 6e 01 05 00 00 00 00 00"));
    assertRejected(in, 0x1b, "invalid lead byte 0x05 for frame, expected 0x00");
  }

  @Test
  void rejectsNonZeroCoreLeadByte() {
    // 8: id, 9: size, 10: name "core" (5 bytes), 15: lead byte 01
    assertRejected(file(custom("core", "01 04 74 65 73 74")), 15, "invalid lead byte 0x01 for core section");
  }

  @Test
  void rejectsUnknownValueTag() {
    // ... 26: count 1, 27: frame 00, 28: instance, 29: func, 30: offset, 31: locals count 1,
    // 32: tag 05
    byte[] in = file(custom("corestack", "00 04 6d 61 69 6e 01 00 00 2a 33 01 05 00"));
    assertRejected(in, 32, "unknown value tag 0x05");
  }

  @Test
  void rejectsOverlongLeb() {
    // 8: id, 9..13: six-byte u32 section size; the fifth byte (13) still continues
    assertRejected(
        file(hex("00 80 80 80 80 80 00")), 13, "invalid u32 LEB128 for section size: representation too long");
  }

  @Test
  void rejectsLebWithUnusedBitsSet() {
    // the fifth byte (13) of a u32 may only use its low 4 bits
    assertRejected(
        file(hex("00 ff ff ff ff 1f")), 13, "invalid u32 LEB128 for section size: integer too large");
  }

  @Test
  void rejectsSignedLebWithBadSignBits() {
    // memory section 8..12 (1 page); data at 13: 14 size, 15 count, 16 flags, 17 i32.const,
    // 18..22 s32 whose fifth byte 22 (0x17) does not sign-extend bit 3
    byte[] in =
        file(section(5, "01 00 01"), section(11, "01 00 41 80 80 80 80 17 0b 00"));
    assertRejected(in, 22, "invalid s32 LEB128 for i32.const offset: integer too large");
  }

  @Test
  void rejectsInvalidUtf8InName() {
    // 8: id, 9: size, 10: "core", 15: 00, 16: length 4, 17: 't', 18: 0xff
    assertRejected(file(custom("core", "00 04 74 ff 74 74")), 18, "invalid UTF-8 in executable name");
  }

  @Test
  void rejectsInvalidUtf8InCustomSectionName() {
    // 8: id, 9: size, 10: length 2, 11: 0xc3 not followed by a continuation byte
    assertRejected(file(hex("00 03 02 c3 28")), 11, "invalid UTF-8 in custom section name");
  }

  @Test
  void rejectsTrailingBytesAfterPayload() {
    // 8: id, 9: size, 10: "core", 15: 00, 16: "test" (5), 21: stray byte
    assertRejected(
        file(custom("core", "00 04 74 65 73 74 99")), 21, "1 trailing byte after core section payload");
  }

  @Test
  void rejectsDuplicateCore() {
    byte[] core = custom("core", "00 01 61"); // 10 bytes: second starts at 8 + 10 = 18
    assertRejected(file(core, core), 18, "duplicate core section");
  }

  @Test
  void rejectsDuplicateCoreModules() {
    byte[] mods = custom("coremodules", "00"); // 15 bytes
    assertRejected(file(mods, mods), 23, "duplicate coremodules section");
  }

  @Test
  void rejectsDuplicateCoreInstances() {
    byte[] insts = custom("coreinstances", "00"); // 17 bytes
    assertRejected(file(insts, insts), 25, "duplicate coreinstances section");
  }

  @Test
  void rejectsModuleIndexOutOfRange() {
    // coremodules (empty) 8..22; coreinstances at 23: 24 size, 25 name (14), 39 count, 40 00,
    // 41 module index 0
    byte[] in = file(custom("coremodules", "00"), custom("coreinstances", "01 00 00 00 00"));
    assertRejected(in, 41, "module index 0 out of range (0 modules)");
  }

  @Test
  void rejectsInstanceIndexOutOfRange() {
    // coremodules (empty) 8..22; coreinstances (empty) 23..39; corestack at 40: 41 size,
    // 42 name (10), 52 00, 53 "main" (5), 58 count, 59 frame 00, 60 instance index 3
    byte[] in =
        file(
            custom("coremodules", "00"),
            custom("coreinstances", "00"),
            custom("corestack", "00 04 6d 61 69 6e 01 00 03 00 00 00 00"));
    assertRejected(in, 60, "instance index 3 out of range (0 instances)");
  }

  /** "memories", not "memorys": every index space's plural is spelled out. */
  @Test
  void rejectsMemoryIndexOutOfRangeWithPlural() {
    // coremodules ["m"] 8..25; coreinstances at 26: 27 size, 28 name (14), 42 count, 43 00,
    // 44 module, 45 memory count, 46 memory index 0 (of no memory section at all)
    byte[] in =
        file(custom("coremodules", "01 00 01 6d"), custom("coreinstances", "01 00 00 01 00 00"));
    assertRejected(in, 46, "memory index 0 out of range (0 memories)");
  }

  @Test
  void rejectsMemoryIndexOutOfRange() {
    // memory section 8..12 (one memory); coremodules ["m"] 13..30; coreinstances at 31: 32 size,
    // 33 name (14), 47 count, 48 00, 49 module, 50 memory count, 51 memory index 1
    byte[] in =
        file(
            section(5, "01 00 00"),
            custom("coremodules", "01 00 01 6d"),
            custom("coreinstances", "01 00 00 01 01 00"));
    assertRejected(in, 51, "memory index 1 out of range (1 memory)");
  }

  @Test
  void rejectsGlobalIndexOutOfRange() {
    // coremodules ["m"] 8..25; coreinstances at 26: 27 size, 28 name (14), 42 count, 43 00,
    // 44 module, 45 no memories, 46 global count, 47 global index 0x80 0x01 (128)
    byte[] in =
        file(custom("coremodules", "01 00 01 6d"), custom("coreinstances", "01 00 00 00 01 80 01"));
    assertRejected(in, 47, "global index 128 out of range (0 globals)");
  }

  /** Always an error, even with no module index to check: the instances name nothing. */
  @Test
  void rejectsCoreInstancesWithoutCoreModules() {
    // core 8..17; coreinstances (empty) at 18
    byte[] in = file(custom("core", "00 01 61"), custom("coreinstances", "00"));
    assertRejected(
        in, 18,
        "coreinstances section without a coremodules section: its module indices point at"
            + " nothing");
    // Wherever the coremodules section would be, and with instances in it.
    byte[] later = file(custom("coreinstances", "01 00 00 00 00"), custom("core", "00 01 61"));
    assertRejected(later, 8, "coreinstances section without a coremodules section");
  }

  @Test
  void rejectsDataSegmentForMissingMemory() {
    // memory section 8..12; data at 13: 14 size, 15 count, 16 flags 02, 17 memory index 1
    byte[] in = file(section(5, "01 00 00"), section(11, "01 02 01 41 00 0b 00"));
    assertRejected(in, 17, "memory index 1 out of range (1 memory)");
  }

  @Test
  void rejectsDataSegmentOutsideMemory() {
    // memory section 8..12 (1 page); data at 13: 14 size, 15 count, 16 segment at 0xffff, 2 bytes
    byte[] in =
        file(section(5, "01 00 01"), section(11, "01 00 41 ff ff 03 0b 02 01 02"));
    assertRejected(
        in, 16, "data segment [0xffff, 0x10001) (2 bytes) lies outside memory 0 of 65536 bytes");
  }

  @Test
  void rejectsPassiveDataSegment() {
    // memory section 8..12; data at 13: 14 size, 15 count, 16 flags 01
    byte[] in = file(section(5, "01 00 01"), section(11, "01 01 05 01 02 03 04 05"));
    assertRejected(in, 16, "passive data segment");
  }

  @Test
  void rejectsWrongOffsetExpressionForMemoryIndexType() {
    // memory64 memory (8..12); data at 13: 14 size, 15 count, 16 flags, 17 i32.const
    byte[] in = file(section(5, "01 04 01"), section(11, "01 00 41 00 0b 01 07"));
    assertRejected(in, 17, "invalid offset expression opcode 0x41 for a 64-bit memory");
  }

  @Test
  void rejectsUnknownSectionId() {
    // 14 is past the last section id of Wasm 3.0 (13, tag)
    assertRejected(file(section(14, "00")), 8, "unknown section id 0x0e");
  }

  @Test
  void rejectsKnownSectionsOutOfOrder() {
    // global (8..10) then memory at 11
    assertRejected(
        file(section(6, "00"), section(5, "00")), 11,
        "memory section out of order (after the global section; the Wasm order is type, import,");
  }

  @Test
  void rejectsOtherStandardSectionsOutOfWasmOrder() {
    // A type section is allowed (and skipped), but not after the memory section.
    assertRejected(file(section(5, "00"), section(1, "00")), 11, "type section out of order");
    // datacount (12) comes before data (11) in the Wasm order, tag (13) before global (6).
    assertRejected(file(section(11, "00"), section(12, "00")), 11, "datacount section out of order");
    assertRejected(file(section(6, "00"), section(13, "00")), 11, "tag section out of order");
  }

  @Test
  void rejectsDuplicateKnownSection() {
    assertRejected(file(section(5, "00"), section(5, "00")), 11, "duplicate memory section");
  }

  @Test
  void rejectsCountLargerThanRemainingBytes() {
    // coremodules at 8: 9 size, 10 name (12), 22 count 1000 (2 bytes) with 0 bytes left
    assertRejected(
        file(custom("coremodules", "e8 07")), 22, "module count 1000 too large (only 0 bytes left");
  }

  @Test
  void rejectsCountAboveLimit() {
    // memory count u32 max: above Limits.MAX_MEMORIES
    assertRejected(
        file(section(5, "ff ff ff ff 0f")), 10, "memory count 4294967295 too large (limit 100000)");
  }

  @Test
  void rejectsTruncatedSectionContent() {
    // core payload: 00, name length 5 but only 4 bytes in the section; section ends at 21
    assertRejected(
        file(custom("core", "00 05 74 65 73 74")), 21, "unexpected end of core section while reading executable name");
  }

  @Test
  void rejectsUnknownGlobalType() {
    // global section at 8: 9 size, 10 count, 11 type 0x55
    assertRejected(file(section(6, "01 55 00 41 00 0b")), 11, "unknown global type 0x55");
  }

  @Test
  void rejectsGlobalInitOfWrongType() {
    // 11 type i64, 12 mutability, 13 i32.const
    assertRejected(
        file(section(6, "01 7e 00 41 00 0b")), 13, "constant of type i32 initializes a global of type i64");
  }

  @Test
  void rejectsMissingEndOfConstantExpression() {
    // 10 count, 11 type, 12 mutability, 13 i32.const, 14 value, 15: 0x0c instead of end
    assertRejected(
        file(section(6, "01 7f 00 41 00 0c")), 15, "invalid lead byte 0x0c for end of constant expression, expected 0x0b");
  }

  @Test
  void rejectsUnknownMemoryFlags() {
    assertRejected(file(section(5, "01 08 00")), 11, "unknown memory limits flags 0x08");
  }

  @Test
  void rejectsMemoryMinimumAboveMaximum() {
    // 11 flags (has max), 12 min 2, 13 max 1
    assertRejected(file(section(5, "01 01 02 01")), 13, "memory minimum 2 pages exceeds its maximum 1");
  }

  @Test
  void rejectsTooManyPagesForMemory32() {
    assertRejected(
        file(section(5, "01 00 81 80 04")), 12, "memory minimum 65537 too large (a 32-bit memory has at most 65536 pages)");
  }
}
