package dev.coroner.debugserver;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the server shows LLDB: a coredump plus the module files matched to its modules, checked to
 * fit together, with every frame's address in LLDB's WebAssembly address space precomputed.
 * Immutable; all reads are bounded by the dump and the module files.
 *
 * <p>Addresses ({@link WasmAddress}): instance {@code i} of the dump is LLDB's module {@code i};
 * its code lives at {@code 0x4000000000000000 | i << 32} plus the file offset, its memory 0 at
 * {@code i << 32}. The youngest frame's address is its trapping instruction; an older frame's is
 * its return address (the byte after its call instruction), which is what live debug stubs report
 * and what LLDB expects: it looks up {@code pc - 1} for the source line of every older frame.
 *
 * <p>A dump without a {@code coreinstances} section (older producers) gets one implicit instance
 * per frame instance index {@code i}, of module {@code i}; instance 0 sees every memory and global
 * of the dump.
 */
public final class CoreTarget {

  private final CoreDump dump;
  private final ModuleMatching matching;
  private final List<Instance> instances;
  private final long[][] pcs;
  private final String trap;

  private CoreTarget(
      CoreDump dump, ModuleMatching matching, List<Instance> instances, long[][] pcs, String trap) {
    this.dump = dump;
    this.matching = matching;
    this.instances = instances;
    this.pcs = pcs;
    this.trap = trap;
  }

  /**
   * Checks that {@code dump}'s frames fit the matched modules and computes their addresses.
   *
   * @throws TargetException if a frame names an instance the dump does not have, or a matched
   *     module does not define the frame's function or its body does not contain the frame's code
   *     offset (the module is not the one that crashed)
   */
  public static CoreTarget create(CoreDump dump, ModuleMatching matching) throws TargetException {
    List<Instance> instances = instances(dump);
    if (instances.size() > WasmAddress.MAX_INSTANCES) {
      throw new TargetException(
          TargetException.DANGLING_INDEX,
          "the dump has " + instances.size() + " instances; LLDB can address at most "
              + WasmAddress.MAX_INSTANCES);
    }
    long[][] pcs = new long[dump.threads().size()][];
    String trap = "trap (the coredump has no frames)";
    for (int t = 0; t < pcs.length; t++) {
      CoreStack thread = dump.threads().get(t);
      pcs[t] = new long[thread.frames().size()];
      for (int f = 0; f < pcs[t].length; f++) {
        Frame frame = thread.frames().get(f);
        String where = "frame #" + f + " of thread " + t + " \"" + thread.threadName() + "\"";
        if (frame.instanceIndex() < 0 || frame.instanceIndex() >= instances.size()) {
          throw new TargetException(
              TargetException.DANGLING_INDEX,
              where + " names instance " + Integer.toUnsignedString(frame.instanceIndex())
                  + ", but the dump has " + instances.size());
        }
        int instance = frame.instanceIndex();
        Optional<ModuleImage> image = matching.image(instances.get(instance).moduleIndex());
        if (image.isEmpty()) {
          // No module: the address can only say which instance; the offset is the frame's own.
          pcs[t][f] = WasmAddress.object(instance, Integer.toUnsignedLong(frame.codeOffset()));
          if (t == 0 && f == 0) {
            trap = "trap (its cause is not in the coredump, and the module was not given)";
          }
          continue;
        }
        ModuleImage m = image.get();
        ModuleImage.Body body = m.body(frame.functionIndex());
        if (body == null) {
          throw new TargetException(
              TargetException.MODULE_MISMATCH,
              where + " is in function " + Integer.toUnsignedString(frame.functionIndex())
                  + ", which " + m.file() + " does not define (it imports "
                  + m.importedFunctions() + " and defines " + m.definedFunctions()
                  + " functions): is it the module that crashed?");
        }
        long offset = Integer.toUnsignedLong(frame.codeOffset());
        int size = body.end() - body.start();
        int code = codeStart(m, body);
        if (offset >= size || body.start() + offset < code) {
          throw new TargetException(
              TargetException.MODULE_MISMATCH,
              where + " is at code offset 0x" + Long.toHexString(offset) + " of function "
                  + frame.functionIndex() + ", but in " + m.file() + " that function's body has "
                  + size + " bytes, of which its instructions start at offset 0x"
                  + Integer.toHexString(code - body.start())
                  + ": is it the module that crashed?");
        }
        int at = (int) (body.start() + offset);
        if (f == 0) {
          pcs[t][f] = WasmAddress.object(instance, at);
          if (t == 0) {
            trap = "trap: " + TrapCause.describe(m, at, body.end(), frame.stack());
          }
        } else {
          pcs[t][f] = WasmAddress.object(instance, at + TrapCause.callLength(m, at, body.end()));
        }
      }
    }
    return new CoreTarget(dump, matching, instances, pcs, trap);
  }

