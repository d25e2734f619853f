package dev.coroner.wasi;

import static dev.coroner.interpreter.model.ValType.I32;
import static dev.coroner.interpreter.model.ValType.I64;

import dev.coroner.interpreter.model.FuncType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binding of every {@code wasi_snapshot_preview1} function of Chicory 1.7.5's {@code
 * WasiPreview1} to its method: the same names, types and argument order as Chicory's generated
 * {@code WasiPreview1_ModuleFactory} (a test checks that the two lists are equal). Strings passed
 * as (pointer, length) are read from the caller's memory as UTF-8, as the generated factory does.
 *
 * <p>Before calling the functions that move data through a list of buffers ({@code fd_read},
 * {@code fd_write}, {@code fd_pread}, {@code fd_pwrite}), and those whose result pointer is written
 * after a side effect ({@code fd_seek}, {@code path_open}), every buffer and result pointer is
 * checked against memory, so that a bad pointer returns {@code EFAULT} before any byte is read,
 * written or consumed.
 *
 * <p>Chicory copies each buffer through a fresh {@code byte[]} of the buffer's full length. So that
 * a guest cannot make the host allocate hundreds of MiB in one call, a buffer longer than {@value
 * #MAX_TRANSFER} bytes is presented to Chicory as that long, and the buffers after it not at all:
 * the call becomes a short read or write, which WASI allows and every C library retries.
 */
final class WasiFunctions {
  /** The most bytes one buffer of an fd_read/fd_write/fd_pread/fd_pwrite call moves. */
  static final int MAX_TRANSFER = 16 * 1024 * 1024;

  private static final Map<String, WasiFunction> BY_NAME = new LinkedHashMap<>();

  static {
    add("adapter_close_badfd", t(I32), (w, m, a) -> w.adapterCloseBadfd(i(a[0])));
    add("adapter_open_badfd", t(I32), (w, m, a) -> w.adapterOpenBadfd(i(a[0])));
    add("args_get", t(I32, I32), (w, m, a) -> w.argsGet(m, i(a[0]), i(a[1])));
    add("args_sizes_get", t(I32, I32), (w, m, a) -> w.argsSizesGet(m, i(a[0]), i(a[1])));
    add("clock_res_get", t(I32, I32), (w, m, a) -> w.clockResGet(m, i(a[0]), i(a[1])));
    add("clock_time_get", t(I32, I64, I32),
        (w, m, a) -> w.clockTimeGet(m, i(a[0]), a[1], i(a[2])));
    add("environ_get", t(I32, I32), (w, m, a) -> w.environGet(m, i(a[0]), i(a[1])));
    add("environ_sizes_get", t(I32, I32),
        (w, m, a) -> w.environSizesGet(m, i(a[0]), i(a[1])));
    add("fd_advise", t(I32, I64, I64, I32),
        (w, m, a) -> w.fdAdvise(i(a[0]), a[1], a[2], i(a[3])));
    add("fd_allocate", t(I32, I64, I64), (w, m, a) -> w.fdAllocate(i(a[0]), a[1], a[2]));
    add("fd_close", t(I32), (w, m, a) -> w.fdClose(i(a[0])));
    add("fd_datasync", t(I32), (w, m, a) -> w.fdDatasync(i(a[0])));
    add("fd_fdstat_get", t(I32, I32), (w, m, a) -> w.fdFdstatGet(m, i(a[0]), i(a[1])));
    add("fd_fdstat_set_flags", t(I32, I32), (w, m, a) -> w.fdFdstatSetFlags(i(a[0]), i(a[1])));
    add("fd_fdstat_set_rights", t(I32, I64, I64),
        (w, m, a) -> w.fdFdstatSetRights(i(a[0]), a[1], a[2]));
    add("fd_filestat_get", t(I32, I32), (w, m, a) -> w.fdFilestatGet(m, i(a[0]), i(a[1])));
    add("fd_filestat_set_size", t(I32, I64), (w, m, a) -> w.fdFilestatSetSize(i(a[0]), a[1]));
    add("fd_filestat_set_times", t(I32, I64, I64, I32),
        (w, m, a) -> w.fdFilestatSetTimes(i(a[0]), a[1], a[2], i(a[3])));
    add("fd_pread", t(I32, I32, I32, I64, I32), (w, m, a) -> {
      Transfer x = checkIovecs(m, a[1], a[2], a[4]);
      return w.fdPread(x.memory, i(a[0]), i(a[1]), x.count, a[3], i(a[4]));
    });
    add("fd_prestat_dir_name", t(I32, I32, I32),
        (w, m, a) -> w.fdPrestatDirName(m, i(a[0]), i(a[1]), i(a[2])));
    add("fd_prestat_get", t(I32, I32), (w, m, a) -> w.fdPrestatGet(m, i(a[0]), i(a[1])));
    add("fd_pwrite", t(I32, I32, I32, I64, I32), (w, m, a) -> {
      Transfer x = checkIovecs(m, a[1], a[2], a[4]);
      return w.fdPwrite(x.memory, i(a[0]), i(a[1]), x.count, a[3], i(a[4]));
    });
    add("fd_read", t(I32, I32, I32, I32), (w, m, a) -> {
      Transfer x = checkIovecs(m, a[1], a[2], a[3]);
      return w.fdRead(x.memory, i(a[0]), i(a[1]), x.count, i(a[3]));
    });
    add("fd_readdir", t(I32, I32, I32, I64, I32),
        (w, m, a) -> w.fdReaddir(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])));
    add("fd_renumber", t(I32, I32), (w, m, a) -> w.fdRenumber(i(a[0]), i(a[1])));
    add("fd_seek", t(I32, I64, I32, I32), (w, m, a) -> {
      m.check(i(a[3]), 8);
      return w.fdSeek(m, i(a[0]), a[1], i(a[2]), i(a[3]));
    });
    add("fd_sync", t(I32), (w, m, a) -> w.fdSync(i(a[0])));
    add("fd_tell", t(I32, I32), (w, m, a) -> w.fdTell(m, i(a[0]), i(a[1])));
    add("fd_write", t(I32, I32, I32, I32), (w, m, a) -> {
      Transfer x = checkIovecs(m, a[1], a[2], a[3]);
      return w.fdWrite(x.memory, i(a[0]), i(a[1]), x.count, i(a[3]));
    });
    add("path_create_directory", t(I32, I32, I32),
        (w, m, a) -> w.pathCreateDirectory(i(a[0]), str(m, a[1], a[2])));
    add("path_filestat_get", t(I32, I32, I32, I32, I32),
        (w, m, a) -> w.pathFilestatGet(m, i(a[0]), i(a[1]), str(m, a[2], a[3]), i(a[4])));
    add("path_filestat_set_times", t(I32, I32, I32, I32, I64, I64, I32),
        (w, m, a) ->
            w.pathFilestatSetTimes(i(a[0]), i(a[1]), str(m, a[2], a[3]), a[4], a[5], i(a[6])));
    add("path_link", t(I32, I32, I32, I32, I32, I32, I32),
        (w, m, a) ->
            w.pathLink(i(a[0]), i(a[1]), str(m, a[2], a[3]), i(a[4]), str(m, a[5], a[6])));
    add("path_open", t(I32, I32, I32, I32, I32, I64, I64, I32, I32), (w, m, a) -> {
      m.check(i(a[8]), 4);
      return w.pathOpen(
          m, i(a[0]), i(a[1]), str(m, a[2], a[3]), i(a[4]), a[5], a[6], i(a[7]), i(a[8]));
    });
    add("path_readlink", t(I32, I32, I32, I32, I32, I32),
        (w, m, a) -> w.pathReadlink(m, i(a[0]), str(m, a[1], a[2]), i(a[3]), i(a[4]), i(a[5])));
    add("path_remove_directory", t(I32, I32, I32),
        (w, m, a) -> w.pathRemoveDirectory(i(a[0]), str(m, a[1], a[2])));
    add("path_rename", t(I32, I32, I32, I32, I32, I32),
        (w, m, a) -> w.pathRename(i(a[0]), str(m, a[1], a[2]), i(a[3]), str(m, a[4], a[5])));
    add("path_symlink", t(I32, I32, I32, I32, I32),
        (w, m, a) -> w.pathSymlink(str(m, a[0], a[1]), i(a[2]), str(m, a[3], a[4])));
    add("path_unlink_file", t(I32, I32, I32),
        (w, m, a) -> w.pathUnlinkFile(i(a[0]), str(m, a[1], a[2])));
    add("poll_oneoff", t(I32, I32, I32, I32),
        (w, m, a) -> w.pollOneoff(m, i(a[0]), i(a[1]), i(a[2]), i(a[3])));
    add("proc_exit", FuncType.of(new int[] {I32}, new int[0]), (w, m, a) -> {
      w.procExit(i(a[0]));
      return 0;
    });
    add("proc_raise", t(I32), (w, m, a) -> w.procRaise(i(a[0])));
    add("random_get", t(I32, I32), (w, m, a) -> w.randomGet(m, i(a[0]), i(a[1])));
    add("sched_yield", t(), (w, m, a) -> w.schedYield());
    add("sock_accept", t(I32, I32, I32), (w, m, a) -> w.sockAccept(i(a[0]), i(a[1]), i(a[2])));
    add("sock_recv", t(I32, I32, I32, I32, I32, I32),
        (w, m, a) -> w.sockRecv(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5])));
    add("sock_send", t(I32, I32, I32, I32, I32),
        (w, m, a) -> w.sockSend(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4])));
    add("sock_shutdown", t(I32, I32), (w, m, a) -> w.sockShutdown(i(a[0]), i(a[1])));
  }

  private WasiFunctions() {}

  /** Every function, in Chicory's order (alphabetical). */
  static List<WasiFunction> all() {
    return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
  }

  /** The function called {@code name}, or null. */
  static WasiFunction named(String name) {
    return BY_NAME.get(name);
  }

  private static void add(String name, FuncType type, WasiFunction.Call call) {
    if (BY_NAME.put(name, new WasiFunction(name, type, call)) != null) {
      throw new IllegalStateException("bound twice: " + name);
    }
  }

  /** A type with these i32/i64 parameters and one i32 result (the errno). */
  private static FuncType t(int... params) {
    return FuncType.of(params, new int[] {I32});
  }

  private static int i(long bits) {
    return (int) bits;
  }

  /** A (pointer, length) string in the caller's memory, decoded as UTF-8. */
  private static String str(GuestMemory m, long pointer, long length) {
    return m.readString(i(pointer), i(length));
  }

  /** What Chicory is shown of an iovec list: the memory view and how many iovecs. */
  private record Transfer(GuestMemory memory, int count) {}

  /**
   * Checks an iovec list ({@code count} pairs of u32 base and length at {@code iovs}), every
   * buffer it names and the 4-byte result pointer; then caps the first buffer longer than {@link
   * #MAX_TRANSFER} and drops the ones after it.
   */
  private static Transfer checkIovecs(GuestMemory m, long iovs, long count, long resultPointer) {
    long n = count & 0xFFFFFFFFL;
    m.check(i(iovs), n * 8);
    m.check(i(resultPointer), 4);
    long firstLong = -1;
    for (long k = 0; k < n; k++) {
      int base = i(iovs) + (int) (k * 8);
      int buffer = m.readInt(base);
      long length = Integer.toUnsignedLong(m.readInt(base + 4));
      m.check(buffer, length);
      if (length > MAX_TRANSFER && firstLong < 0) {
        firstLong = k;
      }
    }
    if (firstLong < 0) {
      return new Transfer(m, (int) n);
    }
    int lengthField = i(iovs) + (int) (firstLong * 8) + 4;
    return new Transfer(m.withInt(lengthField, MAX_TRANSFER), (int) firstLong + 1);
  }
}
