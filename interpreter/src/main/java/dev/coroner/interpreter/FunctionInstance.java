package dev.coroner.interpreter;

import dev.coroner.interpreter.model.FuncType;
import java.util.Optional;

/**
 * A function in a {@link Store}: either a WebAssembly function of an {@link Instance} or a host
 * function written in Java ({@link Store#hostFunction}). As a {@code funcref} value, a function is
 * its {@link #ref()}.
 */
public final class FunctionInstance implements Extern {
  final Store store;
  final FuncType type;
  /** Compiled body, or null for a host function. */
  final CompiledFunction code;
  /** Owning instance, or null for a host function. */
  final Instance instance;
  /** Index in the owning module's function index space, or -1 for a host function. */
  final int index;
  final HostFunction host;
  /** Store-wide identity, used as the funcref value. */
  final int id;
  /** Store-wide canonical type id (equal types have equal ids). */
  final int typeId;
  /** The function's code in the store's {@link ExecutionTier} ({@link #code} is then null). */
  TierCode tier;

  FunctionInstance(
      Store store, FuncType type, CompiledFunction code, Instance instance, int index,
      HostFunction host) {
    this.store = store;
    this.type = type;
    this.code = code;
    this.instance = instance;
    this.index = index;
    this.host = host;
    this.typeId = store.canonicalType(type);
    this.id = store.registerFunction(this);
  }

  public FuncType type() {
    return type;
  }

  /** True for a host (Java) function. */
  public boolean isHost() {
    return host != null;
  }

  /** True when the store's {@link ExecutionTier} runs this function (not the interpreter). */
  public boolean isTiered() {
    return tier != null;
  }

  /** The instance a WebAssembly function belongs to; empty for a host function. */
  public Optional<Instance> instance() {
    return Optional.ofNullable(instance);
  }

  /** The index in its module's function index space (imports included); -1 for a host function. */
  public int index() {
    return index;
  }

  /** The funcref value that denotes this function. */
  public long ref() {
    return id;
  }

  /** Calls this function; see {@link Store#invoke(FunctionInstance, long...)}. */
  public long[] call(long... args) {
    return store.invoke(this, args);
  }

  @Override
  public String toString() {
    return host != null ? "host function " + type
        : "function " + index + " of " + instance.displayName() + " " + type;
  }
}