  /** The first instruction of a body: after its local declarations. */
  private static int codeStart(ModuleImage m, ModuleImage.Body body) throws TargetException {
    ModuleReader r = m.reader(body.start(), body.end());
    try {
      long groups = r.u32();
      for (long i = 0; i < groups; i++) {
        r.u32();
        int type = r.u8();
        if (type == 0x63 || type == 0x64) {
          r.skipS33();
        }
      }
      return r.pos();
    } catch (ModuleFormatException e) {
      throw new TargetException(
          TargetException.MODULE_MISMATCH,
          m.file() + ": malformed local declarations of a function body: " + e.getMessage());
    }
  }

  private static List<Instance> instances(CoreDump dump) {
    if (!dump.instances().isEmpty()) {
      return dump.instances();
    }
    int count = 0;
    for (CoreStack thread : dump.threads()) {
      for (Frame frame : thread.frames()) {
        if (frame.instanceIndex() >= 0 && frame.instanceIndex() < WasmAddress.MAX_INSTANCES) {
          count = Math.max(count, frame.instanceIndex() + 1);
        }
      }
    }
    List<Instance> implicit = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Integer> memories = new ArrayList<>();
      List<Integer> globals = new ArrayList<>();
      if (i == 0) {
        for (int m = 0; m < dump.memories().size(); m++) {
          memories.add(m);
        }
        for (int g = 0; g < dump.globals().size(); g++) {
          globals.add(g);
        }
      }
      implicit.add(new Instance(i, memories, globals));
    }
    return implicit;
  }

  /** The coredump served. */
  public CoreDump dump() {
    return dump;
  }

  /** How the given module files were matched to the dump's modules. */
  public ModuleMatching matching() {
    return matching;
  }

  /**
   * Why the first thread stopped, e.g. {@code "trap: integer divide by zero (i32.div_s)"}: told
   * from its youngest frame's instruction and operands, since a coredump records no message.
   */
  public String trapDescription() {
    return trap;
  }

  /**
   * A warning about what LLDB 22 will show wrongly for this dump, if anything: when a thread has
   * several frames in the same function (recursion), LLDB shows the youngest one's variables for
   * all of them, because its WebAssembly unwinder gives every frame the same frame address and
   * so cannot tell them apart.
   */
  public Optional<String> lldbCaveat() {
    for (int t = 0; t < dump.threads().size(); t++) {
      List<Frame> frames = dump.threads().get(t).frames();
      for (int a = 0; a < frames.size(); a++) {
        for (int b = a + 1; b < frames.size(); b++) {
          if (frames.get(a).instanceIndex() == frames.get(b).instanceIndex()
              && frames.get(a).functionIndex() == frames.get(b).functionIndex()) {
            return Optional.of("frames #" + a + " and #" + b + " of thread " + (t + 1)
                + " run the same function: LLDB 22 shows frame #" + a + "'s variables for both"
                + " (its Wasm frames all have frame address 0, so it cannot tell them apart)");
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The instances, as the dump lists them (or implicit ones; see the class comment). */
  List<Instance> instances() {
    return instances;
  }

  /** The module file of instance {@code i}, if it was given. */
  Optional<ModuleImage> imageOfInstance(int i) {
    return i < 0 || i >= instances.size()
        ? Optional.empty()
        : matching.image(instances.get(i).moduleIndex());
  }

  int threadCount() {
    return pcs.length;
  }

  String threadName(int thread) {
    return dump.threads().get(thread).threadName();
  }

  int frameCount(int thread) {
    return pcs[thread].length;
  }

  /** The address of frame {@code frame} of {@code thread}: see the class comment. */
  long pc(int thread, int frame) {
    return pcs[thread][frame];
  }

  /** Local {@code index} of a frame, little-endian, in its type's width. */
  byte[] local(int thread, int frame, int index) throws Unavailable {
    Frame f = frame(thread, frame);
    if (index < 0 || index >= f.locals().size()) {
      throw new Unavailable(
          f.locals().isEmpty() ? Unavailable.NOT_CAPTURED : Unavailable.NO_SUCH,
          f.locals().isEmpty()
              ? "the coredump holds no locals for frame " + frame
              : "frame " + frame + " has " + f.locals().size() + " locals, not " + (index + 1));
    }
    return bytes(f.locals().get(index), "local " + index + " of frame " + frame);
  }

  /** Value {@code index} (from the bottom) of a frame's operand stack. */
  byte[] stackValue(int thread, int frame, int index) throws Unavailable {
    Frame f = frame(thread, frame);
    if (index < 0 || index >= f.stack().size()) {
      throw new Unavailable(
          f.stack().isEmpty() ? Unavailable.NOT_CAPTURED : Unavailable.NO_SUCH,
          "frame " + frame + " has " + f.stack().size() + " operand stack values; no value "
              + index);
    }
    return bytes(f.stack().get(index), "stack value " + index + " of frame " + frame);
  }

  /** Global {@code index} of the frame's instance. */
  byte[] global(int thread, int frame, int index) throws Unavailable {
    Frame f = frame(thread, frame);
    List<Integer> globals = instances.get(f.instanceIndex()).globals();
    if (index < 0 || index >= globals.size()) {
      throw new Unavailable(
          Unavailable.NO_SUCH,
          "instance " + f.instanceIndex() + " has " + globals.size() + " globals, not "
              + (index + 1));
    }
    int g = globals.get(index);
    if (g == Instance.ABSENT || g < 0 || g >= dump.globals().size()) {
      throw new Unavailable(
          Unavailable.NOT_CAPTURED, "global " + index + " is not in the coredump");
    }
    Global global = dump.globals().get(g);
    switch (global.type()) {
      case I32, F32:
        return le(global.lowBits(), 4);
      case I64, F64:
        return le(global.lowBits(), 8);
      case V128:
        byte[] out = new byte[16];
        System.arraycopy(le(global.lowBits(), 8), 0, out, 0, 8);
        System.arraycopy(le(global.highBits(), 8), 0, out, 8, 8);
        return out;
      default:
        throw new Unavailable(
            Unavailable.NOT_CAPTURED, "global " + index + " is a reference (null in the dump)");
    }
  }

  /**
   * Reads up to {@code length} bytes at {@code address} into {@code dst}; fewer where the memory
   * or module ends.
   *
   * @return the number of bytes read, at least 1
   * @throws Unavailable if {@code address} itself is outside the dump's memories and the given
   *     modules
   */
  int read(long address, byte[] dst, int length) throws Unavailable {
    int space = WasmAddress.space(address);
    int instance = WasmAddress.instance(address);
    long offset = WasmAddress.offset(address);
    if (space != WasmAddress.MEMORY && space != WasmAddress.OBJECT) {
      throw new Unavailable(
          Unavailable.BAD_ADDRESS, "address 0x" + Long.toHexString(address) + " is in no space");
    }
    if (instance >= instances.size()) {
      throw new Unavailable(
          Unavailable.BAD_ADDRESS,
          "address 0x" + Long.toHexString(address) + ": the dump has no instance " + instance);
    }
    if (space == WasmAddress.OBJECT) {
      ModuleImage m =
          imageOfInstance(instance)
              .orElseThrow(
                  () ->
                      new Unavailable(
                          Unavailable.BAD_ADDRESS,
                          "the module of instance " + instance + " was not given"));
      if (offset >= m.size()) {
        throw new Unavailable(
            Unavailable.BAD_ADDRESS,
            "offset 0x" + Long.toHexString(offset) + " is past the end of " + m.file());
      }
      int n = (int) Math.min(length, m.size() - offset);
      m.copy(offset, dst, 0, n);
      return n;
    }
    List<Integer> memories = instances.get(instance).memories();
    int index = memories.isEmpty() ? Instance.ABSENT : memories.get(0);
    if (index == Instance.ABSENT || index < 0 || index >= dump.memories().size()) {
      throw new Unavailable(
          Unavailable.BAD_ADDRESS, "instance " + instance + " has no memory in the coredump");
    }
    Memory memory = dump.memories().get(index);
    long size = memory.contents().size();
    if (offset >= size) {
      throw new Unavailable(
          Unavailable.BAD_ADDRESS,
          "address 0x" + Long.toHexString(offset) + " is past the end of memory 0 of instance "
              + instance + " (" + size + " bytes)");
    }
    int n = (int) Math.min(length, size - offset);
    memory.contents().read(offset, dst, 0, n);
    return n;
  }

  private Frame frame(int thread, int frame) throws Unavailable {
    if (thread < 0 || thread >= pcs.length) {
      throw new Unavailable(Unavailable.NO_SUCH, "no thread " + (thread + 1));
    }
    List<Frame> frames = dump.threads().get(thread).frames();
    if (frame < 0 || frame >= frames.size()) {
      throw new Unavailable(
          Unavailable.NO_SUCH,
          "thread " + (thread + 1) + " has " + frames.size() + " frames, no frame " + frame);
    }
    return frames.get(frame);
  }

  private static byte[] bytes(Value v, String what) throws Unavailable {
    return switch (v.kind()) {
      case I32, F32 -> le(v.bits(), 4);
      case I64, F64 -> le(v.bits(), 8);
      case MISSING -> throw new Unavailable(
          Unavailable.NOT_CAPTURED, what + " is missing from the coredump (optimized out)");
    };
  }

  private static byte[] le(long bits, int width) {
    byte[] out = new byte[width];
    for (int i = 0; i < width; i++) {
      out[i] = (byte) (bits >>> (8 * i));
    }
    return out;
  }
}
