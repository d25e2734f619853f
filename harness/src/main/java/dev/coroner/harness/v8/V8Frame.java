package dev.coroner.harness.v8;

/**
 * One Wasm frame as V8 reports it: the instance (the {@code i}-th instantiation of the fixture,
 * told apart by the call site's receiver), the function index (imports counted, V8's {@code
 * wasm-function[F]}) and the byte offset in the module file ({@code :0xOFFSET}): the trapping
 * instruction for the youngest frame, the call instruction for older ones.
 *
 * @param instance instance index
 * @param function function index
 * @param moduleOffset byte offset in the module
 */
public record V8Frame(int instance, int function, long moduleOffset) {

  /** {@code instance 0, wasm-function[3]:0x2a}, V8's own way of naming the place. */
  @Override
  public String toString() {
    return "instance " + instance + ", wasm-function[" + function + "]:0x"
        + Long.toHexString(moduleOffset);
  }
}
