package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.BinaryReader;
import dev.coroner.interpreter.Instruction.Immediates;
import dev.coroner.interpreter.model.ValType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The instruction table against an independent source: wabt assembles a function using each entry
 * by its text name, and decoding that function's bytes with the table gives back exactly the names
 * written (so encodings and immediate shapes agree); the interpreter's validator, which types
 * instructions from the table, accepts what wabt's validator accepted.
 */
class InstructionTableTest {
  /** Parameters of every test function: one local of each type, by index. */
  private static final String PARAMS = "(param i32 i64 f32 f64 funcref externref)";
  private static final Map<Integer, Integer> LOCAL_OF_TYPE = Map.of(
      ValType.I32, 0, ValType.I64, 1, ValType.F32, 2, ValType.F64, 3, ValType.FUNCREF, 4,
      ValType.EXTERNREF, 5);

  /** Bodies for the instructions that the table alone does not say how to use. */
  private static final Map<Instruction, String> BODIES = new EnumMap<>(Instruction.class);

  static {
    BODIES.put(Instruction.UNREACHABLE, "unreachable");
    BODIES.put(Instruction.NOP, "nop");
    BODIES.put(Instruction.BLOCK, "block end");
    BODIES.put(Instruction.LOOP, "loop end");
    BODIES.put(Instruction.IF, "local.get 0 if end");
    BODIES.put(Instruction.ELSE, "local.get 0 if nop else nop end");
    BODIES.put(Instruction.END, "block end");
    BODIES.put(Instruction.BR, "block br 0 end");
    BODIES.put(Instruction.BR_IF, "block local.get 0 br_if 0 end");
    BODIES.put(Instruction.BR_TABLE, "block local.get 0 br_table 0 0 end");
    BODIES.put(Instruction.RETURN, "return");
    BODIES.put(Instruction.CALL, "call $nop");
    BODIES.put(Instruction.CALL_INDIRECT, "local.get 0 call_indirect $t (type $v)");
    BODIES.put(Instruction.DROP, "local.get 0 drop");
    BODIES.put(Instruction.SELECT, "local.get 0 local.get 0 local.get 0 select drop");
    BODIES.put(Instruction.SELECT_T,
        "local.get 4 local.get 4 local.get 0 select (result funcref) drop");
    BODIES.put(Instruction.LOCAL_GET, "local.get 0 drop");
    BODIES.put(Instruction.LOCAL_SET, "local.get 0 local.set 0");
    BODIES.put(Instruction.LOCAL_TEE, "local.get 0 local.tee 0 drop");
    BODIES.put(Instruction.GLOBAL_GET, "global.get $g drop");
    BODIES.put(Instruction.GLOBAL_SET, "local.get 0 global.set $g");
    BODIES.put(Instruction.TABLE_GET, "local.get 0 table.get $t drop");
    BODIES.put(Instruction.TABLE_SET, "local.get 0 local.get 4 table.set $t");
    BODIES.put(Instruction.TABLE_INIT, "local.get 0 local.get 0 local.get 0 table.init $t $el");
    BODIES.put(Instruction.ELEM_DROP, "elem.drop $el");
    BODIES.put(Instruction.TABLE_COPY, "local.get 0 local.get 0 local.get 0 table.copy $t $t");
    BODIES.put(Instruction.TABLE_GROW, "local.get 4 local.get 0 table.grow $t drop");
    BODIES.put(Instruction.TABLE_SIZE, "table.size $t drop");
    BODIES.put(Instruction.TABLE_FILL, "local.get 0 local.get 4 local.get 0 table.fill $t");
    BODIES.put(Instruction.MEMORY_SIZE, "memory.size drop");
    BODIES.put(Instruction.MEMORY_GROW, "local.get 0 memory.grow drop");
    BODIES.put(Instruction.MEMORY_INIT, "local.get 0 local.get 0 local.get 0 memory.init $d");
    BODIES.put(Instruction.DATA_DROP, "data.drop $d");
    BODIES.put(Instruction.MEMORY_COPY, "local.get 0 local.get 0 local.get 0 memory.copy");
    BODIES.put(Instruction.MEMORY_FILL, "local.get 0 local.get 0 local.get 0 memory.fill");
    BODIES.put(Instruction.REF_NULL, "ref.null extern drop");
    BODIES.put(Instruction.REF_IS_NULL, "local.get 5 ref.is_null drop");
    BODIES.put(Instruction.REF_FUNC, "ref.func $nop drop");
    BODIES.put(Instruction.RETURN_CALL, "return_call $nop");
    BODIES.put(Instruction.RETURN_CALL_INDIRECT,
        "local.get 0 return_call_indirect $t (type $v)");
  }

  /** A body that uses {@code in}: its operands from the parameters, its results dropped. */
  private static String body(Instruction in) {
    if (BODIES.containsKey(in)) {
      return BODIES.get(in);
    }
    StringBuilder b = new StringBuilder();
    for (byte t : in.params()) {
      int type = t == Instruction.Sig.ADDRESS || t == Instruction.Sig.INDEX ? ValType.I32
          : t & 0xFF;
      b.append("local.get ").append(LOCAL_OF_TYPE.get(type)).append(' ');
    }
    b.append(in.text());
    if (in.immediates() == Immediates.I32 || in.immediates() == Immediates.I64
        || in.immediates() == Immediates.F32 || in.immediates() == Immediates.F64) {
      b.append(" 0");
    }
    for (int i = 0; i < in.results().length; i++) {
      b.append(" drop");
    }
    return b.toString();
  }

