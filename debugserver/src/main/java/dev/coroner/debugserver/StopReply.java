package dev.coroner.debugserver;

/**
 * The stop reply ({@code T} packet) of a thread: signal 5 (SIGTRAP) with {@code reason:exception}
 * and the trap's description for the thread that trapped (the dump's first thread), signal 0 and
 * no reason for the others; every thread's id and youngest address, and register 0 ({@code pc})
 * expedited.
 */
final class StopReply {
  private StopReply() {}

  static String of(CoreTarget target, int thread) {
    if (target.threadCount() == 0) {
      return "S05"; // a dump without threads: stopped, with nothing to show
    }
    boolean trapped = thread == 0;
    StringBuilder b = new StringBuilder(trapped ? "T05" : "T00");
    b.append("thread:").append(Integer.toHexString(thread + 1)).append(';');
    b.append("hexname:").append(Hex.text(target.threadName(thread))).append(';');
    b.append("threads:");
    for (int t = 0; t < target.threadCount(); t++) {
      b.append(t == 0 ? "" : ",").append(Integer.toHexString(t + 1));
    }
    b.append(";thread-pcs:");
    for (int t = 0; t < target.threadCount(); t++) {
      long pc = target.frameCount(t) == 0 ? 0 : target.pc(t, 0);
      b.append(t == 0 ? "" : ",").append(Long.toHexString(pc));
    }
    b.append(';');
    if (target.frameCount(thread) > 0) {
      b.append("00:").append(Hex.le64(target.pc(thread, 0))).append(';');
    }
    if (trapped) {
      b.append("reason:exception;description:")
          .append(Hex.text(target.trapDescription()))
          .append(';');
    }
    return b.toString();
  }
}
