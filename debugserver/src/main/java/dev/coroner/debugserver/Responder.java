package dev.coroner.debugserver;

import java.util.Set;

/**
 * Answers one client's requests about a {@link CoreTarget}: the GDB-remote packets that LLDB's
 * {@code ProcessGDBRemote} and its WebAssembly plugin ({@code ProcessWasm}) send. Pure request to
 * reply, no I/O; one instance per session (it remembers the selected thread and whether error
 * strings are on).
 *
 * <p>Replies follow the protocol: an empty reply for a packet this server does not support, {@code
 * Exx} (with {@code ;hex-message} once the client sends {@code QEnableErrorStrings}) for a
 * failure, and an error for every packet that would change or resume the process, which a
 * coredump cannot do. Error codes: {@code E01} malformed request, {@code E02} no such thread,
 * frame or index, {@code E03} not in the coredump, {@code E04} address outside the dump, {@code
 * E05} refused because the coredump is read-only.
 */
final class Responder {

  /**
   * The reply to send, and whether the session ends after it.
   *
   * @param console text to show on the client's console first, in an {@code O} packet (only
   *     for a request to resume, which is the one time a client reads console output); empty for
   *     none
   */
  record Reply(String payload, boolean endsSession, String console) {
    static Reply of(String payload) {
      return new Reply(payload, false, "");
    }
  }

  /** Requests that resume the process: refused, with a word on the client's console. */
  private static final Set<Character> RESUMING = Set.of('c', 'C', 's', 'S', 'i', 'I');

  /** Largest memory read answered at once; LLDB asks again for the rest. */
  static final int MAX_READ = 0x8000;

  /** The packet size this server announces (hex in {@code qSupported}): a full read fits. */
  static final int PACKET_SIZE = 2 * MAX_READ + 0x100;

  static final String TRIPLE = "wasm32-unknown-unknown-wasm";

  private static final Set<Character> MUTATING =
      Set.of('M', 'X', 'P', 'G', 'Z', 'z', 'R', 'r', 'A', '_');

  private final CoreTarget target;
  private final Libraries libraries;
  private int thread;
  private boolean errorStrings;

  Responder(CoreTarget target) {
    this.target = target;
    this.libraries = new Libraries(target);
  }

  /** The reply to {@code packet} (its payload, unescaped). */
  Reply respond(String packet) {
    if (packet.isEmpty()) {
      return Reply.of("");
    }
    char c = packet.charAt(0);
    try {
      switch (c) {
        case '?':
          return Reply.of(StopReply.of(target, trappingThread()));
        case 'q':
          return Reply.of(query(packet));
        case 'Q':
          return Reply.of(set(packet));
        case 'H':
          return Reply.of(selectThread(packet));
        case 'T':
          return Reply.of(threadAlive(packet));
        case 'p':
          return Reply.of(readRegister(packet));
        case 'g':
          return Reply.of(pc());
        case 'm':
          return Reply.of(readMemory(packet));
        case 'D':
          return new Reply("OK", true, "");
        case 'k':
          return new Reply("X09", true, "");
        case 'v':
          return verbose(packet);
        default:
          if (RESUMING.contains(c)) {
            return resume(packet);
          }
          if (MUTATING.contains(c)) {
            return Reply.of(refuse(packet));
          }
          return Reply.of("");
      }
    } catch (Unavailable e) {
      return Reply.of(error(e.code(), e.getMessage()));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return Reply.of(error(0x01, "malformed packet: " + excerpt(packet)));
    }
  }

  /** Whether {@code packet} turns acknowledgements off once its reply is sent. */
  static boolean startsNoAckMode(String packet) {
    return packet.equals("QStartNoAckMode");
  }

  /** The error reply to a packet with a bad checksum when acknowledgements are off. */
  String badChecksum() {
    return error(0x01, "bad checksum");
  }

  /** The error reply to a packet longer than the server keeps. */
  String tooLong(long length) {
    return error(0x01, "packet of " + length + " bytes is too long");
  }

