/**
 * WASI preview 1 for Coroner's interpreter, running WASI command modules, and the program
 * fixtures (C programs compiled to {@code wasm32-wasi}) with their run specs and runner.
 *
 * <p><b>Adapted, not written.</b> The WASI functions are Chicory 1.7.5's {@code WasiPreview1}
 * ({@code com.dylibso.chicory:wasi}, tested upstream against the WASI test suite), behind two
 * small adapters: {@code GuestMemory} presents the calling instance's linear memory (memory 0 of
 * {@link dev.coroner.interpreter.HostFunction.CallContext#caller()}) as Chicory's {@code Memory},
 * and {@code WasiFunctions} binds each of the 48 functions Chicory's generated module factory
 * exports to an interpreter host function ({@link dev.coroner.interpreter.Store#hostFunction})
 * with the same name and type. A test checks that the binding and Chicory's factory list the same
 * functions with the same types, and another calls every one of them from WebAssembly.
 *
 * <p><b>What is written here, and why.</b>
 *
 * <ul>
 *   <li>The binding table itself: Chicory's factory produces Chicory {@code HostFunction}s whose
 *       handles take a Chicory {@code Instance}, which only Chicory's runtime can create; calling
 *       the public {@code WasiPreview1} methods directly is the smallest bridge.
 *   <li>Bad pointers return {@code EFAULT}, as the WASI specification says, where Chicory would
 *       let its memory's bounds exception escape (a trap in Chicory). The adapter checks every
 *       access; the four functions that move data through buffer lists ({@code fd_read}, {@code
 *       fd_write}, {@code fd_pread}, {@code fd_pwrite}) and two that write a result after a side
 *       effect ({@code fd_seek}, {@code path_open}) are checked before Chicory runs, so nothing is
 *       consumed or written when a pointer is bad.
 *   <li>Chicory copies each buffer through a {@code byte[]} of its full length; a buffer longer
 *       than 16 MiB is shown to it as 16 MiB (a short read or write, which WASI allows), so a
 *       guest cannot make the host allocate hundreds of MiB in one call.
 *   <li>{@code proc_exit} becomes {@link dev.coroner.wasi.ProgramExit} (the run ends with that
 *       exit code, no trap, no coredump), for every code including 0.
 *   <li>The six functions Chicory declares but does not implement ({@code proc_raise}, {@code
 *       sock_accept}, {@code sock_recv}, {@code sock_send}, {@code adapter_open_badfd}, {@code
 *       adapter_close_badfd}) return {@code ENOSYS} instead of throwing: a program may probe them
 *       and carry on, as it would on a runtime without sockets. A test fails the day Chicory
 *       implements one, so the binding can follow.
 *   <li>Any other exception from Chicory is a {@link dev.coroner.wasi.WasiInternalError}, never a
 *       trap, so no coredump ever blames the guest for a host bug. Chicory's per-call trace
 *       logging is switched off.
 *   <li>Link errors name the import module, the field and the type ({@link
 *       dev.coroner.wasi.WasiImports}); the interpreter's own name only the first two.
 * </ul>
 *
 * <p><b>Running programs.</b> {@link dev.coroner.wasi.WasiCommand} runs a command module's {@code
 * _start} and classifies the end ({@link dev.coroner.wasi.ProgramOutcome}: exited, trapped, or
 * stopped through {@link dev.coroner.wasi.RunGuard}). {@link dev.coroner.wasi.ProgramSpec} reads
 * a program fixture's run spec ({@code programs/NAME/NAME.run.json}) and {@link
 * dev.coroner.wasi.ProgramRunner} runs it reproducibly with capture on, returning a {@link
 * dev.coroner.wasi.ProgramResult} (outcome, output, exit code, coredump) that the conformance
 * machinery can check against goldens.
 */
package dev.coroner.wasi;
