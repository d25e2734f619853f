package dev.coroner.harness.encoder.mutants;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import dev.coroner.harness.encoder.CoredumpEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An independent coredump writer (it shares no code with the canonical encoder) with switches for
 * the {@link Bug}s. With no bug on it writes the canonical encoding; a test checks that, so a
 * mutant differs from the canonical writer only by its bug.
 */
public final class MutantWriter implements CoredumpEncoder {

  private static final int CHUNK = 4096;
  private static final int CODE_SECTION_BIAS = 0x20;

  private final Set<Bug> bugs;
  private final String name;

  private MutantWriter(Set<Bug> bugs, String name) {
    this.bugs = bugs;
    this.name = name;
  }

  /** The writer without bugs. */
  public static MutantWriter correct() {
    return new MutantWriter(EnumSet.noneOf(Bug.class), "mutant-writer (no bug)");
  }

  /** The writer with {@code bug}. */
  public static MutantWriter with(Bug bug) {
    return new MutantWriter(EnumSet.of(bug), "mutant " + bug);
  }

  @Override
  public String name() {
    return name;
  }

  private boolean has(Bug bug) {
    return bugs.contains(bug);
  }

  @Override
  public byte[] encode(CoreDump dump) {
    List<byte[]> known = new ArrayList<>();
    if (!(has(Bug.EMPTY_SECTIONS_OMITTED) && dump.memories().isEmpty())) {
      known.add(memorySection(dump.memories()));
    }
    if (!(has(Bug.EMPTY_SECTIONS_OMITTED) && dump.globals().isEmpty())) {
      known.add(globalSection(dump.globals()));
    }
    Out data = dataPayload(dump.memories());
    if (!(has(Bug.EMPTY_SECTIONS_OMITTED) && data.segments == 0)) {
      known.add(section(11, data));
    }
    Out file = new Out();
    file.raw(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    byte[] core = null;
    if (!has(Bug.NO_CORE_SECTION) && dump.processName().isPresent()) {
      Out p = new Out();
      p.b(0);
      p.name(dump.processName().get());
      core = custom("core", p);
    }
    if (core != null && !has(Bug.CORE_LAST)) {
      file.raw(core);
    }
    known.forEach(file::raw);
    if (core != null && has(Bug.CORE_LAST)) {
      file.raw(core);
    }
    if (!has(Bug.NO_COREMODULES)
        && !(has(Bug.EMPTY_SECTIONS_OMITTED) && dump.modules().isEmpty())) {
      Out p = new Out();
      p.u32(dump.modules().size());
      for (String m : dump.modules()) {
        p.b(0);
        p.name(m);
      }
      file.raw(custom("coremodules", p));
    }
    if (!(has(Bug.EMPTY_SECTIONS_OMITTED) && dump.instances().isEmpty())) {
      byte[] instances = custom("coreinstances", instancesPayload(dump.instances()));
      file.raw(instances);
      if (has(Bug.COREINSTANCES_TWICE)) {
        file.raw(instances);
      }
    }
    for (CoreStack t : dump.threads()) {
      file.raw(custom("corestack", stackPayload(dump, t)));
    }
    return file.toByteArray();
  }

  /** The dump's memories in the order the memory and data sections write them. */
  private List<Memory> ordered(List<Memory> memories) {
    if (!has(Bug.MEMORIES_REVERSED)) {
      return memories;
    }
    List<Memory> reversed = new ArrayList<>(memories);
    Collections.reverse(reversed);
    return reversed;
  }

  private byte[] memorySection(List<Memory> memories) {
    Out p = new Out();
    p.u32(memories.size());
    for (Memory m : ordered(memories)) {
      boolean m64 = m.memory64() && !has(Bug.MEMORY64_FLAG_LOST);
      p.b((m.maxPages().isPresent() ? 1 : 0) | (m.shared() ? 2 : 0) | (m64 ? 4 : 0));
      long min = has(Bug.MIN_IS_DECLARED_INITIAL) ? 1 : m.minPages();
      p.limit(min, m64);
      if (m.maxPages().isPresent()) {
        p.limit(m.maxPages().getAsLong(), m64);
      }
    }
    return section(5, p);
  }

  private byte[] globalSection(List<Global> globals) {
    Out p = new Out();
    boolean split = has(Bug.V128_AS_TWO_I64);
    p.u32(globals.size()
        + (split ? (int) globals.stream().filter(g -> g.type() == ValueType.V128).count() : 0));
    for (Global g : globals) {
      if (split && g.type() == ValueType.V128) {
        // No v128.const: the 16 bytes become two i64 globals, bytes 0..7 first; instance
        // global indices are not renumbered.
        for (long half : new long[] {g.lowBits(), g.highBits()}) {
          p.b(ValueType.I64.code());
          p.b(g.mutable() || has(Bug.MUTABLE_GLOBALS) ? 1 : 0);
          p.b(0x42);
          p.s64(half);
          p.b(0x0b);
        }
        continue;
      }
      p.b(g.type().code());
      p.b(g.mutable() || has(Bug.MUTABLE_GLOBALS) ? 1 : 0);
      switch (g.type()) {
        case I32:
          p.b(0x41);
          p.i32((int) g.lowBits());
          break;
        case I64:
          p.b(0x42);
          p.s64(g.lowBits());
          break;
        case F32:
          p.b(0x43);
          p.f32((int) g.lowBits());
          break;
        case F64:
          p.b(0x44);
          p.fixed(g.lowBits(), 8);
          break;
        case V128:
          p.b(0xfd);
          p.b(12);
          boolean swap = has(Bug.V128_HALVES_SWAPPED);
          p.fixed(swap ? g.highBits() : g.lowBits(), 8);
          p.fixed(swap ? g.lowBits() : g.highBits(), 8);
          break;
        default:
          p.b(0xd0);
          p.b(g.type().code());
          break;
      }
      p.b(0x0b);
    }
    return section(6, p);
  }

  /** The data section payload; {@code segments} counts what it holds. */
  private Out dataPayload(List<Memory> memories) {
    Out segs = new Out();
    memories = ordered(memories);
    for (int m = 0; m < memories.size(); m++) {
      Memory memory = memories.get(m);
      MemoryContents c = memory.contents();
      long size = c.size();
      if (has(Bug.SINGLE_SEGMENT)) {
        long end = size;
        while (end > 0 && c.get(end - 1) == 0) {
          end--;
        }
        // A segment holds at most an array's worth: above 2 GiB (64-bit memories) the mutant,
        // like any real producer, cannot write one, and falls back to the canonical chunks.
        if (end <= Integer.MAX_VALUE - 8) {
          segment(segs, m, memory.memory64(), 0, c.bytes(0, (int) end));
          continue;
        }
      }
      for (long start = 0; has(Bug.LAST_CHUNK_DROPPED) ? start + CHUNK < size : start < size;
          start += CHUNK) {
        long zerosEnd = c.skipZeros(start);
        if (zerosEnd >= start + CHUNK) {
          // Jump over the whole zero run (sparse 64-bit memories), to the chunk it ends in.
          start = zerosEnd / CHUNK * CHUNK - CHUNK;
          continue;
        }
        byte[] chunk = c.bytes(start, (int) Math.min(CHUNK, size - start));
        int first = 0;
        int last = chunk.length;
        while (first < last && chunk[first] == 0) {
          first++;
        }
        if (first == last) {
          continue;
        }
        while (chunk[last - 1] == 0) {
          last--;
        }
        if (has(Bug.CHUNKS_UNTRIMMED)) {
          first = 0;
          last = chunk.length;
        }
        byte[] bytes = new byte[last - first];
        System.arraycopy(chunk, first, bytes, 0, bytes.length);
        segment(segs, m, memory.memory64(), start + first, bytes);
      }
    }
    Out p = new Out();
    p.u32(segs.segments);
    p.raw(segs.toByteArray());
    p.segments = segs.segments;
    return p;
  }

  private void segment(Out out, int memory, boolean memory64, long offset, byte[] bytes) {
    if ((memory == 0 && !has(Bug.EXPLICIT_MEMIDX_ZERO)) || has(Bug.DATA_MEMIDX_ALWAYS_ZERO)) {
      out.b(0);
    } else {
      out.b(2);
      out.u32(memory);
    }
    if (memory64 && !has(Bug.I32_OFFSET_FOR_MEMORY64)) {
      out.b(0x42);
      out.s64(offset);
    } else {
      out.b(0x41);
      out.s64((int) offset);
    }
    out.b(0x0b);
    out.u32(bytes.length);
    out.raw(bytes);
    out.segments++;
  }

  private Out instancesPayload(List<Instance> instances) {
    Out p = new Out();
    p.u32(instances.size());
    for (Instance inst : instances) {
      p.b(0);
      p.u32(inst.moduleIndex());
      p.u32(inst.memories().size());
      for (int m : inst.memories()) {
        p.u32(has(Bug.MEMORY_INDICES_SHIFTED) ? m + 1 : m);
      }
      p.u32(inst.globals().size());
      for (int g : inst.globals()) {
        p.u32(has(Bug.GLOBAL_PLACEHOLDERS) ? Instance.ABSENT : g);
      }
    }
    return p;
  }

  private Out stackPayload(CoreDump dump, CoreStack thread) {
    Out p = new Out();
    p.b(0);
    p.name(thread.threadName());
    List<Frame> frames = new ArrayList<>(thread.frames());
    if (has(Bug.TAIL_CALLER_KEPT) && !frames.isEmpty()) {
      Frame young = frames.get(0);
      frames.add(1, new Frame(young.instanceIndex(), young.functionIndex(), young.codeOffset(),
          young.locals(), List.of()));
    }
    if (has(Bug.FRAMES_OLDEST_FIRST)) {
      Collections.reverse(frames);
    }
    p.u32(frames.size());
    for (Frame f : frames) {
      p.b(0);
      if (!has(Bug.NO_INSTANCE_INDEX)) {
        p.u32(frameInstance(dump, f.instanceIndex()));
      }
      p.u32(f.functionIndex());
      int offset = f.codeOffset();
      if (has(Bug.CODE_OFFSET_FROM_FIRST_INSTRUCTION)) {
        offset -= 1;
      } else if (has(Bug.CODE_OFFSET_FROM_CODE_SECTION)) {
        offset += CODE_SECTION_BIAS;
      }
      p.u32(offset);
      List<Value> locals = has(Bug.VALUES_OMITTED) ? List.of() : f.locals();
      List<Value> stack = has(Bug.VALUES_OMITTED) ? List.of() : new ArrayList<>(f.stack());
      if (has(Bug.STACK_TOP_FIRST)) {
        Collections.reverse(stack);
      }
      if (has(Bug.LOCALS_STACK_SWAPPED)) {
        List<Value> t = locals;
        locals = stack;
        stack = t;
      }
      if (has(Bug.COUNTS_FIRST)) {
        p.u32(locals.size());
        p.u32(stack.size());
        locals.forEach(p::value);
        stack.forEach(p::value);
      } else {
        p.u32(locals.size());
        locals.forEach(p::value);
        p.u32(stack.size());
        stack.forEach(p::value);
      }
    }
    return p;
  }

  /** Wasmtime's approximation: the last instance of the frame's module. */
  private int frameInstance(CoreDump dump, int instance) {
    if (!has(Bug.INSTANCE_LAST_OF_MODULE) || instance >= dump.instances().size()) {
      return instance;
    }
    int module = dump.instances().get(instance).moduleIndex();
    int last = instance;
    for (int i = 0; i < dump.instances().size(); i++) {
      if (dump.instances().get(i).moduleIndex() == module) {
        last = i;
      }
    }
    return last;
  }

  private byte[] section(int id, Out payload) {
    Out s = new Out();
    s.b(id);
    s.u32(payload.size());
    s.raw(payload.toByteArray());
    return s.toByteArray();
  }

  private byte[] custom(String sectionName, Out payload) {
    Out body = new Out();
    body.name(sectionName);
    body.raw(payload.toByteArray());
    Out s = new Out();
    s.b(0);
    s.u32(body.size() - (has(Bug.CUSTOM_SIZE_WITHOUT_NAME_LENGTH) ? 1 : 0));
    s.raw(body.toByteArray());
    return s.toByteArray();
  }

  /** A byte buffer that writes integers the way the current bugs say. */
  private final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int segments;

    void b(int v) {
      bytes.write(v);
    }

    void raw(byte[] b) {
      bytes.writeBytes(b);
    }

    int size() {
      return bytes.size();
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }

    void u32(int v) {
      long x = Integer.toUnsignedLong(v);
      if (has(Bug.PADDED_U32)) {
        for (int i = 0; i < 4; i++) {
          b((int) (x & 0x7f) | 0x80);
          x >>>= 7;
        }
        b((int) x);
        return;
      }
      unsigned(x);
    }

    void unsigned(long x) {
      do {
        int low = (int) (x & 0x7f);
        x >>>= 7;
        b(x != 0 ? low | 0x80 : low);
      } while (x != 0);
    }

    void limit(long pages, boolean memory64) {
      if (memory64) {
        unsigned(pages);
      } else {
        u32((int) pages);
      }
    }

    void s64(long v) {
      while (true) {
        int low = (int) (v & 0x7f);
        v >>= 7;
        boolean done = (v == 0 && (low & 0x40) == 0) || (v == -1 && (low & 0x40) != 0);
        b(done ? low : low | 0x80);
        if (done) {
          return;
        }
      }
    }

    void i32(int v) {
      if (has(Bug.UNSIGNED_I32)) {
        unsigned(Integer.toUnsignedLong(v));
      } else {
        s64(v);
      }
    }

    void f32(int bits) {
      if (has(Bug.F32_BIG_ENDIAN)) {
        fixed(Integer.toUnsignedLong(Integer.reverseBytes(bits)), 4);
      } else {
        fixed(Integer.toUnsignedLong(bits), 4);
      }
    }

    void fixed(long v, int width) {
      for (int i = 0; i < width; i++) {
        b((int) (v >>> (8 * i)) & 0xff);
      }
    }

    void name(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      u32(utf8.length);
      raw(utf8);
    }

    void value(Value v) {
      b(v.kind().tag());
      switch (v.kind()) {
        case MISSING:
          break;
        case I32:
          if (has(Bug.FIXED_WIDTH_VALUES)) {
            fixed(v.bits(), 4);
          } else {
            i32(v.asI32());
          }
          break;
        case I64:
          if (has(Bug.FIXED_WIDTH_VALUES)) {
            fixed(v.bits(), 8);
          } else {
            s64(v.asI64());
          }
          break;
        case F32:
          f32((int) v.bits());
          break;
        default:
          fixed(v.bits(), 8);
          break;
      }
    }
  }
}
