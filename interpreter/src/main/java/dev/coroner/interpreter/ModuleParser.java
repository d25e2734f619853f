package dev.coroner.interpreter;

import dev.coroner.coredump.BinaryReader;
import dev.coroner.interpreter.model.Export;
import dev.coroner.interpreter.model.ExternKind;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.Import;
import dev.coroner.interpreter.model.Limits;
import dev.coroner.interpreter.model.TableType;
import dev.coroner.interpreter.model.ValType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a binary module section by section and validates it. Validation errors found while
 * decoding are deferred until the whole module has been decoded, so that a module that is both
 * malformed and invalid is reported as malformed, as the spec's reference interpreter does.
 *
 * <p>Each section, and each function body, is read through its own {@link BinaryReader} slice of
 * the module's bytes (positions stay absolute), with {@link ModuleErrors}' spec texts.
 */
final class ModuleParser implements ModuleContext {
  private static final int MAX_PAGES = 65536;
  /** The most pages a 64-bit memory may declare (2^48: 2^64 bytes). */
  private static final long MAX_PAGES_64 = 1L << 48;
  /** Upper bound on the number of locals in one function (the reference interpreter's limit). */
  private static final long MAX_LOCALS = 50_000;

  private final byte[] bytes;
  private final Features features;
  private final List<FuncType> types = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<Integer> funcTypes = new ArrayList<>();
  private int importedFuncs;
  private final List<TableType> tables = new ArrayList<>();
  private int importedTables;
  private final List<Limits> memories = new ArrayList<>();
  private int importedMemories;
  private final List<GlobalType> globals = new ArrayList<>();
  private int importedGlobals;
  private final List<ConstExpr> globalInits = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private int start = -1;
  private final List<ElemSegment> elems = new ArrayList<>();
  private final List<DataSegment> datas = new ArrayList<>();
  private CompiledFunction[] code;
  private int dataCount = -1;
  private String name;
  private final Set<Integer> declaredRefs = new HashSet<>();
  private InvalidException deferred;
  private int[] funcTypeArray;
  private int dataUseWithoutCount = -1;

  private ModuleParser(byte[] bytes, Features features) {
    this.bytes = bytes;
    this.features = features;
  }

  /** Decodes and validates {@code bytes} with the given WebAssembly 3.0 features. */
  static WasmModule parse(byte[] bytes, Features features) {
    return new ModuleParser(bytes.clone(), features).run();
  }

  private void invalid(String message, String detail) {
    if (deferred == null) {
      deferred = new InvalidException(message, detail);
    }
  }

  private void invalidAt(String message, String detail, int offset) {
    if (deferred == null) {
      deferred = InvalidException.at(message, detail, offset);
    }
  }

