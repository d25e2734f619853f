package dev.coroner.symbols;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line number program of {@code .debug_line} (DWARF 6.2), versions 2 to 5: its header
 * (directories and files in either form, DWARF 5 entry formats with {@code DW_LNCT_path}, {@code
 * directory_index}, {@code timestamp}, {@code size}, {@code MD5} and LLVM's {@code source}) and
 * the rows its program produces, grouped in sequences.
 *
 * <p>The state machine follows LLVM's {@code DWARFDebugLine} wherever the standard leaves room,
 * so lookups agree with llvm-symbolizer: registers have LLVM's widths (line and discriminator 32
 * bits, file and column 16 bits), rows after a {@code DW_LNE_set_address} of the tombstone
 * (all ones: code the linker removed) are dropped, sequences whose rows do not span a non-empty
 * range are ignored, and a lookup takes the last row at or before the address in the first
 * sequence (by end address) that contains it.
 */
final class LineTable {

  /** One entry of the file table. {@code md5} is null when the table gives none. */
  record FileEntry(String name, long directoryIndex, long modificationTime, long size, byte[] md5,
      String source) {}

  private final int version;
  private final List<String> directories;
  private final List<FileEntry> files;
  private final String compilationDir;
  private final Rows rows;
  private final long[] seqLow;
  private final long[] seqHigh;
  private final int[] seqFirst;
  private final int[] seqLast;
  /** Marks a cached index that names no file (compared by identity). */
  private static final String NO_FILE = new String("no file");

  /** {@link #fileName} by index, filled as asked (the file table is complete once read). */
  private final String[] fileNames;

  private LineTable(int version, List<String> directories, List<FileEntry> files,
      String compilationDir, Rows rows, List<long[]> sequences) {
    this.version = version;
    this.directories = directories;
    this.files = files;
    this.compilationDir = compilationDir;
    this.rows = rows;
    int n = sequences.size();
    seqLow = new long[n];
    seqHigh = new long[n];
    seqFirst = new int[n];
    seqLast = new int[n];
    for (int i = 0; i < n; i++) {
      long[] s = sequences.get(i);
      seqLow[i] = s[0];
      seqHigh[i] = s[1];
      seqFirst[i] = (int) s[2];
      seqLast[i] = (int) s[3];
    }
    this.fileNames = new String[files.size() + 1];
  }

  int version() {
    return version;
  }

  List<FileEntry> files() {
    return files;
  }

  List<String> directories() {
    return directories;
  }

  int rowCount() {
    return rows.size;
  }

