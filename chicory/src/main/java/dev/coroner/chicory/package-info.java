/**
 * Coredumps for programs run by Chicory 1.7.5's interpreter: {@link
 * dev.coroner.chicory.ChicoryCoredumps} gives, for a trap, a {@link dev.coroner.coredump.CoreDump}
 * in the canonical form of Coroner's coredump library (section B of the format document).
 *
 * <h2>The hook</h2>
 *
 * <p>Chicory lets an embedder choose the machine that runs an instance ({@code
 * Instance.Builder.withMachineFactory}). This package's machine is Chicory's own {@code
 * InterpreterMachine}, subclassed, overriding two protected/public methods and changing nothing
 * they do:
 *
 * <ul>
 *   <li>{@code eval}, which Chicory calls once per Wasm frame, catches what is thrown, notes the
 *       frame (Chicory still has it) and rethrows the same exception;
 *   <li>{@code call(int, long[])}, the entry into an instance (an export, the start function, a
 *       call from another instance or a host function), counts nesting; when a trap leaves the
 *       thread's outermost entry, memories, globals and operand stacks are copied.
 * </ul>
 *
 * <p>On the hot path this costs one {@code peek()} of Chicory's call stack per Wasm call, a try
 * block, and a thread-local lookup per entry; see BENCHMARKS.md for the measured cost.
 *
 * <h2>Fragility: Chicory internals</h2>
 *
 * <p>A frame's function index, current instruction and locals are package-private in Chicory's
 * {@code StackFrame}, and the operand-stack height at which a frame was entered is in its private
 * control stack. They are read by {@link com.dylibso.chicory.runtime.CoronerFrameAccess}, a class
 * of this module placed in Chicory's package {@code com.dylibso.chicory.runtime} (and one
 * reflective read of the private field {@code ctrlStack}). Consequences:
 *
 * <ul>
 *   <li>Only Chicory 1.7.5 is supported; the parent POM pins it through the Chicory BOM, {@link
 *       dev.coroner.chicory.ChicoryCoredumps#create} refuses any other runtime version (tag {@code
 *       [ChicoryVersion]}; {@code -Dcoroner.chicory.allowUnverifiedVersion=true} overrides) and
 *       checks that the internals are there ({@code [ChicoryInternals]}); {@code
 *       ChicoryInternalsTest} fails the build if either changes.
 *   <li>Class path only: on the module path Java does not let another module add a class to
 *       Chicory's package.
 *   <li>The operand stack relies on how Chicory 1.7.5's interpreter traps: an instruction pops its
 *       operands, then throws, pushing nothing; so the trapping instruction's operands are still in
 *       the stack's slots just above its size, and are read back from there.
 * </ul>
 *
 * <h2>What the dumps hold</h2>
 *
 * <ul>
 *   <li>Every instance created through the {@code ChicoryCoredumps} and not forgotten, in creation
 *       order, with its module (named from the name section, else the name given to {@code parse},
 *       else {@code <anonymous-module-N>}); every memory and global once, as they were at the
 *       trap.
 *   <li>Frames youngest first, each with its own instance; code offsets from the byte after the
 *       body-size LEB (the trapping instruction, or the call in older frames), computed from the
 *       module's bytes, which is why modules must come through {@code parse} or {@code register};
 *       all locals; the operand stack, whose types Chicory does not keep and which are replayed by
 *       validating the function body up to the frame's instruction.
 * </ul>
 *
 * <p>Limits, each an allowance of the {@code chicory} profile of {@code coroner kit score} ({@link
 * dev.coroner.chicory.conformance.ChicoryProfile}) where it can show:
 *
 * <ul>
 *   <li>Stack exhaustion is the JVM's {@code StackOverflowError}: the depth is the Java thread
 *       stack's, and the youngest frame is wherever the stack ran out (possibly just after an
 *       instruction completed), so its operand stack is left out.
 *   <li>A trap raised in a host function that first called back into the same instance: the call's
 *       arguments may have been overwritten by the callback and are written as missing.
 *   <li>Instructions the replay does not model (SIMD, GC, atomics, {@code br_on_null}) before a
 *       frame's position: that frame's operand stack is left out.
 *   <li>v128 and reference values are written as missing, tables are not captured (the format has
 *       no encoding for them); GC and exception reference globals are written as {@code ref.null
 *       externref}.
 *   <li>A trap that a host function catches before it leaves the WebAssembly code has no dump.
 * </ul>
 */
package dev.coroner.chicory;