  private int trappingThread() {
    return 0;
  }

  private String query(String p) throws Unavailable {
    String name = p.indexOf(':') < 0 ? p : p.substring(0, p.indexOf(':'));
    String args = p.indexOf(':') < 0 ? "" : p.substring(p.indexOf(':') + 1);
    if (name.startsWith("qRegisterInfo")) {
      long n = Hex.parse(name.substring("qRegisterInfo".length()), 8);
      return n == 0
          ? "name:pc;alt-name:pc;bitsize:64;offset:0;encoding:uint;format:hex;"
              + "set:General Purpose Registers;gcc:16;dwarf:16;generic:pc;"
          : "E45";
    }
    if (name.startsWith("qThreadStopInfo")) {
      int t = threadIndex(name.substring("qThreadStopInfo".length()));
      return StopReply.of(target, t);
    }
    switch (name) {
      case "qSupported":
        return "PacketSize=" + Integer.toHexString(PACKET_SIZE)
            + ";QStartNoAckMode+;qXfer:libraries:read+;vContSupported-";
      case "qHostInfo":
        return "triple:" + Hex.text(TRIPLE) + ";endian:little;ptrsize:4;";
      case "qProcessInfo":
        return "pid:1;parent-pid:1;name:"
            + Hex.text(target.dump().processName().orElse("coredump"))
            + ";triple:" + Hex.text(TRIPLE) + ";endian:little;ptrsize:4;";
      case "qC":
        return "QC" + Integer.toHexString(thread + 1);
      case "qfThreadInfo":
        return threadList();
      case "qsThreadInfo":
        return "l";
      case "qAttached":
        return "1";
      case "qSymbol":
        return "OK";
      case "qGDBServerVersion":
        return "name:coroner-debug;version:1;";
      case "qXfer":
        return xfer(args);
      case "qWasmCallStack":
        return callStack(threadIndex(args));
      case "qWasmLocal":
        return wasmValue(args, 'L');
      case "qWasmGlobal":
        return wasmValue(args, 'G');
      case "qWasmStackValue":
        return wasmValue(args, 'S');
      default:
        return "";
    }
  }

  private String set(String p) {
    switch (p) {
      case "QStartNoAckMode", "QListThreadsInStopReply":
        return "OK";
      case "QEnableErrorStrings":
        errorStrings = true;
        return "OK";
      default:
        if (p.startsWith("QSaveRegisterState") || p.startsWith("QRestoreRegisterState")) {
          return refuse(p);
        }
        return "";
    }
  }

  private String selectThread(String p) throws Unavailable {
    if (p.length() < 2 || (p.charAt(1) != 'g' && p.charAt(1) != 'c')) {
      return "";
    }
    String id = p.substring(2);
    if (id.equals("-1") || id.equals("0") || id.isEmpty()) {
      return "OK";
    }
    int t = threadIndex(id);
    if (p.charAt(1) == 'g') {
      thread = t;
    }
    return "OK";
  }

  private String threadAlive(String p) throws Unavailable {
    threadIndex(p.substring(1));
    return "OK";
  }

  /** The thread with GDB thread id {@code hex} (ids are 1-based: thread index + 1). */
  private int threadIndex(String hex) throws Unavailable {
    int semicolon = hex.indexOf(';');
    long id = Hex.parse(semicolon < 0 ? hex : hex.substring(0, semicolon), 8);
    if (id < 1 || id > target.threadCount()) {
      throw new Unavailable(
          Unavailable.NO_SUCH,
          "no thread " + Long.toHexString(id) + " (the coredump has " + target.threadCount()
              + ")");
    }
    return (int) id - 1;
  }

  private String threadList() {
    if (target.threadCount() == 0) {
      return "l";
    }
    StringBuilder b = new StringBuilder("m");
    for (int t = 0; t < target.threadCount(); t++) {
      b.append(t == 0 ? "" : ",").append(Integer.toHexString(t + 1));
    }
    return b.toString();
  }

