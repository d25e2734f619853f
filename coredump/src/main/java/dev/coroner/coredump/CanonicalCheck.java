package dev.coroner.coredump;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether coredump bytes are in this project's canonical form (format doc, section B), and
 * if not, every reason why.
 *
 * <p>Definition: bytes are canonical iff they decode, re-encoding the decoded dump with {@link
 * CoreDumpEncoder} gives exactly the same bytes, and the dump has a {@code core} section, no
 * mutable global and no {@link Instance#ABSENT} placeholder (those three re-encode faithfully, so
 * the byte comparison alone would not catch them). The reasons come from the decoder's facts
 * ({@link DecodedCoreDump}); if the bytes differ from the re-encoding for a cause none of them
 * explains, {@link Code#REENCODING_DIFFERS} names the first differing offset.
 *
 * <p>Each reason has a stable {@link Code}; messages list at most {@value #MAX_EXAMPLES} examples
 * so that the report of a hostile file stays small.
 */
public final class CanonicalCheck {

  /** Most examples one reason's message lists. */
  public static final int MAX_EXAMPLES = 8;

  /** Why a file is not canonical. */
  public enum Code {
    /** No {@code core} section. */
    MISSING_CORE,
    /** A section canonical dumps always write (memory, global, data, coremodules, coreinstances) is absent. */
    MISSING_SECTION,
    /** Sections are not in the order core, memory, global, data, coremodules, coreinstances, corestack. */
    SECTION_ORDER,
    /** A custom section with another name. */
    FOREIGN_SECTION,
    /** A standard section other than memory, global and data (type, code, ...). */
    STANDARD_SECTION,
    /** A global is written mutable. */
    MUTABLE_GLOBAL,
    /** An instance lists a {@code u32::MAX} placeholder. */
    ABSENT_INDEX,
    /** Data segments are not the 4096-byte chunks trimmed of leading and trailing zeros. */
    DATA_LAYOUT,
    /** A data segment for memory 0 uses the explicit {@code 0x02 0x00} header. */
    DATA_SEGMENT_HEADER,
    /** A LEB128 integer is longer than its minimal form. */
    NON_MINIMAL_LEB,
    /** The re-encoding differs for a cause none of the other codes describes. */
    REENCODING_DIFFERS
  }

  /** One reason: a stable code and a message for people. */
  public record Reason(Code code, String message) {
    @Override
    public String toString() {
      return code + ": " + message;
    }
  }

  /**
   * The verdict.
   *
   * @param reasons why the file is not canonical; empty iff it is
   */
  public record Result(List<Reason> reasons) {
    public Result {
      reasons = List.copyOf(reasons);
    }

    public boolean isCanonical() {
      return reasons.isEmpty();
    }

    /** Whether some reason has {@code code}. */
    public boolean has(Code code) {
      return reasons.stream().anyMatch(r -> r.code() == code);
    }
  }

  private CanonicalCheck() {}

  /**
   * Decodes {@code bytes} and checks them.
   *
   * @throws CoreDumpFormatException if they do not decode at all
   */
  public static Result check(byte[] bytes) throws CoreDumpFormatException {
    return check(CoreDumpDecoder.decodeWithFacts(bytes), bytes);
  }

  /** Checks {@code bytes}, already decoded as {@code decoded}. */
  public static Result check(DecodedCoreDump decoded, byte[] bytes) {
    List<Reason> reasons = new ArrayList<>();
    CoreDump dump = decoded.dump();

    if (!decoded.has(SectionKind.CORE)) {
      reasons.add(new Reason(Code.MISSING_CORE, "no core section (executable name)"));
    }
    for (SectionKind k :
        new SectionKind[] {
          SectionKind.MEMORY, SectionKind.GLOBAL, SectionKind.DATA, SectionKind.CORE_MODULES,
          SectionKind.CORE_INSTANCES
        }) {
      if (!decoded.has(k)) {
        reasons.add(
            new Reason(
                Code.MISSING_SECTION,
                "no " + k.label() + " section (canonical dumps write it, even when empty)"));
      }
    }
    checkOrder(decoded, reasons);

    Examples foreign = new Examples();
    Examples standard = new Examples();
    for (DecodedCoreDump.Section s : decoded.sections()) {
      if (s.kind() == SectionKind.OTHER_CUSTOM) {
        String what =
            KnownCustomSection.of(s.name()).map(k -> " (" + k.description() + ")").orElse("");
        foreign.add("\"" + s.name() + "\"" + what + " at " + Checks.hex(s.offset()));
      } else if (s.kind() == SectionKind.OTHER_STANDARD) {
        standard.add(s.name() + " at " + Checks.hex(s.offset()));
      }
    }
    foreign.report(
        reasons, Code.FOREIGN_SECTION,
        "custom section a canonical dump has not", "custom sections a canonical dump has not");
    standard.report(
        reasons, Code.STANDARD_SECTION,
        "standard section a coredump does not use (valid in a Wasm module, skipped)",
        "standard sections a coredump does not use (valid in a Wasm module, skipped)");

    Examples mutable = new Examples();
    for (int i = 0; i < dump.globals().size(); i++) {
      if (dump.globals().get(i).mutable()) {
        mutable.add("global " + i);
      }
    }
    mutable.report(
        reasons, Code.MUTABLE_GLOBAL,
        "mutable global; canonical globals are immutable",
        "mutable globals; canonical globals are immutable");

    Examples absent = new Examples();
    for (int i = 0; i < dump.instances().size(); i++) {
      Instance inst = dump.instances().get(i);
      for (int j = 0; j < inst.memories().size(); j++) {
        if (inst.memories().get(j) == Instance.ABSENT) {
          absent.add("instance " + i + " memory " + j);
        }
      }
      for (int j = 0; j < inst.globals().size(); j++) {
        if (inst.globals().get(j) == Instance.ABSENT) {
          absent.add("instance " + i + " global " + j);
        }
      }
    }
    absent.report(
        reasons, Code.ABSENT_INDEX,
        "u32::MAX placeholder for an entity missing from the dump",
        "u32::MAX placeholders for entities missing from the dump");

    checkDataLayout(decoded, reasons);

    Examples header = new Examples();
    for (DecodedCoreDump.DataSegment s : decoded.dataSegments()) {
      if (s.explicitMemoryIndex() && s.memoryIndex() == 0) {
        header.add("segment at " + Checks.hex(s.fileOffset()));
      }
    }
    header.report(
        reasons, Code.DATA_SEGMENT_HEADER,
        "data segment for memory 0 with the explicit 0x02 0x00 header instead of 0x00",
        "data segments for memory 0 with the explicit 0x02 0x00 header instead of 0x00");

    Examples leb = new Examples();
    for (long at : decoded.nonMinimalLebOffsets()) {
      leb.add(Checks.hex(at));
    }
    leb.report(
        reasons, Code.NON_MINIMAL_LEB,
        "LEB128 integer longer than its minimal form, at",
        "LEB128 integers longer than their minimal form, at");

    if (reasons.isEmpty()) {
      long diff = firstDifference(dump, bytes);
      if (diff >= 0) {
        reasons.add(
            new Reason(
                Code.REENCODING_DIFFERS,
                "re-encoding differs from the input first at offset " + Checks.hex(diff)));
      }
    }
    return new Result(reasons);
  }

  private static int rank(SectionKind k) {
    switch (k) {
      case CORE:
        return 0;
      case MEMORY:
        return 1;
      case GLOBAL:
        return 2;
      case DATA:
        return 3;
      case CORE_MODULES:
        return 4;
      case CORE_INSTANCES:
        return 5;
      case CORE_STACK:
        return 6;
      default:
        return -1;
    }
  }

  private static void checkOrder(DecodedCoreDump decoded, List<Reason> reasons) {
    int last = -1;
    boolean ordered = true;
    StringBuilder found = new StringBuilder();
    int listed = 0;
    for (DecodedCoreDump.Section s : decoded.sections()) {
      int r = rank(s.kind());
      if (r < 0) {
        continue; // foreign sections are reported on their own
      }
      if (r < last) {
        ordered = false;
      }
      last = Math.max(last, r);
      if (listed < 3 * MAX_EXAMPLES) {
        found.append(listed == 0 ? "" : ", ").append(s.kind().label());
      } else if (listed == 3 * MAX_EXAMPLES) {
        found.append(", ...");
      }
      listed++;
    }
    if (!ordered) {
      reasons.add(
          new Reason(
              Code.SECTION_ORDER,
              "sections in order " + found
                  + "; canonical order is core, memory, global, data, coremodules, "
                  + "coreinstances, corestack..."));
    }
  }

  private static void checkDataLayout(DecodedCoreDump decoded, List<Reason> reasons) {
    List<DecodedCoreDump.DataSegment> found = decoded.dataSegments();
    DataSection.Plan plan = DataSection.plan(decoded.dump().memories());
    long[] firstMismatch = {-1};
    int[] index = {0};
    plan.forEachSegment(
        (memory, start, length) -> {
          int i = index[0]++;
          if (firstMismatch[0] >= 0) {
            return;
          }
          if (i >= found.size()) {
            firstMismatch[0] = i;
            return;
          }
          DecodedCoreDump.DataSegment s = found.get(i);
          if (s.memoryIndex() != memory || s.memoryOffset() != start || s.length() != length) {
            firstMismatch[0] = i;
          }
        });
    long expected = plan.segmentCount();
    if (firstMismatch[0] < 0 && found.size() > expected) {
      firstMismatch[0] = expected;
    }
    if (firstMismatch[0] >= 0) {
      int i = (int) firstMismatch[0];
      String where =
          i < found.size()
              ? "segment " + i + " at " + Checks.hex(found.get(i).fileOffset())
              : "segment " + i + " (missing)";
      reasons.add(
          new Reason(
              Code.DATA_LAYOUT,
              Checks.count(found.size(), "data segment", "data segments")
                  + " where the canonical layout (4096-byte chunks, "
                  + "zero chunks skipped, zeros trimmed) has " + expected
                  + "; first difference at " + where));
    }
  }

  /** Encodes {@code dump} against {@code bytes}: the first differing offset, or -1 if equal. */
  private static long firstDifference(CoreDump dump, byte[] bytes) {
    Comparing cmp = new Comparing(bytes);
    try {
      CoreDumpEncoder.encode(dump, cmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      return 0; // the dump cannot be re-encoded at all
    }
    if (cmp.mismatch >= 0) {
      return cmp.mismatch;
    }
    return cmp.pos == bytes.length ? -1 : Math.min(cmp.pos, bytes.length);
  }

  /** An output stream that compares what it is given with an expected array. */
  private static final class Comparing extends OutputStream {
    private final byte[] expected;
    private long pos;
    private long mismatch = -1;

    Comparing(byte[] expected) {
      this.expected = expected;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (mismatch < 0) {
        for (int i = 0; i < len; i++) {
          long p = pos + i;
          if (p >= expected.length || expected[(int) p] != b[off + i]) {
            mismatch = p;
            break;
          }
        }
      }
      pos += len;
    }
  }

  /** Collects up to {@link #MAX_EXAMPLES} examples and a total count for one reason. */
  private static final class Examples {
    private final List<String> items = new ArrayList<>();
    private long total;

    void add(String item) {
      if (items.size() < MAX_EXAMPLES) {
        items.add(item);
      }
      total++;
    }

    void report(List<Reason> reasons, Code code, String singular, String plural) {
      if (total == 0) {
        return;
      }
      String more = total > items.size() ? ", and " + (total - items.size()) + " more" : "";
      reasons.add(
          new Reason(
              code,
              Checks.count(total, singular, plural) + ": " + String.join(", ", items) + more));
    }
  }
}
