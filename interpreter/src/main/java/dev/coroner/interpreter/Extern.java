package dev.coroner.interpreter;

/**
 * Something an instance exports or a module imports: a {@link FunctionInstance}, {@link
 * TableInstance}, {@link MemoryInstance} or {@link GlobalInstance}. Sealed, so a {@code switch} or
 * {@code instanceof} chain over the four kinds is complete.
 */
public sealed interface Extern
    permits FunctionInstance, TableInstance, MemoryInstance, GlobalInstance {}
