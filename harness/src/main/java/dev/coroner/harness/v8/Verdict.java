package dev.coroner.harness.v8;

import dev.coroner.harness.golden.GoldenId;
import java.util.Objects;

/** What the V8 cross-check concluded about one coredump (a golden, or a candidate). */
public sealed interface Verdict permits Verdict.Agreed, Verdict.Excepted, Verdict.Disagreed {

  /** Which coredump. */
  GoldenId id();

  /** How many of the dump's frames were compared with V8's. */
  int framesCompared();

  /** How many of those were the same in both engines. */
  default int framesMatched() {
    return framesCompared();
  }

  /** V8 has the same frames: instance, function and offset, frame for frame. */
  record Agreed(GoldenId id, int framesCompared) implements Verdict {}

  /**
   * A documented exception ({@code docs/coredump-format.md} section 7): compared under its rule
   * (all {@code framesCompared} frames agreed), or not compared at all.
   *
   * @param kind which exception
   * @param detail what it came to for this dump, e.g. "V8's extra frame #0 dropped"
   */
  record Excepted(GoldenId id, V8Deviation kind, String detail, int framesCompared)
      implements Verdict {
    /** Checks for nulls. */
    public Excepted {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * The engines disagree, or V8 did not run the fixture as written.
   *
   * @param tag {@link V8Messages#DISAGREES} or {@link V8Messages#FAILED}
   * @param detail the report after the tag, starting with {@code path:line}
   * @param framesCompared frames compared, the differing one included
   * @param framesMatched frames that were the same before the difference
   */
  record Disagreed(GoldenId id, String tag, String detail, int framesCompared, int framesMatched)
      implements Verdict {

    /** The whole message: the tag, then the detail. */
    public String message() {
      return tag + " " + detail;
    }
  }
}
