/**
 * What each WebAssembly instruction does, once, as small typed static methods: {@link
 * dev.coroner.interpreter.semantics.I32}, {@link dev.coroner.interpreter.semantics.I64}, {@link
 * dev.coroner.interpreter.semantics.F32} and {@link dev.coroner.interpreter.semantics.F64} for
 * numbers (named after the instruction, grouped by the type it produces), {@link
 * dev.coroner.interpreter.semantics.Memory} and {@link dev.coroner.interpreter.semantics.Table}
 * for linear memory and tables. A trapping instruction throws {@link
 * dev.coroner.interpreter.semantics.Trap}, which the engine turns into a positioned {@link
 * dev.coroner.interpreter.TrapException}.
 *
 * <p>The interpreter loop calls these methods (HotSpot inlines them: each is a few bytes of
 * bytecode), and a compiled tier calls the very same ones, so the two cannot disagree. This
 * package is the contract between execution tiers, not an API for embedders.
 */
package dev.coroner.interpreter.semantics;
