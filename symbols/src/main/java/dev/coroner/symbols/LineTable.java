package dev.coroner.symbols;

import java.util.List;

/**
 * One line table of {@code .debug_line} (DWARF 6.2) as read by {@link LineTableReader}: its
 * directories and files, and the rows its program produced ({@link LineProgram}), grouped in
 * sequences sorted by end address.
 *
 * <p>Lookups follow LLVM's {@code DWARFDebugLine}, so they agree with llvm-symbolizer: the last
 * row at or before the address in the first sequence (by end address) that contains it; file
 * names joined as LLVM joins them.
 */
final class LineTable {

  /** One entry of the file table. {@code md5} is null when the table gives none. */
  record FileEntry(String name, long directoryIndex, long modificationTime, long size, byte[] md5,
      String source) {}

  private final int version;
  private final List<String> directories;
  private final List<FileEntry> files;
  private final String compilationDir;
  private final LineRows rows;
  private final long[] seqLow;
  private final long[] seqHigh;
  private final int[] seqFirst;
  private final int[] seqLast;
  /** Marks a cached index that names no file (compared by identity). */
  private static final String NO_FILE = new String("no file");

  /** {@link #fileName} by index, filled as asked (the file table is complete once read). */
  private final String[] fileNames;

  LineTable(int version, List<String> directories, List<FileEntry> files,
      String compilationDir, LineRows rows, List<long[]> sequences) {
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
}
