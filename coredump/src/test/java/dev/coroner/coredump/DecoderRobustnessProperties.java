package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged encodings either decode or fail with the decoder's own exception, whose offset lies in
 * the input; nothing else escapes (no IndexOutOfBounds, no OutOfMemory, no IllegalArgument).
 */
class DecoderRobustnessProperties {

  static final int EXAMPLES = 1500;

  private static void assertDecodesOrFailsCleanly(byte[] input) {
    try {
      DecodedCoreDump d = CoreDumpDecoder.decodeWithFacts(input);
      CanonicalCheck.check(d, input);
      CoreDumpText.render(d.dump());
    } catch (CoreDumpFormatException e) {
      assertTrue(
          e.offset() >= 0 && e.offset() <= input.length,
          () -> "offset " + e.offset() + " outside input of " + input.length + ": " + e.getMessage());
    } catch (RuntimeException | Error e) {
      fail("unexpected " + e + " for input " + Bytes.toHex(Arrays.copyOf(input, Math.min(input.length, 200))), e);
    }
  }

  private static byte[] valid(long seed) {
    return CoreDumpEncoder.encode(RandomDumps.generate(seed, 1));
  }

  @Test
  void flippedBytesDecodeOrFailCleanly() {
    ExampleCount.forAllSeeds("DecoderRobustnessProperties.flippedBytesDecodeOrFailCleanly", EXAMPLES, seed -> {
      Random r = new Random(seed);
      byte[] b = valid(seed);
      for (int i = 1 + r.nextInt(3); i > 0; i--) {
        int at = r.nextInt(b.length);
        b[at] = r.nextBoolean() ? (byte) (b[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt();
      }
      assertDecodesOrFailsCleanly(b);
    });
  }

  @Test
  void truncationsDecodeOrFailCleanly() {
    ExampleCount.forAllSeeds("DecoderRobustnessProperties.truncationsDecodeOrFailCleanly", EXAMPLES, seed -> {
      Random r = new Random(seed);
      byte[] b = valid(seed);
      assertDecodesOrFailsCleanly(Arrays.copyOf(b, r.nextInt(b.length)));
    });
  }

  @Test
  void insertionsDecodeOrFailCleanly() {
    ExampleCount.forAllSeeds("DecoderRobustnessProperties.insertionsDecodeOrFailCleanly", EXAMPLES, seed -> {
      Random r = new Random(seed);
      byte[] b = valid(seed);
      int at = r.nextInt(b.length + 1);
      byte[] extra = new byte[1 + r.nextInt(6)];
      r.nextBytes(extra);
      if (r.nextBoolean()) {
        extra[0] = (byte) 0xFF; // a large LEB count or size is a classic
      }
      assertDecodesOrFailsCleanly(
          Bytes.concat(Arrays.copyOf(b, at), extra, Arrays.copyOfRange(b, at, b.length)));
    });
  }
}
