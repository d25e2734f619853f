package dev.coroner.coredump;

/** The {@code core} custom section: {@code 0x00 executable-name:name}. */
final class CoreSection {

  static final String NAME = KnownCustomSection.CORE.sectionName();

  private CoreSection() {}

  static void encodeTo(ByteSink out, String processName) {
    ByteSink.Growable payload = ByteSink.growable();
    payload.writeByte(0x00);
    Sections.writeName(payload, processName);
    Sections.writeCustom(out, NAME, payload);
  }

  /** Decodes the payload (after the section name) and checks it is used up. */
  static String decode(ByteReader r) throws CoreDumpFormatException {
    r.expectByte(0x00, "core section");
    String name = r.readName("executable name");
    r.expectEnd(NAME);
    return name;
  }
}
