package dev.coroner.interpreter;

import dev.coroner.coredump.BinaryReader;

/**
 * The module parser's reader errors: {@link MalformedException}s with the WebAssembly spec's texts
 * (as the reference interpreter words them), at the offsets its tests expect: the end of the input
 * or section for a truncation, the first byte of a malformed integer or name.
 */
final class ModuleErrors implements BinaryReader.Errors<MalformedException> {
  /** The region name of a reader over a whole module; any other region is a section or a body. */
  static final String MODULE = "module";

  static final ModuleErrors INSTANCE = new ModuleErrors();

  private ModuleErrors() {}

  /** A reader over a whole module's bytes. */
  static BinaryReader<MalformedException> reader(byte[] module) {
    return new BinaryReader<>(module, MODULE, INSTANCE);
  }

  /** The spec's text for input that ends too early in {@code region}. */
  static String unexpectedEnd(String region) {
    return MODULE.equals(region) ? "unexpected end" : "unexpected end of section or function";
  }

  @Override
  public MalformedException unexpectedEnd(String region, long limit, long at, String what) {
    return MalformedException.at(unexpectedEnd(region), limit);
  }

  @Override
  public MalformedException lebTooLong(long start, long at, int bits, boolean signed, String what) {
    return MalformedException.at("integer representation too long", start);
  }

  @Override
  public MalformedException lebTooLarge(
      long start, long at, int bits, boolean signed, String what) {
    return MalformedException.at("integer too large", start);
  }

  /** A vector count larger than the bytes left could hold: the input ends too early. */
  @Override
  public MalformedException tooLarge(
      String region, long at, String what, long value, String bound) {
    return MalformedException.at(unexpectedEnd(region), at);
  }

  @Override
  public MalformedException invalidUtf8(long start, long at, String what) {
    return MalformedException.at("malformed UTF-8 encoding", start);
  }

  @Override
  public MalformedException badByte(long at, int found, int expected, String what) {
    return MalformedException.at("malformed " + what, at);
  }

  @Override
  public MalformedException trailingBytes(long at, String region, long count) {
    return MalformedException.at("section size mismatch", at);
  }

  @Override
  public MalformedException malformed(long at, String reason) {
    return MalformedException.at(reason, at);
  }
}
