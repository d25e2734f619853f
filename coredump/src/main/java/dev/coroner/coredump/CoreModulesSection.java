package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;

/** The {@code coremodules} custom section: {@code vec(0x00 module-name:name)}. */
final class CoreModulesSection {

  static final String NAME = KnownCustomSection.CORE_MODULES.sectionName();

  private CoreModulesSection() {}

  static void encodeTo(ByteSink out, List<String> modules) {
    ByteSink.Growable payload = ByteSink.growable();
    Leb128.writeU32(payload, modules.size());
    for (String m : modules) {
      payload.writeByte(0x00);
      Sections.writeName(payload, m);
    }
    Sections.writeCustom(out, NAME, payload);
  }

  static List<String> decode(ByteReader r) throws CoreDumpFormatException {
    int count = r.readCount("module", Limits.MAX_MODULES, 2);
    List<String> modules = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      r.expectByte(0x00, "module");
      modules.add(r.readName("module name"));
    }
    r.expectEnd(NAME);
    return modules;
  }
}
