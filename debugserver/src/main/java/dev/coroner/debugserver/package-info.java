/**
 * Post-mortem debugging of WebAssembly coredumps in LLDB: a read-only GDB-remote server ({@link
 * dev.coroner.debugserver.DebugServer}) that answers what LLDB 22's WebAssembly process plugin
 * asks of a live runtime (call stacks, locals, globals, operand stack values, both address spaces,
 * the modules) from a coredump and its module files ({@link dev.coroner.debugserver.CoreTarget},
 * {@link dev.coroner.debugserver.ModuleMatching}). Depends only on {@code coredump}.
 *
 * <p>Why LLDB asks for variables: LLDB reads a frame's {@code pc} through the GDB-remote register
 * context ({@code qRegisterInfo0} describes a 64-bit {@code generic:pc} register, {@code p0} reads
 * it), resolves DWARF location lists at that address, and evaluates {@code DW_OP_WASM_location}
 * (in {@code SymbolFileWasm}) as a read of a virtual register, which {@code RegisterContextWasm}
 * turns into {@code qWasmLocal}, {@code qWasmGlobal} or {@code qWasmStackValue} with the frame's
 * index. Without the {@code pc} register, location lists fail and LLDB never asks.
 */
package dev.coroner.debugserver;
