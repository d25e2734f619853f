package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code coreinstances} custom section: {@code vec(0x00 moduleidx:u32 memories:vec(u32)
 * globals:vec(u32))}.
 *
 * <p>Memory and global indices equal to {@link Instance#ABSENT} ({@code u32::MAX}, Wasmtime's
 * placeholder for an entity left out of the dump) are kept as they are and exempt from range
 * checks; every other index is checked once all sections are read.
 */
final class CoreInstancesSection {

  static final String NAME = KnownCustomSection.CORE_INSTANCES.sectionName();

  private CoreInstancesSection() {}

  static void encodeTo(ByteSink out, List<Instance> instances) {
    ByteSink.Growable payload = ByteSink.growable();
    Leb128.writeU32(payload, instances.size());
    for (Instance inst : instances) {
      payload.writeByte(0x00);
      Leb128.writeU32(payload, inst.moduleIndex());
      Leb128.writeU32(payload, inst.memories().size());
      for (int m : inst.memories()) {
        Leb128.writeU32(payload, m);
      }
      Leb128.writeU32(payload, inst.globals().size());
      for (int g : inst.globals()) {
        Leb128.writeU32(payload, g);
      }
    }
    Sections.writeCustom(out, NAME, payload);
  }

  static List<Instance> decode(ByteReader r, IndexRefs refs) throws CoreDumpFormatException {
    int count = r.readCount("instance", Limits.MAX_INSTANCES, 4);
    List<Instance> instances = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      r.expectByte(0x00, "instance");
      int at = r.position();
      int module = r.readU32("module index");
      refs.add(IndexRefs.Space.MODULE, module, at);
      List<Integer> memories =
          readIndices(r, "instance memory", Limits.MAX_INSTANCE_MEMORIES, IndexRefs.Space.MEMORY, refs);
      List<Integer> globals =
          readIndices(r, "instance global", Limits.MAX_INSTANCE_GLOBALS, IndexRefs.Space.GLOBAL, refs);
      instances.add(new Instance(module, memories, globals));
    }
    r.expectEnd(NAME);
    return instances;
  }

  private static List<Integer> readIndices(
      ByteReader r, String what, int max, IndexRefs.Space space, IndexRefs refs)
      throws CoreDumpFormatException {
    int count = r.readCount(what, max, 1);
    List<Integer> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = r.position();
      int index = r.readU32(what + " index");
      if (index != Instance.ABSENT) {
        refs.add(space, index, at);
      }
      out.add(index);
    }
    return out;
  }
}
