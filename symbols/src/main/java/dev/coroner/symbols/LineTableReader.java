package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one line table of {@code .debug_line}: the header (versions 2 to 5: directories and files
 * in either form, DWARF 5 entry formats with {@code DW_LNCT_path}, {@code directory_index},
 * {@code timestamp}, {@code size}, {@code MD5} and LLVM's {@code source}), then the program
 * ({@link LineProgram}).
 */
final class LineTableReader {

  private LineTableReader() {}

  /** Reads the table at {@code offset} in {@code .debug_line}, for {@code unit}. */
  static LineTable read(Dwarf dwarf, long offset, Unit unit) throws DwarfException {
    SectionInput section = dwarf.section(".debug_line");
    if (offset < 0 || offset >= section.end()) {
      throw section.error(Math.max(0, Math.min(offset, section.end())), "line table offset 0x"
          + Long.toHexString(offset) + " (DW_AT_stmt_list of " + unit
          + ") is outside .debug_line");
    }
    section.seek(offset, "line table");
    long[] initial = section.initialLength("line table length");
    boolean dwarf64 = initial[1] == 1;
    long contentStart = section.offset();
    if (Long.compareUnsigned(initial[0], section.end() - contentStart) > 0) {
      throw section.error(offset, "line table length 0x" + Long.toHexString(initial[0])
          + " runs past the end of .debug_line (0x"
          + Long.toHexString(section.end() - contentStart) + " bytes left)");
    }
    SectionInput in = section.sub(contentStart, initial[0],
        "line table at 0x" + Long.toHexString(offset));
    int version = in.u16("line table version");
    if (version < 2 || version > 5) {
      throw in.error(contentStart, "unsupported line table version " + version
          + " (this reader knows 2 to 5)");
    }
    int addressSize = unit.addressSize();
    if (version >= 5) {
      addressSize = in.u8("address size");
      in.u8("segment selector size");
    }
    long headerLength = in.sectionOffset(dwarf64, "header length");
    long programStart = in.offset() + headerLength;
    if (headerLength < 0 || programStart > in.end() || programStart < in.offset()) {
      throw in.error(in.offset() - (dwarf64 ? 8 : 4), "line table header length 0x"
          + Long.toHexString(headerLength) + " runs past the end of the table");
    }
    SectionInput header = in.sub(in.offset(), programStart - in.offset(), "line table header");
    LineProgram.Header h = new LineProgram.Header();
    h.minInstLength = header.u8("minimum instruction length");
    h.maxOpsPerInst = version >= 4 ? header.u8("maximum operations per instruction") : 1;
    h.defaultIsStmt = header.u8("default is_stmt") != 0;
    h.lineBase = (byte) header.u8("line base");
    h.lineRange = header.u8("line range");
    h.opcodeBase = header.u8("opcode base");
    h.standardLengths = new int[Math.max(h.opcodeBase - 1, 0)];
    for (int i = 1; i < h.opcodeBase; i++) {
      h.standardLengths[i - 1] = header.u8("standard opcode length");
    }
    List<String> directories = new ArrayList<>();
    List<LineTable.FileEntry> files = new ArrayList<>();
    Forms.Encoding enc = new Forms.Encoding(dwarf64, version, addressSize);
    if (version >= 5) {
      readV5Entries(header, unit, enc, directories, files);
    } else {
      readV2Entries(header, directories, files);
    }
    in.seek(programStart, "line program");
    LineRows rows = new LineRows();
    List<long[]> sequences = new ArrayList<>();
    LineProgram.run(in, h, files, rows, sequences);
    sequences.sort((a, b) -> Long.compareUnsigned(a[1], b[1])); // stable, as LLVM's
    return new LineTable(version, List.copyOf(directories), List.copyOf(files),
        unit.compilationDir(), rows, sequences);
  }

  private static void readV2Entries(SectionInput in, List<String> directories,
      List<LineTable.FileEntry> files) throws DwarfException {
    while (true) {
      String dir = in.cstring("include directory");
      if (dir.isEmpty()) {
        break;
      }
      directories.add(dir);
    }
    while (true) {
      String name = in.cstring("file name");
      if (name.isEmpty()) {
        break;
      }
      long dir = in.uleb("directory index");
      long time = in.uleb("modification time");
      long size = in.uleb("file size");
      files.add(new LineTable.FileEntry(name, dir, time, size, null, null));
    }
  }

  private static void readV5Entries(SectionInput in, Unit unit, Forms.Encoding enc,
      List<String> directories, List<LineTable.FileEntry> files) throws DwarfException {
    long[][] dirFormat = entryFormat(in, "directory");
    long dirCount = in.uleb("directory count");
    for (long i = 0; Long.compareUnsigned(i, dirCount) < 0; i++) {
      long before = in.offset();
      String path = null;
      for (long[] d : dirFormat) {
        if (d[0] == Dw.LNCT_PATH) {
          path = pathValue(in, unit, (int) d[1], enc);
        } else {
          Forms.read(in, 0, (int) d[1], 0, enc);
        }
      }
      directories.add(path);
      noProgress(in, before, "directory entry");
    }
    long[][] fileFormat = entryFormat(in, "file name");
    long fileCount = in.uleb("file name count");
    for (long i = 0; Long.compareUnsigned(i, fileCount) < 0; i++) {
      long before = in.offset();
      String name = null;
      String source = null;
      long dir = 0;
      long time = 0;
      long size = 0;
      byte[] md5 = null;
      for (long[] d : fileFormat) {
        int form = (int) d[1];
        long at = in.offset();
        switch ((int) d[0]) {
          case Dw.LNCT_PATH -> name = pathValue(in, unit, form, enc);
          case Dw.LNCT_LLVM_SOURCE -> source = pathValue(in, unit, form, enc);
          case Dw.LNCT_DIRECTORY_INDEX -> dir = constant(in, form, enc, at, "directory index");
          case Dw.LNCT_TIMESTAMP -> time = Forms.read(in, 0, form, 0, enc).value();
          case Dw.LNCT_SIZE -> size = constant(in, form, enc, at, "file size");
          case Dw.LNCT_MD5 -> {
            Attribute a = Forms.read(in, 0, form, 0, enc);
            if (form != Dw.FORM_DATA16 && !(isBlock(form) && a.length() == 16)) {
              throw in.error(at, "MD5 of a file entry is not 16 bytes of data (form 0x"
                  + Integer.toHexString(form) + ")");
            }
            md5 = in.sub(a.value(), 16, "MD5").bytes(16, "MD5");
          }
          default -> Forms.read(in, 0, form, 0, enc);
        }
      }
      files.add(new LineTable.FileEntry(name == null ? "" : name, dir, time, size, md5, source));
      noProgress(in, before, "file entry");
    }
  }

  private static boolean isBlock(int form) {
    return form == Dw.FORM_BLOCK || form == Dw.FORM_BLOCK1 || form == Dw.FORM_BLOCK2
        || form == Dw.FORM_BLOCK4;
  }

  /** An entry that consumes no bytes would let a count loop run without reading anything. */
  private static void noProgress(SectionInput in, long before, String what)
      throws DwarfException {
    if (in.offset() == before) {
      throw in.error(what + " format reads no bytes; its count cannot be checked against the"
          + " header");
    }
  }

  private static long[][] entryFormat(SectionInput in, String what) throws DwarfException {
    int count = in.u8(what + " entry format count");
    long[][] format = new long[count][];
    boolean hasPath = false;
    for (int i = 0; i < count; i++) {
      long type = in.uleb(what + " content type");
      long form = in.uleb(what + " form");
      format[i] = new long[] {type, form > Integer.MAX_VALUE ? Integer.MAX_VALUE : form};
      hasPath |= type == Dw.LNCT_PATH;
    }
    if (!hasPath) {
      throw in.error(what + " entry format has no DW_LNCT_path");
    }
    return format;
  }

  private static String pathValue(SectionInput in, Unit unit, int form, Forms.Encoding enc)
      throws DwarfException {
    long at = in.offset();
    if (form == Dw.FORM_STRING) {
      return in.cstring("path");
    }
    Attribute a = Forms.read(in, 0, form, 0, enc);
    if (form == Dw.FORM_LINE_STRP) {
      return unit.dwarf().string(".debug_line_str", a.value());
    }
    if (form == Dw.FORM_STRP) {
      return unit.dwarf().string(".debug_str", a.value());
    }
    if (Forms.isStringIndex(form)) {
      return unit.string(a);
    }
    throw in.error(at, "path in form 0x" + Integer.toHexString(form) + " is not a string");
  }

  private static long constant(SectionInput in, int form, Forms.Encoding enc, long at,
      String what) throws DwarfException {
    Attribute a = Forms.read(in, 0, form, 0, enc);
    if (!Forms.isConstant(a.form()) || a.form() == Dw.FORM_DATA16) {
      throw in.error(at, what + " in form 0x" + Integer.toHexString(form)
          + " is not a constant");
    }
    return a.value();
  }
}