  private String readRegister(String p) throws Unavailable {
    int end = p.indexOf(';');
    long n = Hex.parse(end < 0 ? p.substring(1) : p.substring(1, end), 8);
    if (n != 0) {
      throw new Unavailable(Unavailable.NO_SUCH, "no register " + n + " (only 0, pc)");
    }
    return pc();
  }

  private String pc() throws Unavailable {
    if (target.threadCount() == 0 || target.frameCount(thread) == 0) {
      throw new Unavailable(Unavailable.NO_SUCH, "thread " + (thread + 1) + " has no frames");
    }
    return Hex.le64(target.pc(thread, 0));
  }

  private String callStack(int t) throws Unavailable {
    if (target.frameCount(t) == 0) {
      throw new Unavailable(Unavailable.NO_SUCH, "thread " + (t + 1) + " has no frames");
    }
    StringBuilder b = new StringBuilder();
    for (int f = 0; f < target.frameCount(t); f++) {
      b.append(Hex.le64(target.pc(t, f)));
    }
    return b.toString();
  }

  /** {@code qWasmLocal}, {@code qWasmGlobal}, {@code qWasmStackValue}: {@code frame;index}. */
  private String wasmValue(String args, char kind) throws Unavailable {
    int semicolon = args.indexOf(';');
    int frame = Integer.parseInt(args.substring(0, semicolon));
    int index = Integer.parseInt(args.substring(semicolon + 1));
    byte[] bytes =
        switch (kind) {
          case 'L' -> target.local(thread, frame, index);
          case 'G' -> target.global(thread, frame, index);
          default -> target.stackValue(thread, frame, index);
        };
    return Hex.of(bytes);
  }

  /** {@code m addr,length}: hex bytes; at most {@link #MAX_READ}, fewer at a memory's end. */
  private String readMemory(String p) throws Unavailable {
    int comma = p.indexOf(',');
    long address = Hex.parse(p.substring(1, comma), 16);
    long length = Hex.parse(p.substring(comma + 1), 16);
    if (length == 0) {
      return "";
    }
    byte[] buffer = new byte[(int) Math.min(length, MAX_READ)];
    int n = target.read(address, buffer, buffer.length);
    return Hex.of(buffer, 0, n);
  }

  /** {@code qXfer:object:read:annex:offset,length}. */
  private String xfer(String args) {
    String[] parts = args.split(":", 4);
    if (parts.length < 4 || !parts[1].equals("read")) {
      return "";
    }
    if (!parts[0].equals("libraries")) {
      return "";
    }
    int comma = parts[3].indexOf(',');
    long offset = Hex.parse(parts[3].substring(0, comma), 16);
    long length = Hex.parse(parts[3].substring(comma + 1), 16);
    return libraries.chunk(offset, Math.min(length, MAX_READ));
  }

  private Reply verbose(String p) {
    if (p.startsWith("vKill")) {
      return new Reply("X09", true, "");
    }
    if (p.startsWith("vCont;")) {
      return resume(p);
    }
    if (p.startsWith("vRun") || p.startsWith("vAttach")) {
      return Reply.of(refuse(p));
    }
    return Reply.of(""); // vCont?, vMustReplyEmpty, vFile:..., ...
  }

  private Reply resume(String packet) {
    return new Reply(
        refuse(packet), false,
        "coroner debug: the process is a coredump; it cannot run or step. Reconnect to go on"
            + " inspecting it.\n");
  }

  private String refuse(String packet) {
    return error(
        0x05,
        "the process is a coredump: it cannot run, step, stop at breakpoints or change ("
            + excerpt(packet) + ")");
  }

  private String error(int code, String message) {
    String e = String.format("E%02x", code);
    return errorStrings ? e + ";" + Hex.text(message) : e;
  }

  private static String excerpt(String packet) {
    return packet.length() <= 40 ? packet : packet.substring(0, 40) + "...";
  }
}
