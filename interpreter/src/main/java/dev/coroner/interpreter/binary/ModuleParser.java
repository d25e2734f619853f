package dev.coroner.interpreter.binary;

import dev.coroner.interpreter.InvalidException;
import dev.coroner.interpreter.MalformedException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.model.CompiledFunction;
import dev.coroner.interpreter.model.ConstExpr;
import dev.coroner.interpreter.model.DataSegment;
import dev.coroner.interpreter.model.ElemSegment;
import dev.coroner.interpreter.model.Export;
import dev.coroner.interpreter.model.ExternKind;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.Import;
import dev.coroner.interpreter.model.Limits;
import dev.coroner.interpreter.model.TableType;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.validate.FunctionCompiler;
import dev.coroner.interpreter.validate.ModuleContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a binary module section by section and validates it. Validation errors found while
 * decoding are deferred until the whole module has been decoded, so that a module that is both
 * malformed and invalid is reported as malformed, as the spec's reference interpreter does.
 */
public final class ModuleParser implements ModuleContext {
  private static final int MAX_PAGES = 65536;
  /** Upper bound on the number of locals in one function (the reference interpreter's limit). */
  private static final long MAX_LOCALS = 50_000;

  private final ByteReader r;
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

  private ModuleParser(byte[] bytes) {
    this.r = new ByteReader(bytes);
  }

  /** Decodes and validates {@code bytes}. */
  public static WasmModule parse(byte[] bytes) {
    return new ModuleParser(bytes.clone()).run();
  }

  private void invalid(String message, String detail) {
    if (deferred == null) {
      deferred = new InvalidException(message, detail);
    }
  }

