package dev.coroner.interpreter;

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
 * <p>Index spaces include imports: function {@code i}'s type is {@link #functionType(int)
 * functionType(i)}, the first functions being the imported ones; likewise for tables, memories and
 * globals.
 */
public final class WasmModule {
  final List<FuncType> types;
  final List<Import> imports;
  /** The type index of each function, imports first. */
  final int[] funcTypes;
  final int importedFuncs;
  final List<TableType> tables;
  final int importedTables;
  final List<Limits> memories;
  final int importedMemories;
  final List<GlobalType> globals;
  final int importedGlobals;
  final List<ConstExpr> globalInits;
  final List<Export> exports;
  final int start;
  final List<ElemSegment> elems;
  final List<DataSegment> datas;
  /** The defined functions' bodies (not imports). */
  final CompiledFunction[] code;
  final String name;
  /** The module's binary (never modified): traps and frame views read instructions from it. */
  final byte[] bytes;
  final int dataCount;

  private WasmModule(Builder b) {
    this.types = List.copyOf(b.types);
    this.imports = List.copyOf(b.imports);
    this.funcTypes = b.funcTypes.clone();
    this.importedFuncs = b.importedFuncs;
    this.tables = List.copyOf(b.tables);
    this.importedTables = b.importedTables;
    this.memories = List.copyOf(b.memories);
    this.importedMemories = b.importedMemories;
    this.globals = List.copyOf(b.globals);
    this.importedGlobals = b.importedGlobals;
    this.globalInits = List.copyOf(b.globalInits);
    this.exports = List.copyOf(b.exports);
    this.start = b.start;
    this.elems = List.copyOf(b.elems);
    this.datas = List.copyOf(b.datas);
    this.code = b.code.clone();
    this.name = b.name;
    this.bytes = b.bytes;
    this.dataCount = b.dataCount;
  }

  /** Collects a module's parts for {@link ModuleParser}. */
  static final class Builder {
    private List<FuncType> types = List.of();
    private List<Import> imports = List.of();
    private int importedFuncs;
    private int importedTables;
    private int importedMemories;
    private int importedGlobals;
    private int[] funcTypes = new int[0];
    private CompiledFunction[] code = new CompiledFunction[0];
    private List<TableType> tables = List.of();
    private List<Limits> memories = List.of();
    private List<GlobalType> globals = List.of();
    private List<ConstExpr> globalInits = List.of();
    private List<Export> exports = List.of();
    private int start = -1;
    private List<ElemSegment> elems = List.of();
    private List<DataSegment> datas = List.of();
    private int dataCount = -1;
    private String name;
    private byte[] bytes;

    Builder types(List<FuncType> types) {
      this.types = types;
      return this;
    }

    /** The imports and how many of each kind there are (they come first in the index spaces). */
    Builder imports(
        List<Import> imports, int functions, int tables, int memories, int globals) {
      this.imports = imports;
      this.importedFuncs = functions;
      this.importedTables = tables;
      this.importedMemories = memories;
      this.importedGlobals = globals;
      return this;
    }

    /** Every function's type index (imports first) and the defined functions' bodies. */
    Builder functions(int[] funcTypes, CompiledFunction[] code) {
      this.funcTypes = funcTypes;
      this.code = code;
      return this;
    }

    Builder tables(List<TableType> tables) {
      this.tables = tables;
      return this;
    }

    Builder memories(List<Limits> memories) {
      this.memories = memories;
      return this;
    }

    /** Every global's type (imports first) and the defined globals' initializers. */
    Builder globals(List<GlobalType> globals, List<ConstExpr> inits) {
      this.globals = globals;
      this.globalInits = inits;
      return this;
    }

    Builder exports(List<Export> exports) {
      this.exports = exports;
      return this;
    }

    /** The start function's index, or -1. */
    Builder start(int start) {
      this.start = start;
      return this;
    }

    Builder elements(List<ElemSegment> elems) {
      this.elems = elems;
      return this;
    }

    /** The data segments and the data count section's value (-1 when there is none). */
    Builder data(List<DataSegment> datas, int dataCount) {
      this.datas = datas;
      this.dataCount = dataCount;
      return this;
    }

    /** The module name from the name section, or null. */
    Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The module's binary (kept, not copied). */
    Builder bytes(byte[] bytes) {
      this.bytes = bytes;
      return this;
    }

    WasmModule build() {
      if (bytes == null) {
        throw new IllegalStateException("a module needs its bytes");
      }
      return new WasmModule(this);
    }
  }

  /** A validation context over this (already valid) module, for re-validating bodies. */
  ModuleContext context() {
    WasmModule m = this;
    return new ModuleContext() {
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
      public boolean memory64(int index) {
        return m.memories.get(index).is64();
      }

      @Override
      public boolean table64(int index) {
        return m.tables.get(index).limits().is64();
      }

      @Override
      public Features features() {
        // The module is valid: reading it with every feature decodes it the same way.
        return Features.WASM_3_0;
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
   * @throws MalformedException if the bytes are not a well-formed binary module
   * @throws InvalidException if the module does not validate
   */
  public static WasmModule parse(byte[] bytes) {
    return ModuleParser.parse(bytes, Features.WASM_3_0);
  }

  /**
   * Decodes and validates a binary module that may use only the given WebAssembly 3.0 features
   * ({@link Features#WASM_2_0} for none, as the 2.0 spec suite expects).
   *
   * @throws MalformedException if the bytes are not a well-formed binary module
   * @throws InvalidException if the module does not validate
   */
  public static WasmModule parse(byte[] bytes, Features features) {
    return ModuleParser.parse(bytes, features);
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

  public List<TableType> tables() {
    return tables;
  }

  public List<Limits> memories() {
    return memories;
  }

  public List<GlobalType> globals() {
    return globals;
  }

  /**
   * The text-format name of the instruction at {@code codeOffset} in the body of function {@code
   * functionIndex} (imports included in the index): what a coredump frame's position points at.
   * Empty for an imported function or an offset outside the body.
   */
  public Optional<String> instructionAt(int functionIndex, int codeOffset) {
    if (functionIndex < importedFuncs || functionIndex >= funcTypes.length) {
      return Optional.empty();
    }
    CompiledFunction cf = code[functionIndex - importedFuncs];
    int at = cf.bodyStart + codeOffset;
    if (codeOffset < 0 || at < cf.instrStart || at >= cf.bodyEnd) {
      return Optional.empty();
    }
    return Optional.of(Disassembly.nameAt(bytes, at));
  }

  /** The compiled body of defined function {@code index} (index counts imports). */
  CompiledFunction compiled(int index) {
    return code[index - importedFuncs];
  }
}
