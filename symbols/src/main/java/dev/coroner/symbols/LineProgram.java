package dev.coroner.symbols;

import java.util.List;

/**
 * The line number program's state machine (DWARF 6.2.2, 6.2.5), as LLVM's {@code DWARFDebugLine}
 * runs it: registers with LLVM's widths (line and discriminator 32 bits, file and column 16
 * bits), rows after a {@code DW_LNE_set_address} of the tombstone dropped, a sequence kept only
 * if its rows span a non-empty range. Every opcode consumes at least one byte, and an extended
 * opcode's length must stay inside the program, so the run ends with the input.
 */
final class LineProgram {

  private LineProgram() {}

  /** The header fields that drive the program. */
  static final class Header {
    int minInstLength;
    int maxOpsPerInst;
    boolean defaultIsStmt;
    int lineBase;
    int lineRange;
    int opcodeBase;
    int[] standardLengths;
  }

  /** The state machine's registers (6.2.2) and the sequence being built. */
  private static final class State {
    final boolean defaultIsStmt;
    long address;
    int opIndex;
    int file;
    int line;
    int column;
    int discriminator;
    boolean isStmt;
    boolean tombstoned;
    boolean sequenceEmpty;
    long sequenceLow;
    int sequenceFirst;

    State(boolean defaultIsStmt) {
      this.defaultIsStmt = defaultIsStmt;
      reset();
    }

    void reset() {
      address = 0;
      opIndex = 0;
      file = 1;
      line = 1;
      column = 0;
      discriminator = 0;
      isStmt = defaultIsStmt;
      sequenceEmpty = true;
    }
  }

  static void run(SectionInput in, Header h, List<LineTable.FileEntry> files, LineRows rows,
      List<long[]> sequences) throws DwarfException {
    State s = new State(h.defaultIsStmt);
    int maxOps = Math.max(h.maxOpsPerInst, 1);
    while (!in.atEnd()) {
      int opcode = in.u8("line program opcode");
      if (opcode == 0) {
        long length = in.uleb("extended opcode length");
        long operandsAt = in.offset();
        if (length == 0) {
          continue;
        }
        if (Long.compareUnsigned(length, in.end() - operandsAt) > 0) {
          throw in.error(operandsAt, "extended opcode length " + Long.toUnsignedString(length)
              + " runs past the end of the line program");
        }
        int sub = in.u8("extended opcode");
        switch (sub) {
          case Dw.LNE_END_SEQUENCE -> {
            emit(s, rows, sequences, true);
            s.reset();
          }
          case Dw.LNE_SET_ADDRESS -> {
            int width = (int) (length - 1);
            if (width == 1 || width == 2 || width == 4 || width == 8) {
              s.address = in.fixed(width, "address");
              s.opIndex = 0;
              s.tombstoned = s.address == Dw.tombstone(width);
            }
          }
          case Dw.LNE_DEFINE_FILE -> {
            String name = in.cstring("file name");
            long dir = in.uleb("directory index");
            long time = in.uleb("modification time");
            long size = in.uleb("file size");
            files.add(new LineTable.FileEntry(name, dir, time, size, null, null));
          }
          case Dw.LNE_SET_DISCRIMINATOR -> s.discriminator = (int) in.uleb("discriminator");
          default -> { } // unknown: skipped by its length below
        }
        in.seek(operandsAt + length, "end of extended opcode");
      } else if (opcode < h.opcodeBase) {
        switch (opcode) {
          case Dw.LNS_COPY -> emit(s, rows, sequences, false);
          case Dw.LNS_ADVANCE_PC -> advance(s, h, maxOps, in.uleb("address advance"));
          case Dw.LNS_ADVANCE_LINE -> s.line += (int) in.sleb("line advance");
          case Dw.LNS_SET_FILE -> s.file = (int) in.uleb("file") & 0xFFFF;
          case Dw.LNS_SET_COLUMN -> s.column = (int) in.uleb("column") & 0xFFFF;
          case Dw.LNS_NEGATE_STMT -> s.isStmt = !s.isStmt;
          case Dw.LNS_SET_BASIC_BLOCK, Dw.LNS_SET_PROLOGUE_END, Dw.LNS_SET_EPILOGUE_BEGIN -> { }
          case Dw.LNS_CONST_ADD_PC -> advance(s, h, maxOps, operationAdvance(h, 255));
          case Dw.LNS_FIXED_ADVANCE_PC -> {
            s.address += in.u16("fixed address advance");
            s.opIndex = 0;
          }
          case Dw.LNS_SET_ISA -> in.uleb("isa");
          default -> {
            // An opcode DWARF 5 does not define: skip the operands the header declares.
            for (int i = 0; i < h.standardLengths[opcode - 1]; i++) {
              in.uleb("operand");
            }
          }
        }
      } else {
        int adjusted = (opcode - h.opcodeBase) & 0xFF;
        advance(s, h, maxOps, operationAdvance(h, opcode));
        if (h.lineRange != 0) {
          s.line += h.lineBase + adjusted % h.lineRange;
        }
        emit(s, rows, sequences, false);
      }
    }
  }

  private static long operationAdvance(Header h, int opcode) {
    int adjusted = (opcode - h.opcodeBase) & 0xFF;
    return h.lineRange == 0 ? 0 : adjusted / h.lineRange;
  }

  private static void advance(State s, Header h, int maxOps, long operationAdvance) {
    long ops = s.opIndex + operationAdvance;
    s.address += Long.divideUnsigned(ops, maxOps) * h.minInstLength;
    s.opIndex = (int) Long.remainderUnsigned(ops, maxOps);
  }

  private static void emit(State s, LineRows rows, List<long[]> sequences, boolean endSequence) {
    if (s.tombstoned) {
      return;
    }
    int index = rows.size;
    if (s.sequenceEmpty) {
      s.sequenceEmpty = false;
      s.sequenceLow = s.address;
      s.sequenceFirst = index;
    }
    rows.add(s.address, s.line, (short) s.column, (short) s.file, s.discriminator);
    if (endSequence) {
      long high = s.address;
      if (Long.compareUnsigned(s.sequenceLow, high) < 0 && s.sequenceFirst < index + 1) {
        sequences.add(new long[] {s.sequenceLow, high, s.sequenceFirst, index + 1});
      }
      s.sequenceEmpty = true;
    }
    s.discriminator = 0;
  }
}
