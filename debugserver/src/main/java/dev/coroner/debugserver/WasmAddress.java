package dev.coroner.debugserver;

/**
 * The 64-bit addresses of LLDB's WebAssembly plugin ({@code wasm_addr_t} in LLDB's {@code
 * ProcessWasm.h}): bits 62-63 say which address space, bits 32-61 which module instance, bits
 * 0-31 the offset in it.
 *
 * <ul>
 *   <li>space 0, <em>memory</em>: offset into linear memory 0 of the instance;
 *   <li>space 1, <em>object</em>: offset into the module file of the instance (code addresses,
 *       and where LLDB reads a module from when it has no file for it).
 * </ul>
 *
 * <p>This server numbers instances as the coredump does ({@code coreinstances} order). LLDB
 * itself only parses 24 bits of the instance field, so instances beyond 2^24 are not addressable.
 */
final class WasmAddress {
  static final int MEMORY = 0;
  static final int OBJECT = 1;

  /** Most instances LLDB can tell apart (it reads 24 bits of the instance field). */
  static final int MAX_INSTANCES = 1 << 24;

  private WasmAddress() {}

  static long object(int instance, long offset) {
    return (1L << 62) | ((long) instance << 32) | (offset & 0xFFFF_FFFFL);
  }

  static long memory(int instance, long offset) {
    return ((long) instance << 32) | (offset & 0xFFFF_FFFFL);
  }

  static int space(long address) {
    return (int) (address >>> 62);
  }

  static int instance(long address) {
    return (int) ((address >>> 32) & 0x3FFF_FFFFL);
  }

  static long offset(long address) {
    return address & 0xFFFF_FFFFL;
  }
}
