package dev.coroner.coredump;

/**
 * Every size cap the decoder enforces, in one place. A coredump is untrusted input: these caps and
 * the "a vector cannot hold more elements than the bytes left could encode" rule keep a hostile
 * file of a few bytes from making the decoder allocate much more than the file's own size.
 *
 * <p>Memories are the one thing a dump may declare far bigger than the file; the decoder never
 * materializes them (decoded contents are sparse, see {@link SegmentedMemoryContents}).
 */
public final class Limits {

  private Limits() {}

  /** Largest input {@link CoreDumpDecoder} accepts, in bytes (the largest Java array, roughly). */
  public static final int MAX_INPUT_BYTES = Integer.MAX_VALUE - 16;

  /** Most sections (custom or known) in one dump. */
  public static final int MAX_SECTIONS = 100_000;

  /** Most {@code corestack} sections (threads) in one dump. */
  public static final int MAX_THREADS = 10_000;

  /** Longest name (process, module, thread, custom section), in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 100_000;

  /** Most entries in {@code coremodules}. */
  public static final int MAX_MODULES = 100_000;

  /** Most entries in {@code coreinstances}. */
  public static final int MAX_INSTANCES = 100_000;

  /** Most memories in the memory section (the Wasm spec's implementation limit). */
  public static final int MAX_MEMORIES = 100_000;

  /** Most memory indices listed by one instance. */
  public static final int MAX_INSTANCE_MEMORIES = 100_000;

  /** Most globals in the global section (the Wasm spec's implementation limit). */
  public static final int MAX_GLOBALS = 1_000_000;

  /** Most global indices listed by one instance. */
  public static final int MAX_INSTANCE_GLOBALS = 1_000_000;

  /** Most data segments in the data section. */
  public static final int MAX_DATA_SEGMENTS = 10_000_000;

  /** Most frames in one {@code corestack}. */
  public static final int MAX_FRAMES = 1_000_000;

  /** Most functions a name section names (the Wasm spec's implementation limit on functions). */
  public static final int MAX_FUNCTIONS = 1_000_000;

  /** Most locals in one frame (the Wasm spec's implementation limit on locals per function). */
  public static final int MAX_LOCALS = 50_000;

  /** Most operand stack values in one frame. */
  public static final int MAX_STACK_VALUES = 1_000_000;

  /** Most pages of a 32-bit memory (4 GiB), as in the Wasm spec. */
  public static final long MAX_PAGES_32 = 65_536L;

  /**
   * Most pages of a 64-bit memory. The Wasm spec allows 2^48 pages, but a memory's byte size must
   * fit a {@code long} here ({@link Memory} holds sizes as {@code long}), so the cap is lower.
   */
  public static final long MAX_PAGES_64 = Long.MAX_VALUE / Memory.PAGE_SIZE;

  /** Chunk size of the canonical data layout: memories are cut in chunks of this many bytes. */
  public static final int DATA_CHUNK_BYTES = 4096;
}
