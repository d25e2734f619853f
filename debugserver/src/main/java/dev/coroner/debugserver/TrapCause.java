package dev.coroner.debugserver;

import dev.coroner.coredump.Value;
import java.util.List;

/**
 * Why a frame trapped, told from the instruction it points at and (when the dump has them) that
 * instruction's operands on the frame's stack. A coredump does not record the trap message, so
 * this is an inference; where the instruction allows several causes and the operands do not
 * decide, all are named.
 */
final class TrapCause {
  private TrapCause() {}

  /**
   * The cause of a trap at {@code offset} of {@code image}, e.g. {@code "integer divide by zero
   * (i32.div_s)"}.
   *
   * @param stack the trapping frame's operand stack, bottom to top (empty if not captured)
   */
  static String describe(ModuleImage image, int offset, int bodyEnd, List<Value> stack) {
    ModuleReader r = image.reader(offset, bodyEnd);
    try {
      int op = r.u8();
      if (op == 0x00) {
        return "unreachable";
      }
      if (op >= 0x28 && op <= 0x3E) {
        return "out of bounds memory access (" + memoryOp(op) + ")";
      }
      switch (op) {
        case 0x10, 0x12:
          return "call stack exhausted, or a trap in the host function called here (call)";
        case 0x11, 0x13:
          return "undefined element, uninitialized element or indirect call type mismatch"
              + " (call_indirect)";
        case 0x14, 0x15:
          return "null function reference (call_ref)";
        case 0x25, 0x26:
          return "out of bounds table access (" + (op == 0x25 ? "table.get" : "table.set") + ")";
        case 0x6D:
          return signedDivision("i32.div_s", stack);
        case 0x7F:
          return signedDivision("i64.div_s", stack);
        case 0x6E, 0x6F, 0x70:
          return "integer divide by zero (" + I32_DIV[op - 0x6E] + ")";
        case 0x80, 0x81, 0x82:
          return "integer divide by zero (" + I64_DIV[op - 0x80] + ")";
        case 0xA8, 0xA9, 0xAA, 0xAB, 0xAE, 0xAF, 0xB0, 0xB1:
          return truncation(op, stack);
        case 0xFC:
          return prefixed((int) r.u32());
        case 0xFD:
          return "out of bounds memory access, if this SIMD instruction accesses memory";
        default:
          return "trap at an instruction that does not trap by itself (opcode 0x"
              + Integer.toHexString(op) + ")";
      }
    } catch (ModuleFormatException e) {
      return "trap (the instruction at the trap cannot be read: " + e.getMessage() + ")";
    }
  }

  private static final String[] I32_DIV = {"i32.div_u", "i32.rem_s", "i32.rem_u"};
  private static final String[] I64_DIV = {"i64.div_u", "i64.rem_s", "i64.rem_u"};

  private static String memoryOp(int op) {
    return op <= 0x35 ? "load" : "store";
  }

  private static String signedDivision(String name, List<Value> stack) {
    if (stack.isEmpty()) {
      return "integer divide by zero or integer overflow (" + name + ")";
    }
    Value divisor = stack.get(stack.size() - 1);
    if (divisor.isMissing()) {
      return "integer divide by zero or integer overflow (" + name + ")";
    }
    return (divisor.bits() == 0 ? "integer divide by zero (" : "integer overflow (") + name + ")";
  }

  private static String truncation(int op, List<Value> stack) {
    boolean fromF32 = op == 0xA8 || op == 0xA9 || op == 0xAE || op == 0xAF;
    String name = TRUNC_NAMES[op < 0xAE ? op - 0xA8 : op - 0xAE + 4];
    if (!stack.isEmpty()) {
      Value v = stack.get(stack.size() - 1);
      if (v.kind() == Value.Kind.F32 || v.kind() == Value.Kind.F64) {
        boolean nan =
            fromF32 ? Float.isNaN(v.asF32()) : Double.isNaN(v.asF64());
        return (nan ? "invalid conversion to integer (" : "integer overflow (") + name + ")";
      }
    }
    return "integer overflow or invalid conversion to integer (" + name + ")";
  }

  private static final String[] TRUNC_NAMES = {
    "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
    "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s", "i64.trunc_f64_u"
  };

  private static String prefixed(int sub) {
    return switch (sub) {
      case 8 -> "out of bounds memory access (memory.init)";
      case 10 -> "out of bounds memory access (memory.copy)";
      case 11 -> "out of bounds memory access (memory.fill)";
      case 12 -> "out of bounds table access (table.init)";
      case 14 -> "out of bounds table access (table.copy)";
      case 17 -> "out of bounds table access (table.fill)";
      default -> "trap at an instruction that does not trap by itself (0xfc " + sub + ")";
    };
  }

  /**
   * The length of the call instruction at {@code offset}, so that an older frame can report its
   * return address (the byte after its call), as live debug stubs do and as LLDB expects; 0 if the
   * instruction there is not a call.
   */
  static int callLength(ModuleImage image, int offset, int bodyEnd) {
    ModuleReader r = image.reader(offset, bodyEnd);
    try {
      int op = r.u8();
      switch (op) {
        case 0x10, 0x12, 0x14, 0x15 -> r.u32();
        case 0x11, 0x13 -> {
          r.u32();
          r.u32();
        }
        default -> {
          return 0;
        }
      }
      return r.pos() - offset;
    } catch (ModuleFormatException e) {
      return 0;
    }
  }
}
