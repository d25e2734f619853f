/**
 * WebAssembly coredumps: the model ({@link dev.coroner.coredump.CoreDump} and its parts), the
 * canonical streaming encoder ({@link dev.coroner.coredump.CoreDumpEncoder}), the strict decoder
 * ({@link dev.coroner.coredump.CoreDumpDecoder}, errors as {@link
 * dev.coroner.coredump.CoreDumpFormatException} with an absolute offset), the canonical-form check
 * ({@link dev.coroner.coredump.CanonicalCheck}), a diff-friendly text rendering ({@link
 * dev.coroner.coredump.CoreDumpText}), LEB128 ({@link dev.coroner.coredump.Leb128}) and the size
 * caps ({@link dev.coroner.coredump.Limits}). No dependencies.
 *
 * <p>Around the format: other producers' frame layouts, detected and converted ({@link
 * dev.coroner.coredump.Dialect}, {@link dev.coroner.coredump.DialectConverter}); the framing of
 * any Wasm binary ({@link dev.coroner.coredump.ModuleSections}); the one registry of custom
 * sections known by name ({@link dev.coroner.coredump.KnownCustomSection}); and a module's {@code
 * name} section ({@link dev.coroner.coredump.NameSection}). Value types have one vocabulary,
 * {@link dev.coroner.coredump.ValueType}, which frame values' {@link
 * dev.coroner.coredump.Value.Kind} refers to.
 *
 * <p>The format, the canonical encoding this library writes and checks, and how other producers
 * differ are described in {@code docs/coredump-format.md} at the root of the repository.
 */
package dev.coroner.coredump;
