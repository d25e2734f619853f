package dev.coroner.interpreter;

import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;

/** What the function validator needs to know about the module around a function body. */
interface ModuleContext {
  FuncType type(int index);

  int typeCount();

  int functionCount();

  FuncType functionType(int index);

  int tableCount();

  int tableElemType(int index);

  int memoryCount();

  /** Whether memory {@code index} is 64-bit. */
  boolean memory64(int index);

  /** Whether table {@code index} is 64-bit. */
  boolean table64(int index);

  /** The WebAssembly 3.0 features the module may use. */
  Features features();

  int globalCount();

  GlobalType global(int index);

  int elemCount();

  int elemType(int index);

  /** The data count section's value, or -1 if the module has none. */
  int dataCount();

  /**
   * Called when a body uses a data index although the module has no data count section; the
   * module decides at its end whether that is malformed (it has data segments) or invalid (no
   * data segment exists).
   */
  default void dataIndexWithoutCount(int index) {}

  /**
   * True if a function body may take a reference to function {@code funcIndex} ({@link
   * Instruction#REF_FUNC}; the spec's C.refs).
   */
  boolean isDeclaredRef(int funcIndex);
}
