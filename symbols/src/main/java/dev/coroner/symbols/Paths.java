package dev.coroner.symbols;

/**
 * Joining DWARF path pieces (compilation directory, include directory, file name) exactly as
 * LLVM's {@code sys::path::append} does on POSIX hosts, so that file names agree with
 * llvm-symbolizer's: a separator is added between pieces unless one is already there, leading
 * separators of a piece are dropped after one, and empty pieces are skipped.
 */
final class Paths {

  private Paths() {}

  /** Whether {@code path} is absolute for POSIX or for Windows (as LLVM asks of debug paths). */
  static boolean isAbsolute(String path) {
    if (path.startsWith("/")) {
      return true;
    }
    // Windows: a drive ("C:") or a network root ("\\server") followed by a root directory.
    if (path.length() >= 3 && path.charAt(1) == ':' && isWindowsSeparator(path.charAt(2))) {
      return true;
    }
    if (path.length() > 2 && isWindowsSeparator(path.charAt(0))
        && path.charAt(1) == path.charAt(0) && !isWindowsSeparator(path.charAt(2))) {
      for (int i = 3; i < path.length(); i++) {
        if (isWindowsSeparator(path.charAt(i))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isWindowsSeparator(char c) {
    return c == '/' || c == '\\';
  }

  /** Appends {@code piece} to {@code path} as {@code sys::path::append} (POSIX style). */
  static void append(StringBuilder path, String piece) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    boolean pathHasSeparator = path.length() > 0 && path.charAt(path.length() - 1) == '/';
    if (pathHasSeparator) {
      int i = 0;
      while (i < piece.length() && piece.charAt(i) == '/') {
        i++;
      }
      path.append(piece, i, piece.length());
      return;
    }
    boolean pieceHasSeparator = piece.charAt(0) == '/';
    if (!pieceHasSeparator && path.length() > 0) {
      path.append('/');
    }
    path.append(piece);
  }
}