  @Test
  void everyEntryAssemblesWithWabtAndDecodesBackToItsName() {
    Set<String> names = new HashSet<>();
    for (Instruction in : Instruction.values()) {
      names.add(in.text());
    }
    StringBuilder wat = new StringBuilder("(module (type $v (func)) (memory 1)"
        + " (table $t 2 funcref) (global $g (mut i32) (i32.const 0)) (data $d \"ab\")"
        + " (elem $el func $nop) (func $nop)");
    List<Instruction> order = List.of(Instruction.values());
    for (Instruction in : order) {
      wat.append(" (func ").append(PARAMS).append(' ').append(body(in)).append(')');
    }
    byte[] bytes = Wat.bytes3(wat.append(')').toString());
    WasmModule module = WasmModule.parse(bytes);

    for (int k = 0; k < order.size(); k++) {
      Instruction in = order.get(k);
      int funcIndex = k + 1; // after $nop
      List<String> expected = new ArrayList<>();
      for (String token : body(in).split(" ")) {
        if (names.contains(token)) {
          expected.add(token);
        }
      }
      expected.add(Instruction.END.text());
      assertEquals(expected, decodedNames(module, funcIndex), "function for " + in.text());
    }
  }

  /** The names of the instructions of a body, decoded with the table; checks the disassembler. */
  private static List<String> decodedNames(WasmModule module, int funcIndex) {
    CompiledFunction cf = module.compiled(funcIndex);
    BinaryReader<MalformedException> r = ModuleErrors.reader(module.bytes);
    r.skip(cf.instrStart, "module");
    List<String> names = new ArrayList<>();
    while (r.position() < cf.bodyEnd) {
      int at = r.position();
      int op = r.readByte("opcode");
      Instruction in = op == 0xFC || op == 0xFD
          ? Instruction.decode(op, r.readU32("subopcode")) : Instruction.decode(0, op);
      assertTrue(in != null, "unknown opcode at " + at);
      in.immediates().skip(r);
      names.add(in.text());
      assertEquals(in.text(), module.instructionAt(funcIndex, at - cf.bodyStart).orElseThrow());
    }
    return names;
  }

  @Test
  void decodingFindsEachEntryByItsEncodingAndNothingElse() {
    int found = 0;
    for (int op = 0; op < 0x100; op++) {
      Instruction in = Instruction.decode(0, op);
      if (in != null) {
        assertEquals(0, in.prefix());
        assertEquals(op, in.opcode());
        found++;
      }
    }
    for (int sub = 0; sub < 0x200; sub++) {
      Instruction in = Instruction.decode(0xFC, sub);
      if (in != null) {
        assertEquals(0xFC, in.prefix());
        assertEquals(sub, in.opcode());
        found++;
      }
    }
    assertNull(Instruction.decode(0xFC, -1));
    assertNull(Instruction.decode(0xFD, 0));
    assertEquals(Instruction.values().length, found);
    for (Instruction in : Instruction.values()) {
      assertSame(in, Instruction.of(in.code()));
    }
  }

  @Test
  void typedEntriesTakeAsManyCodeIntsAsTheCompilerEmits() {
    for (Instruction in : Instruction.values()) {
      if (!in.typed()) {
        continue;
      }
      WasmModule m = Wat.module("(module (type $v (func)) (memory 1) (table $t 2 funcref)"
          + " (data $d \"ab\") (elem $el func $nop) (func $nop) (func " + PARAMS + " "
          + body(in) + "))");
      int[] code = m.compiled(1).code;
      int at = 0;
      while (code[at] != in.code()) {
        // Operands come from locals, which the compiler may fuse (see Op).
        if (code[at] == Op.LOCAL_GET) {
          at += 2;
        } else if (code[at] == Op.LOCAL_GET2) {
          at += 3;
        } else if (code[at] == Op.I32_LOAD_LOCAL && in == Instruction.I32_LOAD) {
          at += 1;
          break;
        } else {
          throw new AssertionError(in.text() + ": unexpected " + Instruction.of(code[at]));
        }
      }
      int next = at + in.codeLength();
      assertTrue(next < code.length, in.text());
      assertTrue(code[next] == Op.DROP || code[next] == Op.RETURN,
          in.text() + " is followed by " + Instruction.of(code[next]));
    }
  }

  /**
   * Every instruction's text name appears in the interpreter's sources only in its table entry
   * (single-word names such as "block" are ordinary words and are not checked).
   */
  @Test
  void instructionNamesAppearOnlyInTheTable() throws IOException {
    Path sources = Path.of("src/main/java");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertTrue(files.size() > 20, "sources not found under " + sources.toAbsolutePath());
    for (Path file : files) {
      String text = Files.readString(file);
      int count = 0;
      for (Instruction in : Instruction.values()) {
        String name = in.text();
        if (!name.contains(".") && !name.contains("_")) {
          continue;
        }
        int occurrences = occurrences(text, "\"" + name + "\"") + occurrences(text, name + " ")
            + occurrences(text, name + "}") + occurrences(text, name + ")")
            + occurrences(text, name + ",") + occurrences(text, name + ";")
            + occurrences(text, name + "\n");
        if (file.endsWith("Instruction.java")) {
          assertEquals(1, occurrences, name + " in the table");
          count++;
        } else {
          assertEquals(0, occurrences, name + " outside the table, in " + file);
        }
      }
      if (file.endsWith("Instruction.java")) {
        assertTrue(count > 150, "checked " + count + " names in the table");
      }
    }
  }

  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      char before = i > 0 ? text.charAt(i - 1) : ' ';
      if (!Character.isLetterOrDigit(before) && before != '_' && before != '.') {
        n++;
      }
    }
    return n;
  }
}
