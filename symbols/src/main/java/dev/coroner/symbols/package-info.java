/**
 * Source-level backtraces: where in the C, C++ or Rust source a coredump frame is, from the
 * module's DWARF, with the {@code name} section as the fallback.
 *
 * <p>Use: {@link dev.coroner.symbols.Symbolizer#of(byte[])} for a module, then {@link
 * dev.coroner.symbols.Symbolizer#locate(int, int)} with a frame's function index and code offset
 * gives the chain of {@link dev.coroner.symbols.SourceLocation}s there, innermost inlined function
 * first. {@link dev.coroner.symbols.SourceBacktrace} renders frames ({@code sum_first at
 * hp.c:23:5 (inlined into main at hp.c:37:11)}, else {@code A.f (func 0) offset 0x8}) and
 * collects one warning per unreadable section. Errors are {@link
 * dev.coroner.symbols.DwarfException}s with the section and the byte.
 *
 * <h2>From a coredump frame to a source line (the address arithmetic, once)</h2>
 *
 * <ol>
 *   <li><b>Frame to module.</b> A frame names an instance; the dump's {@code coreinstances}
 *       section gives that instance's module index, and {@code coremodules} the module's name.
 *       The caller supplies that module's bytes.
 *   <li><b>Frame to module offset.</b> The frame's function index counts imported functions
 *       first, so its body is the code section's body number {@code funcIndex - imports}. The
 *       frame's code offset counts from the first byte after that body's size LEB128 (the start
 *       of the local declarations). So: {@code moduleOffset = bodyStart(funcIndex) + codeOffset}
 *       ({@link dev.coroner.symbols.Symbolizer#moduleOffset}). This is the offset V8 prints as
 *       {@code wasm-function[F]:0xOFFSET}.
 *   <li><b>Module offset to DWARF address.</b> DWARF addresses in a Wasm module are relative to
 *       the start of the code section's contents (the byte of its function count, after the
 *       section's id and size): {@code address = moduleOffset - codeSectionContentsStart}
 *       ({@link dev.coroner.symbols.Symbolizer#dwarfAddress}). A function's {@code
 *       DW_AT_low_pc} is thus its body start minus that; {@code llvm-symbolizer --obj=M.wasm}
 *       takes the same addresses.
 *   <li><b>DWARF address to source.</b> The unit whose ranges cover the address (from each unit
 *       DIE's {@code low_pc}/{@code high_pc} or {@code DW_AT_ranges}); in it, the innermost
 *       subprogram or inlined-subroutine DIE covering the address, then its enclosing inlined
 *       subroutines up to the subprogram. The innermost frame's file, line and column come from
 *       the unit's line table (the last row at or before the address in its sequence); each
 *       outer frame's from the {@code DW_AT_call_file/line/column} of the frame inside it.
 *       Names follow {@code DW_AT_abstract_origin} and {@code DW_AT_specification}.
 * </ol>
 *
 * <p>Every step follows LLVM where DWARF leaves a choice, and the tests compare the result with
 * llvm-symbolizer on every instruction of every test program. The project's {@code
 * docs/symbolization.md} says the same for readers outside the code.
 *
 * <h2>What is read, and when</h2>
 *
 * <p>Nothing until a frame needs it: the section headers and code section body sizes on the first
 * lookup; the unit headers and unit DIEs then; one unit's DIEs and line table when an address
 * falls in that unit. DWARF 2 to 5 in 32- and 64-bit form: {@code .debug_info}, {@code
 * .debug_abbrev}, {@code .debug_line} (with {@code .debug_line_str}), {@code .debug_str}, {@code
 * .debug_str_offsets}, {@code .debug_addr}, {@code .debug_ranges} and {@code .debug_rnglists};
 * every attribute form of DWARF 5 (each DIE keeps all its attributes, locations and types
 * included, for later consumers; {@code .debug_loc}/{@code .debug_loclists} are not read yet).
 *
 * <p>Corrupt input is expected: every loop is bounded by the bytes it reads, references are
 * followed once each, nothing recurses on input depth, and every failure is a {@link
 * dev.coroner.symbols.DwarfException}.
 */
package dev.coroner.symbols;
