/**
 * WebAssembly coredumps: the model ({@link dev.coroner.coredump.CoreDump} and its parts), the
 * canonical streaming encoder ({@link dev.coroner.coredump.CoreDumpEncoder}), the strict decoder
 * ({@link dev.coroner.coredump.CoreDumpDecoder}, errors as {@link
 * dev.coroner.coredump.CoreDumpFormatException} with an absolute offset), the canonical-form check
 * ({@link dev.coroner.coredump.CanonicalCheck}), a diff-friendly text rendering ({@link
 * dev.coroner.coredump.CoreDumpText}), LEB128 ({@link dev.coroner.coredump.Leb128}) and the size
 * caps ({@link dev.coroner.coredump.Limits}). No dependencies.
 *
 * <p>The format and the canonical encoding are described in {@code docs/coredump-format.md}.
 */
package dev.coroner.coredump;
