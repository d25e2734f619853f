package dev.coroner.interpreter;

import dev.coroner.coredump.BinaryReader;

/** Names the instruction at a position of a module's binary, from the {@link Instruction} table. */
final class Disassembly {
  private Disassembly() {}

  /**
   * The text name of the instruction that starts at absolute offset {@code offset} of {@code
   * module} (its {@link Instruction#text()} or {@link SimdInstruction#text()}), or its opcode in
   * hex if the tables have no such instruction.
   */
  static String nameAt(byte[] module, int offset) {
    if (offset < 0 || offset >= module.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " of a " + module.length
          + "-byte module");
    }
    try {
      BinaryReader<MalformedException> r = ModuleErrors.reader(module);
      r.skip(offset, "instruction");
      int op = r.readByte("opcode");
      if (op != 0xFC && op != 0xFD) {
        Instruction in = Instruction.decode(0, op);
        return in != null ? in.text() : String.format("0x%02x", op);
      }
      int sub = r.readU32("subopcode");
      if (op == 0xFD) {
        SimdInstruction simd = SimdInstruction.decode(sub);
        return simd != null ? simd.text() : String.format("0x%02x %d", op, sub);
      }
      Instruction in = Instruction.decode(op, sub);
      return in != null ? in.text() : String.format("0x%02x %d", op, sub);
    } catch (MalformedException e) {
      return String.format("0x%02x", module[offset] & 0xFF);
    }
  }
}