  /** The row that describes {@code address}, or -1. */
  int lookup(long address) {
    // The first sequence whose end is above the address (sequences are sorted by end).
    int lo = 0;
    int hi = seqHigh.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(seqHigh[mid], address) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == seqHigh.length || Long.compareUnsigned(address, seqLow[lo]) < 0) {
      return -1;
    }
    // The last row at or before the address among rows first+1 .. last-2, else the first row.
    int first = seqFirst[lo];
    int rl = first + 1;
    int rh = seqLast[lo] - 1;
    while (rl < rh) {
      int mid = (rl + rh) >>> 1;
      if (Long.compareUnsigned(rows.address[mid], address) <= 0) {
        rl = mid + 1;
      } else {
        rh = mid;
      }
    }
    return rl - 1;
  }

  long line(int row) {
    return Integer.toUnsignedLong(rows.line[row]);
  }

  long column(int row) {
    return rows.column[row] & 0xFFFFL;
  }

  long discriminator(int row) {
    return Integer.toUnsignedLong(rows.discriminator[row]);
  }

  int file(int row) {
    return rows.file[row] & 0xFFFF;
  }

  /**
   * The full name of file {@code index} (LLVM's {@code AbsoluteFilePath} form: compilation
   * directory, include directory and name joined, unless one is absolute), or null if the table
   * has no such file.
   */
  String fileName(long index) {
    if (index < 0 || index >= fileNames.length) {
      return resolveFileName(index);
    }
    String cached = fileNames[(int) index];
    if (cached == null) {
      String resolved = resolveFileName(index);
      cached = resolved == null ? NO_FILE : resolved;
      fileNames[(int) index] = cached;
    }
    return cached == NO_FILE ? null : cached;
  }

  private String resolveFileName(long index) {
    FileEntry entry;
    if (version >= 5) {
      if (index < 0 || index >= files.size()) {
        return null;
      }
      entry = files.get((int) index);
    } else {
      if (index <= 0 || index > files.size()) {
        return null;
      }
      entry = files.get((int) index - 1);
    }
    String name = entry.name();
    if (Paths.isAbsolute(name)) {
      return name;
    }
    String includeDir = "";
    long dir = entry.directoryIndex();
    if (version >= 5) {
      if (dir >= 0 && dir < directories.size()) {
        includeDir = directories.get((int) dir);
      }
    } else if (dir > 0 && dir <= directories.size()) {
      includeDir = directories.get((int) dir - 1);
    }
    StringBuilder path = new StringBuilder();
    if ((version < 5 || dir != 0) && !compilationDir.isEmpty() && !Paths.isAbsolute(includeDir)) {
      Paths.append(path, compilationDir);
    }
    Paths.append(path, includeDir);
    Paths.append(path, name);
    return path.toString();
  }

  // ---- Reading. ----

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
    Header h = new Header();
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
    List<FileEntry> files = new ArrayList<>();
    Forms.Encoding enc = new Forms.Encoding(dwarf64, version, addressSize);
    if (version >= 5) {
      readV5Entries(header, unit, enc, directories, files);
    } else {
      readV2Entries(header, directories, files);
    }
    in.seek(programStart, "line program");
    Rows rows = new Rows();
    List<long[]> sequences = new ArrayList<>();
    runProgram(in, h, files, rows, sequences);
    sequences.sort((a, b) -> Long.compareUnsigned(a[1], b[1])); // stable, as LLVM's
    return new LineTable(version, List.copyOf(directories), List.copyOf(files),
        unit.compilationDir(), rows, sequences);
  }

  private static final class Header {
    int minInstLength;
    int maxOpsPerInst;
    boolean defaultIsStmt;
    int lineBase;
    int lineRange;
    int opcodeBase;
    int[] standardLengths;
  }

  private static void readV2Entries(SectionInput in, List<String> directories,
      List<FileEntry> files) throws DwarfException {
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
      files.add(new FileEntry(name, dir, time, size, null, null));
    }
  }

  private static void readV5Entries(SectionInput in, Unit unit, Forms.Encoding enc,
      List<String> directories, List<FileEntry> files) throws DwarfException {
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
      files.add(new FileEntry(name == null ? "" : name, dir, time, size, md5, source));
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

  // ---- The line number program. ----

  /** Growable row columns. */
  private static final class Rows {
    long[] address = new long[64];
    int[] line = new int[64];
    short[] column = new short[64];
    short[] file = new short[64];
    int[] discriminator = new int[64];
    int size;

    void add(long a, int l, short c, short f, int d) {
      if (size == address.length) {
        int n = size * 2;
        address = Arrays.copyOf(address, n);
        line = Arrays.copyOf(line, n);
        column = Arrays.copyOf(column, n);
        file = Arrays.copyOf(file, n);
        discriminator = Arrays.copyOf(discriminator, n);
      }
      address[size] = a;
      line[size] = l;
      column[size] = c;
      file[size] = f;
      discriminator[size] = d;
      size++;
    }
  }

  /** The state machine's registers (6.2.2) and the sequence being built. */
  private static final class State {
    final boolean defaultIsStmt;
    long address;
    int opIndex;
    int file;
    int line;
    int column;
    int discriminator;
    boolean isStmt;
    boolean tombstoned;
    boolean sequenceEmpty;
    long sequenceLow;
    int sequenceFirst;

    State(boolean defaultIsStmt) {
      this.defaultIsStmt = defaultIsStmt;
      reset();
    }

    void reset() {
      address = 0;
      opIndex = 0;
      file = 1;
      line = 1;
      column = 0;
      discriminator = 0;
      isStmt = defaultIsStmt;
      sequenceEmpty = true;
    }
  }

  private static void runProgram(SectionInput in, Header h, List<FileEntry> files, Rows rows,
      List<long[]> sequences) throws DwarfException {
    State s = new State(h.defaultIsStmt);
    int maxOps = Math.max(h.maxOpsPerInst, 1);
    while (!in.atEnd()) {
      int opcode = in.u8("line program opcode");
      if (opcode == 0) {
        long length = in.uleb("extended opcode length");
        long operandsAt = in.offset();
        if (length == 0) {
          continue;
        }
        if (Long.compareUnsigned(length, in.end() - operandsAt) > 0) {
          throw in.error(operandsAt, "extended opcode length " + Long.toUnsignedString(length)
              + " runs past the end of the line program");
        }
        int sub = in.u8("extended opcode");
        switch (sub) {
          case Dw.LNE_END_SEQUENCE -> {
            emit(s, rows, sequences, true);
            s.reset();
          }
          case Dw.LNE_SET_ADDRESS -> {
            int width = (int) (length - 1);
            if (width == 1 || width == 2 || width == 4 || width == 8) {
              s.address = in.fixed(width, "address");
              s.opIndex = 0;
              s.tombstoned = s.address == Dw.tombstone(width);
            }
          }
          case Dw.LNE_DEFINE_FILE -> {
            String name = in.cstring("file name");
            long dir = in.uleb("directory index");
            long time = in.uleb("modification time");
            long size = in.uleb("file size");
            files.add(new FileEntry(name, dir, time, size, null, null));
          }
          case Dw.LNE_SET_DISCRIMINATOR -> s.discriminator = (int) in.uleb("discriminator");
          default -> { } // unknown: skipped by its length below
        }
        in.seek(operandsAt + length, "end of extended opcode");
      } else if (opcode < h.opcodeBase) {
        switch (opcode) {
          case Dw.LNS_COPY -> emit(s, rows, sequences, false);
          case Dw.LNS_ADVANCE_PC -> advance(s, h, maxOps, in.uleb("address advance"));
          case Dw.LNS_ADVANCE_LINE -> s.line += (int) in.sleb("line advance");
          case Dw.LNS_SET_FILE -> s.file = (int) in.uleb("file") & 0xFFFF;
          case Dw.LNS_SET_COLUMN -> s.column = (int) in.uleb("column") & 0xFFFF;
          case Dw.LNS_NEGATE_STMT -> s.isStmt = !s.isStmt;
          case Dw.LNS_SET_BASIC_BLOCK, Dw.LNS_SET_PROLOGUE_END, Dw.LNS_SET_EPILOGUE_BEGIN -> { }
          case Dw.LNS_CONST_ADD_PC -> advance(s, h, maxOps, operationAdvance(h, 255));
          case Dw.LNS_FIXED_ADVANCE_PC -> {
            s.address += in.u16("fixed address advance");
            s.opIndex = 0;
          }
          case Dw.LNS_SET_ISA -> in.uleb("isa");
          default -> {
            // An opcode DWARF 5 does not define: skip the operands the header declares.
            for (int i = 0; i < h.standardLengths[opcode - 1]; i++) {
              in.uleb("operand");
            }
          }
        }
      } else {
        int adjusted = (opcode - h.opcodeBase) & 0xFF;
        advance(s, h, maxOps, operationAdvance(h, opcode));
        if (h.lineRange != 0) {
          s.line += h.lineBase + adjusted % h.lineRange;
        }
        emit(s, rows, sequences, false);
      }
    }
  }

  private static long operationAdvance(Header h, int opcode) {
    int adjusted = (opcode - h.opcodeBase) & 0xFF;
    return h.lineRange == 0 ? 0 : adjusted / h.lineRange;
  }

  private static void advance(State s, Header h, int maxOps, long operationAdvance) {
    long ops = s.opIndex + operationAdvance;
    s.address += Long.divideUnsigned(ops, maxOps) * h.minInstLength;
    s.opIndex = (int) Long.remainderUnsigned(ops, maxOps);
  }

  private static void emit(State s, Rows rows, List<long[]> sequences, boolean endSequence) {
    if (s.tombstoned) {
      return;
    }
    int index = rows.size;
    if (s.sequenceEmpty) {
      s.sequenceEmpty = false;
      s.sequenceLow = s.address;
      s.sequenceFirst = index;
    }
    rows.add(s.address, s.line, (short) s.column, (short) s.file, s.discriminator);
    if (endSequence) {
      long high = s.address;
      if (Long.compareUnsigned(s.sequenceLow, high) < 0 && s.sequenceFirst < index + 1) {
        sequences.add(new long[] {s.sequenceLow, high, s.sequenceFirst, index + 1});
      }
      s.sequenceEmpty = true;
    }
    s.discriminator = 0;
  }
}
