package dev.coroner.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteExcerptTest {

  /** Header, then custom section "core" (id 0x00 at 0x8, size 7) holding the payload 00 01. */
  private static final byte[] CORE = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // 0x0: \0asm, version 1
    0x00, // 0x8: section id 0 (custom)
    0x07, // 0x9: section size 7
    0x04, 'c', 'o', 'r', 'e', // 0xa: name "core" (length, then 0xb..0xe)
    0x00, 0x01 // 0xf: payload bytes 0x0 and 0x1
  };

  private static String at(int offset) {
    byte[] other = CORE.clone();
    other[offset] ^= 0x01;
    return ByteExcerpt.describe(CORE, other).lines().findFirst().orElseThrow();
  }

  @Test
  void payloadBytesCountFromTheEndOfACustomSectionsName() {
    assertEquals(
        "first differing byte at offset 0x10 (custom section \"core\" at [0x8, 0x11), payload"
            + " byte 0x1)",
        at(0x10));
    assertTrue(at(0xf).endsWith("payload byte 0x0)"), at(0xf));
  }

  @Test
  void namesTheSectionsOwnBytes() {
    assertTrue(at(0x8).endsWith("section id)"), at(0x8));
    assertTrue(at(0x9).endsWith("section size)"), at(0x9));
    assertTrue(at(0xa).endsWith("section name)"), at(0xa));
    assertTrue(at(0xc).endsWith("section name)"), at(0xc));
    assertTrue(at(0x2).endsWith("(module header)"), at(0x2));
  }

  @Test
  void rangesAreHalfOpenAndHex() {
    assertEquals("[0x100, 0x105)", ByteExcerpt.range(0x100, 0x105));
  }
}
