package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sections of a Wasm binary (a module or a coredump), framed strictly: where each one is, and
 * what custom sections are called. Readers of one section ({@link NameSection}, a DWARF reader)
 * find it here and parse only its payload.
 *
 * <p>Errors (a bad header, an unknown section id, a size past the end, invalid UTF-8 in a custom
 * section's name, standard sections out of the Wasm order or repeated) are {@link
 * CoreDumpFormatException}s with the absolute offset. Section contents are not checked.
 */
public final class ModuleSections {

  /**
   * One section as found in the file.
   *
   * @param id the section id: 0 for a custom section, 1..13 for the standard ones
   * @param name the custom section's name, or the standard section's label ({@code "type"}, {@code
   *     "memory"}, {@code "code"}, ...)
   * @param offset absolute offset of the section's id byte
   * @param payloadOffset absolute offset of the payload: after the size field, or for a custom
   *     section after its name
   * @param payloadSize bytes of payload
   */
  public record Section(int id, String name, int offset, int payloadOffset, int payloadSize) {

    /** Whether this is a custom section (id 0). */
    public boolean isCustom() {
      return id == Sections.CUSTOM_ID;
    }

    /** For a custom section, its entry in the registry of known sections, if it has one. */
    public Optional<KnownCustomSection> known() {
      return isCustom() ? KnownCustomSection.of(name) : Optional.empty();
    }

    /** A copy of the payload's bytes out of {@code file}, the bytes this section was read from. */
    public byte[] payload(byte[] file) {
      return Arrays.copyOfRange(file, payloadOffset, payloadOffset + payloadSize);
    }
  }

  private ModuleSections() {}

  /** Every section of {@code bytes}, in file order. */
  public static List<Section> read(byte[] bytes) throws CoreDumpFormatException {
    SectionWalker walker = SectionWalker.open(bytes);
    List<Section> out = new ArrayList<>();
    while (walker.hasNext()) {
      SectionWalker.Entry e = walker.next();
      ByteReader p = e.payload();
      out.add(new Section(e.id(), e.name(), e.start(), p.position(), p.remaining()));
    }
    return out;
  }

  /** The custom sections of {@code bytes} that {@code kind} matches, in file order. */
  public static List<Section> find(byte[] bytes, KnownCustomSection kind)
      throws CoreDumpFormatException {
    List<Section> out = new ArrayList<>();
    for (Section s : read(bytes)) {
      if (s.isCustom() && kind.matches(s.name())) {
        out.add(s);
      }
    }
    return out;
  }
}
