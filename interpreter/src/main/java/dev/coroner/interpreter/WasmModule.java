package dev.coroner.interpreter;

import dev.coroner.interpreter.binary.ModuleParser;
import dev.coroner.interpreter.model.CompiledFunction;
import dev.coroner.interpreter.model.DataSegment;
import dev.coroner.interpreter.model.ElemSegment;
import dev.coroner.interpreter.model.Export;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.Import;
import dev.coroner.interpreter.model.Limits;
import dev.coroner.interpreter.model.TableType;
import java.util.List;
import java.util.Optional;

/**
 * A decoded and validated WebAssembly module, ready to be instantiated any number of times in a
 * {@link Store}. Immutable. Obtain one with {@link #parse(byte[])}.
 *
 * <p>Index spaces include imports: {@code funcTypes[i]} is the type index of function {@code i},
 * the first {@code importedFuncs} being imports; likewise for tables, memories and globals.
 */
public final class WasmModule {
  final List<FuncType> types;
  final List<Import> imports;
  final int[] funcTypes;
  final int importedFuncs;
  final List<TableType> tables;
  final int importedTables;
  final List<Limits> memories;
  final int importedMemories;
  final List<GlobalType> globals;
  final int importedGlobals;
  final List<dev.coroner.interpreter.model.ConstExpr> globalInits;
  final List<Export> exports;
  final int start;
  final List<ElemSegment> elems;
  final List<DataSegment> datas;
  final CompiledFunction[] code;
  final String name;
  final byte[] bytes;
  final int dataCount;

  /** Assembled by the parser; use {@link #parse(byte[])}. */
  public WasmModule(
      List<FuncType> types,
      List<Import> imports,
      int[] funcTypes,
      int importedFuncs,
      List<TableType> tables,
      int importedTables,
      List<Limits> memories,
      int importedMemories,
      List<GlobalType> globals,
      int importedGlobals,
      List<dev.coroner.interpreter.model.ConstExpr> globalInits,
      List<Export> exports,
      int start,
      List<ElemSegment> elems,
      List<DataSegment> datas,
      CompiledFunction[] code,
      String name,
      byte[] bytes,
      int dataCount) {
    this.types = List.copyOf(types);
    this.imports = List.copyOf(imports);
    this.funcTypes = funcTypes;
    this.importedFuncs = importedFuncs;
    this.tables = List.copyOf(tables);
    this.importedTables = importedTables;
    this.memories = List.copyOf(memories);
    this.importedMemories = importedMemories;
    this.globals = List.copyOf(globals);
    this.importedGlobals = importedGlobals;
    this.globalInits = List.copyOf(globalInits);
    this.exports = List.copyOf(exports);
    this.start = start;
    this.elems = List.copyOf(elems);
    this.datas = List.copyOf(datas);
    this.code = code;
    this.name = name;
    this.bytes = bytes;
    this.dataCount = dataCount;
  }

  /** A validation context over this (already valid) module, for re-validating bodies. */
  dev.coroner.interpreter.validate.ModuleContext context() {
    WasmModule m = this;
    return new dev.coroner.interpreter.validate.ModuleContext() {
      @Override
      public FuncType type(int index) {
        return m.types.get(index);
      }

      @Override
      public int typeCount() {
        return m.types.size();
      }

      @Override
      public int functionCount() {
        return m.funcTypes.length;
      }

      @Override
      public FuncType functionType(int index) {
        return m.types.get(m.funcTypes[index]);
      }

      @Override
      public int tableCount() {
        return m.tables.size();
      }

      @Override
      public int tableElemType(int index) {
        return m.tables.get(index).elemType();
      }

      @Override
      public int memoryCount() {
        return m.memories.size();
      }

      @Override
      public int globalCount() {
        return m.globals.size();
      }

      @Override
      public GlobalType global(int index) {
        return m.globals.get(index);
      }

      @Override
      public int elemCount() {
        return m.elems.size();
      }

      @Override
      public int elemType(int index) {
        return m.elems.get(index).elemType();
      }

      @Override
      public int dataCount() {
        return m.dataCount;
      }

      @Override
      public boolean isDeclaredRef(int funcIndex) {
        return true;
      }
    };
  }

  /**
   * Decodes and validates a binary module.
   *
   * @throws MalformedException if the bytes are not a well-formed binary module (including any
   *     use of SIMD, which this interpreter does not support)
   * @throws InvalidException if the module does not validate
   */
  public static WasmModule parse(byte[] bytes) {
    return ModuleParser.parse(bytes);
  }

  /** The module name from the name section, if there is one. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public List<FuncType> types() {
    return types;
  }

  public List<Import> imports() {
    return imports;
  }

  public List<Export> exports() {
    return exports;
  }

  /** Number of functions, imports included. */
  public int functionCount() {
    return funcTypes.length;
  }

  /** The type of function {@code index} (imports included). */
  public FuncType functionType(int index) {
    return types.get(funcTypes[index]);
  }

  /** The compiled body of defined function {@code index} (index counts imports). */
  public CompiledFunction code(int index) {
    return code[index - importedFuncs];
  }

  public List<TableType> tables() {
    return tables;
  }

  public List<Limits> memories() {
    return memories;
  }

  public List<GlobalType> globals() {
    return globals;
  }
}
