package dev.coroner.debugserver;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * What LLDB must show for a frame of a test program, derived from the coredump and the recorded
 * DWARF facts only: the frame's function and source line, and C variables evaluated from their
 * DWARF locations over the dump's locals, operand stack, globals and memory.
 */
final class Expected {

  /** A variable's location evaluated in a frame: a value, or an address in linear memory. */
  private record Place(boolean isValue, long bits) {}

  private final DwarfFacts dwarf;
  private final CoreDump dump;
  private final WasmLayout layout;

  Expected(DwarfFacts dwarf, CoreDump dump, WasmLayout layout) {
    this.dwarf = dwarf;
    this.dump = dump;
    this.layout = layout;
  }

  Frame frame(int index) {
    return dump.threads().get(0).frames().get(index);
  }

  /**
   * The DWARF address LLDB looks up for frame {@code index}: its instruction (the trapping one,
   * or for an older frame the call, which holds LLDB's {@code pc - 1}).
   */
  long address(int index) {
    Frame f = frame(index);
    return layout.dwarfAddress(f.functionIndex(), f.codeOffset());
  }

  /** The load address LLDB shows as frame 0's {@code pc}. */
  long pc0() {
    Frame f = frame(0);
    return (1L << 62) | ((long) f.instanceIndex() << 32)
        | layout.fileOffset(f.functionIndex(), f.codeOffset());
  }

  /** The DWARF subprogram of frame {@code index}, if its function has one. */
  Optional<DwarfFacts.Die> subprogram(int index) {
    return dwarf.subprogramAt(address(index));
  }

  DwarfFacts.Die function(int index) {
    return dwarf.subprogramAt(address(index))
        .orElseThrow(() -> new AssertionError("no DWARF subprogram for frame " + index));
  }

  /** {@code file:line[:column]} as LLDB prints a frame's source position. */
  String source(int index) {
    DwarfFacts.Row row = dwarf.lineAt(address(index));
    String file = row.fileName();
    String base = file.substring(file.lastIndexOf('/') + 1);
    return base + ":" + row.line() + (row.column() == 0 ? "" : ":" + row.column());
  }

  /** Whether {@code name}'s location in frame {@code index} is a location list. */
  boolean isLocationList(int index, String name) {
    return DwarfFacts.location(variable(index, name)).isList();
  }

  /**
   * LLDB's line for {@code frame variable EXPRESSION} in frame {@code index}, e.g. {@code (int)
   * it->count = 0}, or {@code (int) x = <variable not available>} where the dump or the DWARF
   * does not give a value. EXPRESSION is a variable, {@code p->member} or {@code s.member}.
   */
  String line(int index, String expression) {
    String[] arrow = expression.split("->", 2);
    String[] dot = expression.split("\\.", 2);
    String name = arrow.length == 2 ? arrow[0] : dot.length == 2 ? dot[0] : expression;
    DwarfFacts.Die variable = variable(index, name);
    Optional<Place> place = place(index, variable);
    if (arrow.length == 1 && dot.length == 1) {
      String type = variable.typeName().orElseThrow();
      return "(" + type + ") " + expression + " = "
          + place.map(p -> render(variable.typeRef().orElseThrow(), p)).orElse(
              "<variable not available>");
    }
    DwarfFacts.Die struct;
    long base;
    if (arrow.length == 2) {
      DwarfFacts.Die pointer = dwarf.resolve(variable.typeRef().orElseThrow());
      struct = dwarf.resolve(pointer.typeRef().orElseThrow());
      base = read(place.orElseThrow(), 4);
    } else {
      struct = dwarf.resolve(variable.typeRef().orElseThrow());
      Place p = place.orElseThrow();
      if (p.isValue()) {
        throw new AssertionError(name + " is not in memory; cannot take ." + dot[1]);
      }
      base = p.bits();
    }
    String memberName = arrow.length == 2 ? arrow[1] : dot[1];
    DwarfFacts.Die member = struct.children.stream()
        .filter(c -> c.tag.equals("DW_TAG_member") && c.name().filter(memberName::equals)
            .isPresent())
        .findFirst().orElseThrow(() -> new AssertionError(struct + " has no " + memberName));
    long address = base + member.number("DW_AT_data_member_location").orElseThrow();
    return "(" + member.typeName().orElseThrow() + ") " + expression + " = "
        + render(member.typeRef().orElseThrow(), new Place(false, address));
  }

  /** The value of a pointer variable in a frame (for a heap address to read). */
  long pointer(int index, String name) {
    DwarfFacts.Die v = variable(index, name);
    return read(place(index, v).orElseThrow(), 4);
  }

  /** {@code length} bytes of the frame's instance's memory 0 at {@code address}. */
  byte[] memory(int index, long address, int length) {
    return memoryOf(frame(index)).bytes(address, length);
  }