  private WasmModule run() {
    BinaryReader<MalformedException> r = ModuleErrors.reader(bytes);
    if (r.remaining() < 4) {
      throw MalformedException.at("unexpected end", r.remaining());
    }
    if (r.readByte("magic") != 0 || r.readByte("magic") != 'a' || r.readByte("magic") != 's'
        || r.readByte("magic") != 'm') {
      throw MalformedException.at("magic header not detected", 0);
    }
    if (r.remaining() < 4) {
      throw MalformedException.at("unexpected end", r.position());
    }
    if (r.readFixed(4, "version") != 1) {
      throw MalformedException.at("unknown binary version", 4);
    }
    int lastOrder = 0;
    boolean sawCode = false;
    while (!r.atEnd()) {
      int idStart = r.position();
      int id = r.readByte("section id");
      if (id > 12) {
        throw MalformedException.at("malformed section id", idStart);
      }
      int sizeAt = r.position();
      int size = u32Index(r, "section size");
      int bodyStart = r.position();
      if (size > r.remaining()) {
        throw MalformedException.at("length out of bounds", bodyStart);
      }
      if (id != 0) {
        int order = order(id);
        if (order <= lastOrder) {
          throw MalformedException.at("unexpected content after last section", idStart);
        }
        lastOrder = order;
      }
      BinaryReader<MalformedException> s = r.slice(size, sizeAt, "section");
      switch (id) {
        case 0: customSection(s); break;
        case 1: typeSection(s); break;
        case 2: importSection(s); break;
        case 3: functionSection(s); break;
        case 4: tableSection(s); break;
        case 5: memorySection(s); break;
        case 6: globalSection(s); break;
        case 7: exportSection(s); break;
        case 8: start = s.readU32("start function"); break;
        case 9: elementSection(s); break;
        case 10: codeSection(s); sawCode = true; break;
        case 11: dataSection(s); break;
        case 12: dataCount = u32Index(s, "data count"); break;
        default: throw new AssertionError();
      }
      if (!s.atEnd()) {
        throw MalformedException.at("section size mismatch", s.position());
      }
    }
    int definedFuncs = funcTypes.size() - importedFuncs;
    if (!sawCode && definedFuncs > 0) {
      throw MalformedException.at(
          "function and code section have inconsistent lengths", r.position());
    }
    if (code == null) {
      code = new CompiledFunction[0];
    }
    if (dataCount >= 0 && dataCount != datas.size()) {
      throw MalformedException.at(
          "data count and data section have inconsistent lengths", r.position());
    }
    if (dataUseWithoutCount >= 0) {
      if (!datas.isEmpty()) {
        throw MalformedException.at("data count section required", r.position());
      }
      invalid("unknown data segment " + Integer.toUnsignedString(dataUseWithoutCount),
          "the module has no data segments");
    }
    if (memories.size() > 1 && !features.multiMemory()) {
      invalid("multiple memories", "a module has at most one memory");
    }
    if (deferred != null) {
      throw deferred;
    }
    validateModule();
    ensureFuncTypeArray();
    return new WasmModule.Builder()
        .types(types)
        .imports(imports, importedFuncs, importedTables, importedMemories, importedGlobals)
        .functions(funcTypeArray, code)
        .tables(tables)
        .memories(memories)
        .globals(globals, globalInits)
        .exports(exports)
        .start(start)
        .elements(elems)
        .data(datas, dataCount)
        .name(name)
        .bytes(bytes)
        .build();
  }

  private static int order(int id) {
    // The data count section (12) sits between the element (9) and code (10) sections.
    switch (id) {
      case 12: return 10;
      case 10: return 11;
      case 11: return 12;
      default: return id;
    }
  }

  // ---- reading helpers ----

  /** A u32 that must fit a non-negative int (counts, sizes, indices used as array sizes). */
  private static int u32Index(BinaryReader<MalformedException> r, String what) {
    int at = r.position();
    int v = r.readU32(what);
    if (v < 0) {
      throw MalformedException.at("integer too large", at);
    }
    return v;
  }

  /** A vector count, checked against what the remaining bytes can hold before allocating. */
  private static int count(BinaryReader<MalformedException> r, String what) {
    return r.readCount(what, Integer.MAX_VALUE, 1);
  }

  /** A name: a byte length, then that many bytes of UTF-8. */
  private static String name(BinaryReader<MalformedException> r) {
    int n = u32Index(r, "name length");
    if (n > r.remaining()) {
      throw MalformedException.at("length out of bounds", r.position());
    }
    return r.readUtf8(n, "name");
  }

  private static int valType(BinaryReader<MalformedException> r) {
    int at = r.position();
    int t = r.readByte("value type");
    if (!ValType.isSupported(t)) {
      throw MalformedException.at("malformed value type", at);
    }
    return t;
  }

  private static int refType(BinaryReader<MalformedException> r) {
    int at = r.position();
    int t = r.readByte("reference type");
    if (!ValType.isRef(t)) {
      throw MalformedException.at("malformed reference type", at);
    }
    return t;
  }

  // ---- sections ----

  private void customSection(BinaryReader<MalformedException> s) {
    String sectionName = name(s);
    BinaryReader<MalformedException> payload = s.slice(s.remaining(), s.position(), sectionName);
    if ("name".equals(sectionName)) {
      try {
        parseNameSection(payload);
      } catch (MalformedException ignored) {
        // A broken name section does not make the module malformed.
      }
    }
  }

  /** Reads the module name (subsection 0), the only part of the name section the store uses. */
  private void parseNameSection(BinaryReader<MalformedException> s) {
    while (!s.atEnd()) {
      int sub = s.readByte("name subsection id");
      int sizeAt = s.position();
      int size = u32Index(s, "name subsection size");
      if (size > s.remaining()) {
        return;
      }
      BinaryReader<MalformedException> subsection = s.slice(size, sizeAt, "name subsection");
      if (sub == 0) {
        name = name(subsection);
        return;
      }
    }
  }

