/**
 * A WebAssembly 2.0 interpreter (without SIMD) that captures exact coredumps when a trap happens.
 *
 * <p>Use: {@link dev.coroner.interpreter.WasmModule#parse(byte[])} decodes and validates a module;
 * a {@link dev.coroner.interpreter.Store} instantiates modules ({@link
 * dev.coroner.interpreter.Store#instantiate(WasmModule, String)}), links imports through names
 * registered with {@link dev.coroner.interpreter.Store#register(String, Instance)} or {@link
 * dev.coroner.interpreter.Store#register(String, java.util.Map)} (host functions: {@link
 * dev.coroner.interpreter.Store#hostFunction}), and runs functions ({@link
 * dev.coroner.interpreter.Instance#invoke(String, long...)}). Values are raw bits in {@code long}s.
 *
 * <p>Errors follow the spec's assertion kinds: {@link dev.coroner.interpreter.MalformedException},
 * {@link dev.coroner.interpreter.InvalidException}, {@link
 * dev.coroner.interpreter.UnlinkableException}, {@link
 * dev.coroner.interpreter.UninstantiableException} and {@link
 * dev.coroner.interpreter.TrapException}; messages start with the spec's text.
 *
 * <p>With {@link dev.coroner.interpreter.StoreConfig#withCapture(String) capture} on, a {@link
 * dev.coroner.interpreter.TrapException} carries a {@link dev.coroner.coredump.CoreDump} built as
 * section B of the project's coredump format document prescribes. Capture costs nothing while the
 * program runs: see {@code Machine} (the execution loop) and {@code Capture}.
 *
 * <p>Layout: {@code binary} (decoding), {@code validate} (validation and compilation to pre-decoded
 * code), {@code model} (the module's parts), this package (store, execution, capture) and {@code
 * script} (running spec-style scripts, {@code spectest} and {@code coroner} host modules).
 */
package dev.coroner.interpreter;