  private DwarfFacts.Die variable(int index, String name) {
    return dwarf.variable(function(index), address(index), name)
        .orElseThrow(() -> new AssertionError("no variable " + name + " in frame " + index));
  }

  private Optional<Place> place(int index, DwarfFacts.Die variable) {
    Optional<String> expression = DwarfFacts.location(variable).at(address(index));
    if (expression.isEmpty()) {
      return Optional.empty();
    }
    return evaluate(index, expression.get());
  }

  /** A small DWARF expression evaluator: the operations clang emits for Wasm at -O0 and -O1. */
  private Optional<Place> evaluate(int index, String expression) {
    Frame f = frame(index);
    Deque<Long> stack = new ArrayDeque<>();
    boolean value = false;
    for (String op : expression.split(", ")) {
      String[] t = op.trim().split(" ");
      switch (t[0]) {
        case "DW_OP_WASM_location" -> {
          int kind = Integer.decode(t[1]);
          int i = Integer.decode(t[2]);
          Optional<Long> v = switch (kind) {
            case 0 -> i < f.locals().size() ? bits(f.locals().get(i)) : Optional.empty();
            case 2 -> i < f.stack().size() ? bits(f.stack().get(i)) : Optional.empty();
            case 1, 3 -> Optional.of(global(f, i));
            default -> throw new AssertionError("unknown DW_OP_WASM_location kind " + kind);
          };
          if (v.isEmpty()) {
            return Optional.empty();
          }
          stack.push(v.get());
        }
        case "DW_OP_fbreg" -> {
          DwarfFacts.Die sub = function(index);
          String base = DwarfFacts.strip(sub.attribute("DW_AT_frame_base").orElseThrow());
          Optional<Place> frameBase = evaluate(index, base);
          if (frameBase.isEmpty()) {
            return Optional.empty();
          }
          stack.push((frameBase.get().bits() & 0xFFFF_FFFFL) + Long.parseLong(t[1].replace("+", "")));
        }
        case "DW_OP_consts", "DW_OP_constu" -> stack.push(Long.parseLong(t[1].replace("+", "")));
        case "DW_OP_plus_uconst" -> stack.push(stack.pop() + Long.decode(t[1]));
        case "DW_OP_plus" -> stack.push(stack.pop() + stack.pop());
        case "DW_OP_minus" -> {
          long top = stack.pop();
          stack.push(stack.pop() - top);
        }
        case "DW_OP_stack_value" -> value = true;
        default -> {
          if (t[0].startsWith("DW_OP_lit")) {
            stack.push(Long.parseLong(t[0].substring("DW_OP_lit".length())));
          } else {
            throw new AssertionError("DWARF operation not supported by the test: " + op);
          }
        }
      }
    }
    return Optional.of(new Place(value, stack.pop()));
  }

  private long global(Frame f, int index) {
    Instance instance = dump.instances().get(f.instanceIndex());
    return dump.globals().get(instance.globals().get(index)).lowBits();
  }

  private static Optional<Long> bits(Value v) {
    return v.isMissing() ? Optional.empty() : Optional.of(v.bits());
  }

  private MemoryContents memoryOf(Frame f) {
    Instance instance = dump.instances().get(f.instanceIndex());
    return dump.memories().get(instance.memories().get(0)).contents();
  }

  private long read(Place p, int size) {
    if (p.isValue()) {
      return p.bits();
    }
    byte[] b = memoryOf(frame(0)).bytes(p.bits(), size);
    long v = 0;
    for (int i = size - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  /** A value of {@code type} as LLDB prints it: signed or unsigned decimal, pointers as 0x%08x. */
  private String render(long typeOffset, Place p) {
    DwarfFacts.Die type = dwarf.resolve(typeOffset);
    if (type.tag.equals("DW_TAG_pointer_type")) {
      return String.format("0x%08x", read(p, 4) & 0xFFFF_FFFFL);
    }
    if (!type.tag.equals("DW_TAG_base_type")) {
      throw new AssertionError("the test renders only base and pointer types, not " + type);
    }
    int size = type.number("DW_AT_byte_size").orElseThrow().intValue();
    String encoding = DwarfFacts.strip(type.attribute("DW_AT_encoding").orElseThrow());
    long raw = read(p, size);
    if (size < 8) {
      raw &= (1L << (8 * size)) - 1;
    }
    return switch (encoding) {
      case "DW_ATE_signed" -> Long.toString(size == 8 ? raw : (raw << (64 - 8 * size)) >> (64 - 8 * size));
      case "DW_ATE_unsigned" -> Long.toUnsignedString(raw);
      default -> throw new AssertionError("the test renders no " + encoding);
    };
  }
}