  private void typeSection(BinaryReader<MalformedException> s) {
    int n = count(s, "type");
    for (int i = 0; i < n; i++) {
      int at = s.position();
      if (s.readByte("function type") != 0x60) {
        throw MalformedException.at("integer representation too long", at);
      }
      byte[] params = valTypes(s);
      byte[] results = valTypes(s);
      types.add(new FuncType(params, results));
    }
  }

  private static byte[] valTypes(BinaryReader<MalformedException> s) {
    int n = count(s, "value type");
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) valType(s);
    }
    return out;
  }

  private Limits limits(BinaryReader<MalformedException> s, boolean memory) {
    int at = s.position();
    int flag = s.readByte("limits flag");
    if ((flag & 0x80) != 0) {
      throw MalformedException.at("integer representation too long", at);
    }
    // Bit 0: a maximum follows; bit 2 (WebAssembly 3.0): 64-bit addresses, limits as u64.
    boolean is64 = features.memory64() && (flag & 4) != 0;
    int rest = is64 ? flag & ~4 : flag;
    if (rest > 1) {
      throw MalformedException.at("integer too large", at);
    }
    long min = is64 ? s.readU64("minimum") : s.readU32("minimum") & 0xFFFFFFFFL;
    long max = -1;
    if (rest == 1) {
      max = is64 ? s.readU64("maximum") : s.readU32("maximum") & 0xFFFFFFFFL;
    }
    String what = memory ? "memory" : "table";
    if (memory && !is64 && (min > MAX_PAGES || max > MAX_PAGES)) {
      invalidAt("memory size must be at most 65536 pages (4GiB)", what + " at offset 0x"
          + Integer.toHexString(at), at);
    }
    if (memory && is64 && (Long.compareUnsigned(min, MAX_PAGES_64) > 0
        || (rest == 1 && Long.compareUnsigned(max, MAX_PAGES_64) > 0))) {
      invalidAt("memory size must be at most 2^48 pages", what + " at offset 0x"
          + Integer.toHexString(at), at);
    }
    if (rest == 1 && Long.compareUnsigned(min, max) > 0) {
      invalidAt("size minimum must not be greater than maximum", what + " at offset 0x"
          + Integer.toHexString(at), at);
    }
    return new Limits(min, max, is64);
  }

  private TableType tableType(BinaryReader<MalformedException> s) {
    int elem = refType(s);
    return new TableType(elem, limits(s, false));
  }

  private static GlobalType globalType(BinaryReader<MalformedException> s) {
    int t = valType(s);
    int at = s.position();
    int m = s.readByte("mutability");
    if (m > 1) {
      throw MalformedException.at("malformed mutability", at);
    }
    return new GlobalType(t, m == 1);
  }

  private void importSection(BinaryReader<MalformedException> s) {
    int n = count(s, "import");
    for (int i = 0; i < n; i++) {
      String module = name(s);
      String field = name(s);
      int at = s.position();
      int kind = s.readByte("import kind");
      switch (kind) {
        case ExternKind.FUNC: {
          int typeIdx = s.readU32("type index");
          if (typeIdx < 0 || typeIdx >= types.size()) {
            invalidAt("unknown type", "import " + module + "." + field + " uses type " + typeIdx,
                at);
            typeIdx = -1;
          }
          imports.add(new Import(module, field, kind, typeIdx, null, null, null));
          funcTypes.add(typeIdx);
          importedFuncs++;
          break;
        }
        case ExternKind.TABLE: {
          TableType tt = tableType(s);
          imports.add(new Import(module, field, kind, -1, tt, null, null));
          tables.add(tt);
          importedTables++;
          break;
        }
        case ExternKind.MEMORY: {
          Limits l = limits(s, true);
          imports.add(new Import(module, field, kind, -1, null, l, null));
          memories.add(l);
          importedMemories++;
          break;
        }
        case ExternKind.GLOBAL: {
          GlobalType gt = globalType(s);
          imports.add(new Import(module, field, kind, -1, null, null, gt));
          globals.add(gt);
          importedGlobals++;
          break;
        }
        default:
          throw MalformedException.at("malformed import kind", at);
      }
    }
  }

  private void functionSection(BinaryReader<MalformedException> s) {
    int n = count(s, "function");
    for (int i = 0; i < n; i++) {
      int at = s.position();
      int typeIdx = s.readU32("type index");
      if (typeIdx < 0 || typeIdx >= types.size()) {
        invalidAt("unknown type", "function " + funcTypes.size() + " uses type " + typeIdx, at);
        typeIdx = -1;
      }
      funcTypes.add(typeIdx);
    }
  }

  private void tableSection(BinaryReader<MalformedException> s) {
    int n = count(s, "table");
    for (int i = 0; i < n; i++) {
      tables.add(tableType(s));
    }
  }

  private void memorySection(BinaryReader<MalformedException> s) {
    int n = count(s, "memory");
    for (int i = 0; i < n; i++) {
      memories.add(limits(s, true));
    }
    if (memories.size() > 1 && !features.multiMemory()) {
      invalid("multiple memories", "a module has at most one memory");
    }
  }

  private void globalSection(BinaryReader<MalformedException> s) {
    int n = count(s, "global");
    for (int i = 0; i < n; i++) {
      GlobalType gt = globalType(s);
      ConstExpr init = constExpr(s, gt.valType(), "global " + globals.size());
      globals.add(gt);
      globalInits.add(init);
    }
  }

  /**
   * Decodes a constant expression and checks that it produces one value of type {@code expected}:
   * every instruction must be one the table marks constant; they are then typed in order, as a
   * function body's would be (so marking an operator constant, as extended constant expressions
   * do, is enough for validation; {@link ConstExpr#evaluate} then needs its semantics).
   */
  private ConstExpr constExpr(BinaryReader<MalformedException> s, int expected, String where) {
    int at = s.position();
    List<Instruction> instrs = new ArrayList<>(1);
    List<Long> immediates = new ArrayList<>(1);
    // Bytes 8..15 of each v128.const (an entry of null in instrs), 0 for other instructions.
    List<Long> highs = new ArrayList<>(1);
    boolean nonConstant = false;
    while (true) {
      int opAt = s.position();
      int op = s.readByte("opcode");
      if (op == Op.END) {
        break;
      }
      if (op == 0xFD) {
        int sub = s.readU32("subopcode");
        SimdInstruction simd = SimdInstruction.decode(sub);
        if (simd == null) {
          throw MalformedException.at("illegal opcode 0xfd " + Integer.toUnsignedString(sub), opAt);
        }
        if (!simd.isConstant()) {
          nonConstant = true;
          simd.skip(s);
          continue;
        }
        instrs.add(null);
        immediates.add(s.readFixed(8, "v128 constant"));
        highs.add(s.readFixed(8, "v128 constant"));
        continue;
      }
      Instruction in = op == 0xFC ? Instruction.decode(0xFC, s.readU32("subopcode"))
          : Instruction.decode(0, op);
      if (in == null) {
        throw MalformedException.at("illegal opcode 0x" + Integer.toHexString(op), opAt);
      }
      if (!in.isConstant() || (!features.extendedConst() && in.typed()
          && in.immediates() == Instruction.Immediates.NONE)) {
        nonConstant = true;
        in.immediates().skip(s);
        continue;
      }
      instrs.add(in);
      immediates.add(constImmediate(s, in));
      highs.add(0L);
    }
    if (nonConstant) {
      invalidAt("constant expression required", where + " at offset 0x" + Integer.toHexString(at),
          at);
      return ConstExpr.of(Op.I32_CONST, 0);
    }
    int[] codes = new int[instrs.size()];
    long[] values = new long[codes.length];
    long[] highValues = new long[codes.length];
    int[] stack = new int[codes.length];
    int sp = 0;
    for (int i = 0; i < codes.length; i++) {
      Instruction in = instrs.get(i);
      if (in == null) {
        codes[i] = SimdInstruction.V128_CONST.code();
        values[i] = immediates.get(i);
        highValues[i] = highs.get(i);
        stack[sp++] = ValType.V128;
        continue;
      }
      codes[i] = in.code();
      values[i] = immediates.get(i);
      if (in.typed() && in.immediates() == Instruction.Immediates.NONE) {
        // An operator (extended constant expressions): its operands are the values before it.
        byte[] params = in.params();
        for (int p = params.length - 1; p >= 0; p--) {
          if (sp == 0 || stack[--sp] != (params[p] & 0xFF)) {
            invalidAt("type mismatch", where + ": operands of " + in.text(), at);
            return ConstExpr.of(Op.I32_CONST, 0);
          }
        }
      }
      int type = constType(in, values[i], where);
      if (type == ValType.UNKNOWN) {
        return ConstExpr.of(Op.I32_CONST, 0);
      }
      stack[sp++] = type;
    }
    ConstExpr e = new ConstExpr(codes, values, highValues);
    if (sp != 1) {
      invalidAt("type mismatch", where + ": constant expression must produce exactly one value",
          at);
    } else if (stack[0] != expected) {
      invalidAt("type mismatch", where + ": expected " + ValType.name(expected)
          + ", constant is " + ValType.name(stack[0]), at);
    }
    return e;
  }

  /** Reads a constant instruction's immediate: the value's bits, an index or a type. */
  private static long constImmediate(BinaryReader<MalformedException> s, Instruction in) {
    switch (in.immediates()) {
      case NONE: return 0;
      case I32: return s.readS32("i32 constant");
      case I64: return s.readS64("i64 constant");
      case F32: return s.readFixed(4, "f32 constant");
      case F64: return s.readFixed(8, "f64 constant");
      case REF_TYPE: return refType(s);
      case FUNC: return s.readU32("function index") & 0xFFFFFFFFL;
      case GLOBAL: return s.readU32("global index") & 0xFFFFFFFFL;
      default: throw new AssertionError(in + " is constant but has immediates " + in.immediates());
    }
  }

  /**
   * The type a constant instruction pushes, after checking its index; {@link ValType#UNKNOWN} when
   * the expression cannot be typed further (the error is recorded).
   */
  private int constType(Instruction in, long immediate, String where) {
    switch (in) {
      case GLOBAL_GET: {
        // WebAssembly 3.0 lets a constant expression read any global defined before it.
        int readable = features.extendedConst() ? globals.size() : importedGlobals;
        if (immediate >= readable) {
          invalid("unknown global " + immediate, where + ": constant expressions may only read"
              + " imported globals");
          return ValType.UNKNOWN;
        }
        GlobalType gt = globals.get((int) immediate);
        if (gt.mutable()) {
          invalid("constant expression required", where + ": global " + immediate
              + " is mutable");
        }
        return gt.valType();
      }
      case REF_FUNC:
        if (immediate >= funcTypes.size()) {
          invalid("unknown function " + immediate, where);
        }
        declaredRefs.add((int) immediate);
        return ValType.FUNCREF;
      case REF_NULL:
        return (int) immediate;
      default:
        return in.results()[0] & 0xFF;
    }
  }

  private void exportSection(BinaryReader<MalformedException> s) {
    int n = count(s, "export");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < n; i++) {
      int nameAt = s.position();
      String exportName = name(s);
      int at = s.position();
      int kind = s.readByte("export kind");
      if (kind > 3) {
        throw MalformedException.at("malformed export kind", at);
      }
      int index = s.readU32("export index");
      if (!names.add(exportName)) {
        invalidAt("duplicate export name", "\"" + exportName + "\"", nameAt);
      }
      exports.add(new Export(exportName, kind, index));
      if (kind == ExternKind.FUNC) {
        declaredRefs.add(index);
      }
    }
  }

  private void elementSection(BinaryReader<MalformedException> s) {
    int n = count(s, "element segment");
    for (int i = 0; i < n; i++) {
      int at = s.position();
      int flags = s.readU32("element segment flags");
      if (flags < 0 || flags > 7) {
        throw MalformedException.at("malformed elements segment kind", at);
      }
      String where = "element segment " + i;
      int mode = (flags & 1) == 0 ? ElemSegment.ACTIVE
          : (flags & 2) == 0 ? ElemSegment.PASSIVE : ElemSegment.DECLARATIVE;
      int table = 0;
      ConstExpr offset = null;
      if (mode == ElemSegment.ACTIVE) {
        if ((flags & 2) != 0) {
          table = s.readU32("table index");
        }
        offset = constExpr(s, tableAddressType(table), where + " offset");
      }
      int elemType = ValType.FUNCREF;
      boolean exprs = (flags & 4) != 0;
      if ((flags & 3) != 0) {
        if (exprs) {
          elemType = refType(s);
        } else {
          int kindAt = s.position();
          if (s.readByte("element kind") != 0) {
            throw MalformedException.at("malformed element kind", kindAt);
          }
        }
      }
      int count = count(s, "element");
      List<ConstExpr> items = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        if (exprs) {
          items.add(constExpr(s, elemType, where + " item " + j));
        } else {
          int f = s.readU32("function index");
          if (f < 0 || f >= funcTypes.size()) {
            invalidAt("unknown function " + Integer.toUnsignedString(f), where, at);
          }
          declaredRefs.add(f);
          items.add(ConstExpr.of(Op.REF_FUNC, f & 0xFFFFFFFFL));
        }
      }
      if (mode == ElemSegment.ACTIVE) {
        if (table < 0 || table >= tables.size()) {
          invalidAt("unknown table " + Integer.toUnsignedString(table), where, at);
        } else if (tables.get(table).elemType() != elemType) {
          invalidAt("type mismatch", where + ": element type " + ValType.name(elemType)
              + " does not match table " + table, at);
        }
      }
      elems.add(new ElemSegment(mode, table, offset, elemType, items));
    }
  }

  private void ensureFuncTypeArray() {
    if (funcTypeArray == null || funcTypeArray.length != funcTypes.size()) {
      funcTypeArray = new int[funcTypes.size()];
      for (int i = 0; i < funcTypeArray.length; i++) {
        funcTypeArray[i] = funcTypes.get(i);
      }
    }
  }

  private void codeSection(BinaryReader<MalformedException> s) {
    int n = count(s, "function body");
    int defined = funcTypes.size() - importedFuncs;
    if (n != defined) {
      throw MalformedException.at(
          "function and code section have inconsistent lengths", s.position());
    }
    ensureFuncTypeArray();
    code = new CompiledFunction[n];
    for (int i = 0; i < n; i++) {
      int sizeAt = s.position();
      int size = u32Index(s, "body size");
      int bodyStart = s.position();
      if (size > s.remaining()) {
        throw MalformedException.at("unexpected end of section or function", bodyStart);
      }
      BinaryReader<MalformedException> body = s.slice(size, sizeAt, "function body");
      int funcIndex = importedFuncs + i;
      // Locals.
      int groups = count(body, "local group");
      long total = 0;
      int[] groupCounts = new int[groups];
      int[] groupTypes = new int[groups];
      for (int g = 0; g < groups; g++) {
        int at = body.position();
        int c = body.readU32("local count");
        total += c & 0xFFFFFFFFL;
        if (total > MAX_LOCALS) {
          throw MalformedException.at("too many locals", at);
        }
        groupCounts[g] = c;
        groupTypes[g] = valType(body);
      }
      int typeIdx = funcTypes.get(funcIndex);
      FuncType type = typeIdx >= 0 ? types.get(typeIdx) : new FuncType(new byte[0], new byte[0]);
      byte[] localTypes = new byte[type.paramCount() + (int) total];
      int k = 0;
      for (int p = 0; p < type.paramCount(); p++) {
        localTypes[k++] = (byte) type.param(p);
      }
      for (int g = 0; g < groups; g++) {
        for (int c = 0; c < groupCounts[g]; c++) {
          localTypes[k++] = (byte) groupTypes[g];
        }
      }
      if (deferred == null) {
        try {
          code[i] = FunctionCompiler.compile(this, body, funcIndex, type, localTypes, bodyStart);
        } catch (InvalidException e) {
          deferred = e;
        }
      }
    }
  }

  private void dataSection(BinaryReader<MalformedException> s) {
    int n = count(s, "data segment");
    for (int i = 0; i < n; i++) {
      int at = s.position();
      int flags = s.readU32("data segment flags");
      String where = "data segment " + i;
      switch (flags) {
        case 0: {
          ConstExpr off = constExpr(s, memoryAddressType(0), where + " offset");
          byte[] segment = dataBytes(s);
          checkMemory(0, where, at);
          datas.add(new DataSegment(true, 0, off, segment));
          break;
        }
        case 1:
          datas.add(new DataSegment(false, 0, null, dataBytes(s)));
          break;
        case 2: {
          int mem = s.readU32("memory index");
          ConstExpr off = constExpr(s, memoryAddressType(mem), where + " offset");
          byte[] segment = dataBytes(s);
          checkMemory(mem, where, at);
          datas.add(new DataSegment(true, mem, off, segment));
          break;
        }
        default:
          throw MalformedException.at("malformed data segment kind", at);
      }
    }
  }

  private static byte[] dataBytes(BinaryReader<MalformedException> s) {
    int at = s.position();
    int len = u32Index(s, "data length");
    if (len > s.remaining()) {
      throw MalformedException.at("unexpected end of section or function", at);
    }
    return s.readBytes(len, "data");
  }

  /** The address type of memory {@code mem}: i64 for a 64-bit memory, else i32. */
  private int memoryAddressType(int mem) {
    return mem >= 0 && mem < memories.size() && memories.get(mem).is64() ? ValType.I64
        : ValType.I32;
  }

  /** The address (index) type of table {@code table}: i64 for a 64-bit table, else i32. */
  private int tableAddressType(int table) {
    return table >= 0 && table < tables.size() && tables.get(table).limits().is64()
        ? ValType.I64 : ValType.I32;
  }

  private void checkMemory(int mem, String where, int at) {
    if (mem < 0 || mem >= memories.size()) {
      invalidAt("unknown memory " + Integer.toUnsignedString(mem), where, at);
    }
  }

  private void validateModule() {
    if (start >= 0 || start < -1) {
      if (start < 0 || start >= funcTypes.size()) {
        throw new InvalidException("unknown function " + Integer.toUnsignedString(start),
            "start function");
      }
      FuncType t = types.get(funcTypes.get(start));
      if (t.paramCount() != 0 || t.resultCount() != 0) {
        throw new InvalidException("start function", "function " + start + " has type " + t);
      }
    }
    for (Export e : exports) {
      int size;
      switch (e.kind()) {
        case ExternKind.FUNC: size = funcTypes.size(); break;
        case ExternKind.TABLE: size = tables.size(); break;
        case ExternKind.MEMORY: size = memories.size(); break;
        default: size = globals.size(); break;
      }
      if (e.index() < 0 || e.index() >= size) {
        throw new InvalidException(
            "unknown " + ExternKind.name(e.kind()) + " " + Integer.toUnsignedString(e.index()),
            "export \"" + e.name() + "\"");
      }
    }
  }

  // ---- ModuleContext ----

  @Override
  public FuncType type(int index) {
    return types.get(index);
  }

  @Override
  public int typeCount() {
    return types.size();
  }

  @Override
  public int functionCount() {
    return funcTypes.size();
  }

  @Override
  public FuncType functionType(int index) {
    return types.get(funcTypeArray[index]);
  }

  @Override
  public int tableCount() {
    return tables.size();
  }

  @Override
  public int tableElemType(int index) {
    return tables.get(index).elemType();
  }

  @Override
  public int memoryCount() {
    return memories.size();
  }

  @Override
  public boolean memory64(int index) {
    return memories.get(index).is64();
  }

  @Override
  public boolean table64(int index) {
    return tables.get(index).limits().is64();
  }

  @Override
  public Features features() {
    return features;
  }

  @Override
  public int globalCount() {
    return globals.size();
  }

  @Override
  public GlobalType global(int index) {
    return globals.get(index);
  }

  @Override
  public int elemCount() {
    return elems.size();
  }

  @Override
  public int elemType(int index) {
    return elems.get(index).elemType();
  }

  @Override
  public int dataCount() {
    return dataCount;
  }

  @Override
  public void dataIndexWithoutCount(int index) {
    if (dataUseWithoutCount < 0) {
      dataUseWithoutCount = index & Integer.MAX_VALUE;
    }
  }

  @Override
  public boolean isDeclaredRef(int funcIndex) {
    return declaredRefs.contains(funcIndex);
  }
}
