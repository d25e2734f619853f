/**
 * A WebAssembly 2.0 interpreter (fixed-width SIMD included) that captures exact coredumps when a
 * trap happens, with WebAssembly 3.0's tail calls, multiple memories, 64-bit memories and tables
 * and extended constant expressions ({@link dev.coroner.interpreter.Features}; 64-bit memories are
 * sparse).
 *
 * <p><b>Use.</b> {@link dev.coroner.interpreter.WasmModule#parse(byte[])} decodes and validates a
 * module; a {@link dev.coroner.interpreter.Store} instantiates modules ({@link
 * dev.coroner.interpreter.Store#instantiate(WasmModule, String)}), links imports through names
 * registered with {@link dev.coroner.interpreter.Store#register(String, Instance)} or {@link
 * dev.coroner.interpreter.Store#register(String, java.util.Map)} (host functions: {@link
 * dev.coroner.interpreter.Store#hostFunction}), and runs functions ({@link
 * dev.coroner.interpreter.Instance#invoke(String, long...)}). An instance's exports are typed
 * ({@link dev.coroner.interpreter.Extern}: {@link dev.coroner.interpreter.Instance#function(String)},
 * {@link dev.coroner.interpreter.Instance#memory(String)}, ...). Values are raw bits in {@code
 * long}s. The live frames are visible through {@link dev.coroner.interpreter.FrameView}, the view
 * that capture, host functions and tools share with any other execution tier.
 *
 * <p>Errors follow the spec's assertion kinds: {@link dev.coroner.interpreter.MalformedException},
 * {@link dev.coroner.interpreter.InvalidException}, {@link
 * dev.coroner.interpreter.UnlinkableException}, {@link
 * dev.coroner.interpreter.UninstantiableException} and {@link
 * dev.coroner.interpreter.TrapException}; messages start with the spec's text, and {@link
 * dev.coroner.interpreter.WasmException#offset()} gives the byte offset they concern.
 *
 * <p>With {@link dev.coroner.interpreter.StoreConfig#withCapture(String) capture} on, a {@link
 * dev.coroner.interpreter.TrapException} carries a {@link dev.coroner.coredump.CoreDump} built as
 * section B of the project's coredump format document prescribes. Capture costs nothing while the
 * program runs: see {@code Machine} (the execution loop) and {@code Capture}.
 *
 * <p><b>Inside</b> (package-private, not API): {@code Instruction}, the table of every
 * instruction (text name, encoding, immediates, types, traps) from which the rest derives; {@code
 * ModuleParser} (decoding, through the coredump library's {@link dev.coroner.coredump.BinaryReader});
 * {@code FunctionCompiler} (validation and compilation to pre-decoded code, numbered by {@code Op});
 * {@code Machine} (the loop) calling the instructions' semantics in {@link
 * dev.coroner.interpreter.semantics}; {@code Capture}. Subpackages: {@code model} (the types a
 * module declares: {@link dev.coroner.interpreter.model.FuncType}, {@link
 * dev.coroner.interpreter.model.ValType}, ...), {@code semantics} (what each instruction computes,
 * shared with compiled tiers) and {@code script} (spec-style scripts, the {@code spectest} and
 * {@code coroner} host modules).
 */
package dev.coroner.interpreter;
