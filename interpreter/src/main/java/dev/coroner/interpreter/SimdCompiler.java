package dev.coroner.interpreter;

import dev.coroner.coredump.BinaryReader;
import dev.coroner.interpreter.model.ValType;

/**
 * Validates and emits one {@code 0xFD}-prefixed (SIMD) instruction for {@link FunctionCompiler},
 * from the {@link SimdInstruction} table: the subopcode, the immediates (memarg checked against the
 * access width, lane indices against the lane count), then operands popped and results pushed.
 *
 * <p>Pre-decoded code: the number ({@link SimdInstruction#code()}) followed by the memarg's offset,
 * then a lane index (lane loads and stores), then the memory index; a lane index (extract, replace); the 16 bytes of a
 * {@code v128.const} as four little-endian ints; or a shuffle's 16 lane indices, one int each.
 */
final class SimdCompiler {
  private SimdCompiler() {}

  /** Reads the subopcode after a {@code 0xFD} byte and validates and emits the instruction. */
  static void instruction(FunctionCompiler c, BinaryReader<MalformedException> r) {
    int sub = r.readU32("subopcode");
    SimdInstruction in = SimdInstruction.decode(sub);
    if (in == null) {
      throw c.malformed("illegal opcode 0xfd " + Integer.toUnsignedString(sub));
    }
    c.currentSimd = in;
    int[] imm;
    switch (in.kind()) {
      case LOAD:
      case STORE:
        imm = new int[] {memarg(c, in), c.memargMemory};
        break;
      case LOAD_LANE:
      case STORE_LANE: {
        int offset = memarg(c, in);
        imm = new int[] {offset, lane(c, r, in), c.memargMemory};
        break;
      }
      case EXTRACT:
      case REPLACE:
        imm = new int[] {lane(c, r, in)};
        break;
      case CONST:
        imm = new int[4];
        for (int i = 0; i < 4; i++) {
          imm[i] = (int) r.readFixed(4, "v128 constant");
        }
        break;
      case SHUFFLE:
        imm = new int[16];
        for (int i = 0; i < 16; i++) {
          imm[i] = lane(c, r, in);
        }
        break;
      default:
        imm = new int[0];
        break;
    }
    int[] params = in.params();
    for (int i = params.length - 1; i >= 0; i--) {
      c.pop(params[i] == Instruction.Sig.ADDRESS ? ValType.I32 : params[i]);
    }
    for (int t : in.results()) {
      c.push(t);
    }
    c.emitOp(in.code());
    for (int v : imm) {
      c.emit(v);
    }
  }

  /**
   * The memarg of a SIMD load or store, whose offset it returns (its memory index is then in {@code
   * c.memargMemory}). SIMD accesses are implemented for 32-bit memories, any index; one on a 64-bit
   * memory is rejected with a message that says so.
   */
  private static int memarg(FunctionCompiler c, SimdInstruction in) {
    long offset = c.memarg(in.width());
    if (c.addressType(c.memargMemory) != ValType.I32) {
      throw c.malformed(in.text() + " on 64-bit memory "
          + Integer.toUnsignedString(c.memargMemory)
          + ": SIMD accesses are implemented for 32-bit memories only");
    }
    return (int) offset;
  }

  private static int lane(
      FunctionCompiler c, BinaryReader<MalformedException> r, SimdInstruction in) {
    int lane = r.readByte("lane index");
    if (lane >= in.lanes()) {
      throw c.invalid("invalid lane index");
    }
    return lane;
  }
}
