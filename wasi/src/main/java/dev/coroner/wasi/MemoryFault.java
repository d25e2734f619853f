package dev.coroner.wasi;

/**
 * A WASI function touched bytes outside the caller's linear memory. The binding turns it into the
 * WASI error {@code EFAULT} returned to the guest; it never becomes a trap.
 */
final class MemoryFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MemoryFault(long address, long length, long memorySize) {
    super(length + " bytes at address " + address + " are outside memory of " + memorySize
        + " bytes", null, false, false);
  }
}