  private WasmModule run() {
    if (r.remaining() < 4) {
      throw MalformedException.at("unexpected end", r.remaining());
    }
    if (r.u8() != 0 || r.u8() != 'a' || r.u8() != 's' || r.u8() != 'm') {
      throw MalformedException.at("magic header not detected", 0);
    }
    if (r.remaining() < 4) {
      throw MalformedException.at("unexpected end", r.pos());
    }
    if (r.f32Bits() != 1) {
      throw MalformedException.at("unknown binary version", 4);
    }
    int lastOrder = 0;
    boolean sawFunctionSection = false;
    boolean sawCode = false;
    while (!r.atEnd()) {
      int idStart = r.pos();
      int id = r.u8();
      if (id > 12) {
        throw MalformedException.at("malformed section id", idStart);
      }
      int size = r.u32Index();
      int bodyStart = r.pos();
      if (size > r.remaining()) {
        throw MalformedException.at("length out of bounds", bodyStart);
      }
      int bodyEnd = bodyStart + size;
      if (id != 0) {
        int order = order(id);
        if (order <= lastOrder) {
          throw MalformedException.at("unexpected content after last section", idStart);
        }
        lastOrder = order;
      }
      int outer = r.limit(bodyEnd);
      r.inSection(true);
      switch (id) {
        case 0: customSection(bodyEnd); break;
        case 1: typeSection(); break;
        case 2: importSection(); break;
        case 3: functionSection(); sawFunctionSection = true; break;
        case 4: tableSection(); break;
        case 5: memorySection(); break;
        case 6: globalSection(); break;
        case 7: exportSection(); break;
        case 8: startSection(); break;
        case 9: elementSection(); break;
        case 10: codeSection(); sawCode = true; break;
        case 11: dataSection(); break;
        case 12: dataCount = r.u32Index(); break;
        default: throw new AssertionError();
      }
      if (r.pos() != bodyEnd) {
        throw MalformedException.at("section size mismatch", r.pos());
      }
      r.limit(outer);
      r.inSection(false);
    }
    int definedFuncs = funcTypes.size() - importedFuncs;
    if (!sawCode && definedFuncs > 0) {
      throw MalformedException.at("function and code section have inconsistent lengths", r.pos());
    }
    if (code == null) {
      code = new CompiledFunction[0];
    }
    if (dataCount >= 0 && dataCount != datas.size()) {
      throw MalformedException.at(
          "data count and data section have inconsistent lengths", r.pos());
    }
    if (dataUseWithoutCount >= 0) {
      if (!datas.isEmpty()) {
        throw MalformedException.at("data count section required", r.pos());
      }
      invalid("unknown data segment " + Integer.toUnsignedString(dataUseWithoutCount),
          "the module has no data segments");
    }
    if (memories.size() > 1) {
      invalid("multiple memories", "a module has at most one memory");
    }
    if (deferred != null) {
      throw deferred;
    }
    validateModule();
    ensureFuncTypeArray();
    return new WasmModule(
        types, imports, funcTypeArray, importedFuncs, tables, importedTables, memories,
        importedMemories, globals, importedGlobals, globalInits, exports, start, elems, datas,
        code, name, r.buffer(), dataCount);
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

  // ---- sections ----

  private void customSection(int end) {
    String sectionName = r.name();
    if ("name".equals(sectionName)) {
      int save = r.pos();
      try {
        parseNameSection(end);
      } catch (MalformedException ignored) {
        // A broken name section does not make the module malformed.
      }
      r.seek(save);
    }
    r.seek(end);
  }

  private void parseNameSection(int end) {
    while (r.pos() < end) {
      int sub = r.u8();
      int size = r.u32Index();
      int subEnd = r.pos() + size;
      if (subEnd > end) {
        return;
      }
      if (sub == 0) {
        name = r.name();
        return;
      }
      r.seek(subEnd);
    }
  }

  private int valType() {
    int at = r.pos();
    int t = r.u8();
    if (t == ValType.V128) {
      throw MalformedException.at("malformed value type: SIMD (v128) is not supported", at);
    }
    if (!ValType.isSupported(t)) {
      throw MalformedException.at("malformed value type", at);
    }
    return t;
  }

  private int refType() {
    int at = r.pos();
    int t = r.u8();
    if (!ValType.isRef(t)) {
      throw MalformedException.at("malformed reference type", at);
    }
    return t;
  }

  private void typeSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      int at = r.pos();
      if (r.u8() != 0x60) {
        throw MalformedException.at("integer representation too long", at);
      }
      byte[] params = valTypes();
      byte[] results = valTypes();
      types.add(new FuncType(params, results));
    }
  }

  private byte[] valTypes() {
    int n = r.count(1);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) valType();
    }
    return out;
  }

  private Limits limits(boolean memory) {
    int at = r.pos();
    int flag = r.u8();
    if ((flag & 0x80) != 0) {
      throw MalformedException.at("integer representation too long", at);
    }
    long min;
    long max = -1;
    if (flag == 0) {
      min = r.u32() & 0xFFFFFFFFL;
    } else if (flag == 1) {
      min = r.u32() & 0xFFFFFFFFL;
      max = r.u32() & 0xFFFFFFFFL;
    } else {
      throw MalformedException.at("integer too large", at);
    }
    String what = memory ? "memory" : "table";
    if (memory && (min > MAX_PAGES || max > MAX_PAGES)) {
      invalid("memory size must be at most 65536 pages (4GiB)", what + " at offset 0x"
          + Integer.toHexString(at));
    }
    if (max >= 0 && min > max) {
      invalid("size minimum must not be greater than maximum", what + " at offset 0x"
          + Integer.toHexString(at));
    }
    return new Limits(min, max);
  }

  private TableType tableType() {
    int elem = refType();
    return new TableType(elem, limits(false));
  }

  private GlobalType globalType() {
    int t = valType();
    int at = r.pos();
    int m = r.u8();
    if (m > 1) {
      throw MalformedException.at("malformed mutability", at);
    }
    return new GlobalType(t, m == 1);
  }

  private void importSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      String module = r.name();
      String field = r.name();
      int at = r.pos();
      int kind = r.u8();
      switch (kind) {
        case ExternKind.FUNC: {
          int typeIdx = r.u32();
          if (typeIdx < 0 || typeIdx >= types.size()) {
            invalid("unknown type", "import " + module + "." + field + " uses type " + typeIdx);
            typeIdx = -1;
          }
          imports.add(new Import(module, field, kind, typeIdx, null, null, null));
          funcTypes.add(typeIdx);
          importedFuncs++;
          break;
        }
        case ExternKind.TABLE: {
          TableType tt = tableType();
          imports.add(new Import(module, field, kind, -1, tt, null, null));
          tables.add(tt);
          importedTables++;
          break;
        }
        case ExternKind.MEMORY: {
          Limits l = limits(true);
          imports.add(new Import(module, field, kind, -1, null, l, null));
          memories.add(l);
          importedMemories++;
          break;
        }
        case ExternKind.GLOBAL: {
          GlobalType gt = globalType();
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

  private void functionSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      int typeIdx = r.u32();
      if (typeIdx < 0 || typeIdx >= types.size()) {
        invalid("unknown type", "function " + funcTypes.size() + " uses type " + typeIdx);
        typeIdx = -1;
      }
      funcTypes.add(typeIdx);
    }
  }

  private void tableSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      tables.add(tableType());
    }
  }

  private void memorySection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      memories.add(limits(true));
    }
    if (memories.size() > 1) {
      invalid("multiple memories", "a module has at most one memory");
    }
  }

  private void globalSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      GlobalType gt = globalType();
      ConstExpr init = constExpr(gt.valType(), "global " + globals.size());
      globals.add(gt);
      globalInits.add(init);
    }
  }

  /**
   * Decodes a constant expression and checks that it produces one value of type {@code expected}.
   */
  private ConstExpr constExpr(int expected, String where) {
    int at = r.pos();
    List<ConstExpr> instrs = new ArrayList<>(1);
    boolean nonConstant = false;
    while (true) {
      int op = r.u8();
      if (op == 0x0B) {
        break;
      }
      switch (op) {
        case 0x41: instrs.add(new ConstExpr(op, r.s32())); break;
        case 0x42: instrs.add(new ConstExpr(op, r.s64())); break;
        case 0x43: instrs.add(new ConstExpr(op, r.f32Bits() & 0xFFFFFFFFL)); break;
        case 0x44: instrs.add(new ConstExpr(op, r.f64Bits())); break;
        case 0xD0: instrs.add(new ConstExpr(op, refType())); break;
        case 0xD2: {
          int f = r.u32();
          instrs.add(new ConstExpr(op, f & 0xFFFFFFFFL));
          break;
        }
        case 0x23: instrs.add(new ConstExpr(op, r.u32() & 0xFFFFFFFFL)); break;
        default:
          if (!isOpcode(op)) {
            throw MalformedException.at("illegal opcode 0x" + Integer.toHexString(op), r.pos() - 1);
          }
          nonConstant = true;
          skipInstruction(op);
          break;
      }
    }
    if (nonConstant) {
      invalid("constant expression required", where + " at offset 0x" + Integer.toHexString(at));
      return new ConstExpr(0x41, 0);
    }
    if (instrs.size() != 1) {
      invalid("type mismatch", where + ": constant expression must produce exactly one value");
      return instrs.isEmpty() ? new ConstExpr(0x41, 0) : instrs.get(0);
    }
    ConstExpr e = instrs.get(0);
    int type;
    switch (e.opcode()) {
      case 0x41: type = ValType.I32; break;
      case 0x42: type = ValType.I64; break;
      case 0x43: type = ValType.F32; break;
      case 0x44: type = ValType.F64; break;
      case 0xD0: type = (int) e.value(); break;
      case 0xD2:
        type = ValType.FUNCREF;
        if (e.value() >= funcTypes.size()) {
          invalid("unknown function " + e.value(), where);
        }
        declaredRefs.add((int) e.value());
        break;
      default: {
        long g = e.value();
        if (g >= importedGlobals) {
          invalid("unknown global " + g, where + ": constant expressions may only read imported"
              + " globals");
          return e;
        }
        GlobalType gt = globals.get((int) g);
        if (gt.mutable()) {
          invalid("constant expression required", where + ": global " + g + " is mutable");
        }
        type = gt.valType();
        break;
      }
    }
    if (type != expected) {
      invalid("type mismatch", where + ": expected " + ValType.name(expected) + ", constant is "
          + ValType.name(type));
    }
    return e;
  }

  private static boolean isOpcode(int op) {
    return op <= 0x05 || (op >= 0x0B && op <= 0x11) || (op >= 0x1A && op <= 0x1C)
        || (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xC4)
        || (op >= 0xD0 && op <= 0xD2) || op == 0xFC;
  }

  /** Skips one non-constant instruction inside a constant expression (enough to find its end). */
  private void skipInstruction(int op) {
    switch (op) {
      case 0x20: case 0x21: case 0x22: case 0x24: case 0x10: case 0x0C: case 0x0D: case 0x25:
      case 0x26:
        r.u32();
        break;
      case 0x11:
        r.u32();
        r.u32();
        break;
      case 0x02: case 0x03: case 0x04:
        r.sleb(33);
        break;
      case 0x0E: {
        int n = r.count(1);
        for (int i = 0; i <= n; i++) {
          r.u32();
        }
        break;
      }
      case 0x1C: {
        int n = r.count(1);
        for (int i = 0; i < n; i++) {
          r.u8();
        }
        break;
      }
      case 0xFC: {
        int sub = r.u32();
        if (sub == 8 || sub == 12 || sub == 14) {
          r.u32();
          r.u32();
        } else if (sub == 9 || sub == 11 || sub == 13 || sub == 15 || sub == 16 || sub == 17) {
          r.u32();
        } else if (sub == 10) {
          r.u8();
          r.u8();
        }
        break;
      }
      default:
        if (op >= 0x28 && op <= 0x3E) {
          r.u32();
          r.u32();
        } else if (op == 0x3F || op == 0x40) {
          r.u8();
        }
        break;
    }
  }

  private void exportSection() {
    int n = r.count(1);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String exportName = r.name();
      int at = r.pos();
      int kind = r.u8();
      if (kind > 3) {
        throw MalformedException.at("malformed export kind", at);
      }
      int index = r.u32();
      if (!names.add(exportName)) {
        invalid("duplicate export name", "\"" + exportName + "\"");
      }
      exports.add(new Export(exportName, kind, index));
      if (kind == ExternKind.FUNC) {
        declaredRefs.add(index);
      }
    }
  }

  private void startSection() {
    start = r.u32();
  }

  private void elementSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      int at = r.pos();
      int flags = r.u32();
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
          table = r.u32();
        }
        offset = constExpr(ValType.I32, where + " offset");
      }
      int elemType = ValType.FUNCREF;
      boolean exprs = (flags & 4) != 0;
      if ((flags & 3) != 0) {
        if (exprs) {
          elemType = refType();
        } else {
          int kindAt = r.pos();
          if (r.u8() != 0) {
            throw MalformedException.at("malformed element kind", kindAt);
          }
        }
      }
      int count = r.count(1);
      List<ConstExpr> items = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        if (exprs) {
          items.add(constExpr(elemType, where + " item " + j));
        } else {
          int f = r.u32();
          if (f < 0 || f >= funcTypes.size()) {
            invalid("unknown function " + Integer.toUnsignedString(f), where);
          }
          declaredRefs.add(f);
          items.add(new ConstExpr(ConstExpr.REF_FUNC, f & 0xFFFFFFFFL));
        }
      }
      if (mode == ElemSegment.ACTIVE) {
        if (table < 0 || table >= tables.size()) {
          invalid("unknown table " + Integer.toUnsignedString(table), where);
        } else if (tables.get(table).elemType() != elemType) {
          invalid("type mismatch", where + ": element type " + ValType.name(elemType)
              + " does not match table " + table);
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

  private void codeSection() {
    int n = r.count(1);
    int defined = funcTypes.size() - importedFuncs;
    if (n != defined) {
      throw MalformedException.at("function and code section have inconsistent lengths", r.pos());
    }
    ensureFuncTypeArray();
    code = new CompiledFunction[n];
    for (int i = 0; i < n; i++) {
      int size = r.u32Index();
      int bodyStart = r.pos();
      if (size > r.remaining()) {
        throw MalformedException.at("unexpected end of section or function", bodyStart);
      }
      int bodyEnd = bodyStart + size;
      int outer = r.limit(bodyEnd);
      int funcIndex = importedFuncs + i;
      // Locals.
      int groups = r.count(1);
      long total = 0;
      int[] groupCounts = new int[groups];
      int[] groupTypes = new int[groups];
      for (int g = 0; g < groups; g++) {
        int at = r.pos();
        int c = r.u32();
        total += c & 0xFFFFFFFFL;
        if (total > MAX_LOCALS) {
          throw MalformedException.at("too many locals", at);
        }
        groupCounts[g] = c;
        groupTypes[g] = valType();
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
          code[i] = FunctionCompiler.compile(this, r, funcIndex, type, localTypes, bodyStart);
        } catch (InvalidException e) {
          deferred = e;
        }
      }
      r.seek(bodyEnd);
      r.limit(outer);
    }
  }

  private void dataSection() {
    int n = r.count(1);
    for (int i = 0; i < n; i++) {
      int at = r.pos();
      int flags = r.u32();
      String where = "data segment " + i;
      switch (flags) {
        case 0: {
          ConstExpr off = constExpr(ValType.I32, where + " offset");
          byte[] bytes = dataBytes();
          checkMemory(0, where);
          datas.add(new DataSegment(true, 0, off, bytes));
          break;
        }
        case 1:
          datas.add(new DataSegment(false, 0, null, dataBytes()));
          break;
        case 2: {
          int mem = r.u32();
          ConstExpr off = constExpr(ValType.I32, where + " offset");
          byte[] bytes = dataBytes();
          checkMemory(mem, where);
          datas.add(new DataSegment(true, mem, off, bytes));
          break;
        }
        default:
          throw MalformedException.at("malformed data segment kind", at);
      }
    }
  }

  private byte[] dataBytes() {
    int at = r.pos();
    int len = r.u32Index();
    if (len > r.remaining()) {
      throw MalformedException.at("unexpected end of section or function", at);
    }
    return r.bytes(len);
  }

  private void checkMemory(int mem, String where) {
    if (mem < 0 || mem >= memories.size()) {
      invalid("unknown memory " + Integer.toUnsignedString(mem), where);
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
