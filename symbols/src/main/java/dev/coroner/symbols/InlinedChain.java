package dev.coroner.symbols;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The chain of source locations at one address of a unit, as LLVM's {@code
 * DWARFContext::getInliningInfoForAddress} builds it: the innermost subroutine DIE at the address,
 * then each enclosing inlined subroutine, up to the subprogram. The innermost frame's position
 * comes from the line table; each outer frame's from the call site attributes ({@code
 * DW_AT_call_file/line/column}) of the frame inside it. Names and declarations are looked up
 * through {@code DW_AT_abstract_origin} and {@code DW_AT_specification}, each DIE once.
 */
final class InlinedChain {

  private InlinedChain() {}

  /** A found attribute and the DIE that holds it. */
  private record Found(Die die, Attribute attribute) {}

  /** What a frame takes from its DIE, whatever the address: computed once per DIE. */
  private record FrameInfo(String function, String linkageName, String qualifiedName,
      String declFile, long declLine, OptionalLong lowPc) {}

  static List<SourceLocation> locate(Unit unit, long address) throws DwarfException {
    List<Die> chain = new ArrayList<>();
    Die d = unit.subroutineAt(address);
    while (d != null) {
      if (d.isSubprogram()) {
        chain.add(d);
        break;
      }
      if (d.tag() == Dw.TAG_INLINED_SUBROUTINE) {
        chain.add(d);
      }
      d = d.parent();
    }
    LineTable lines = unit.lineTable();
    if (chain.isEmpty()) {
      // No DIE: the line table alone, without a function.
      SourceLocation top = lineOnly(lines, address);
      return top == null ? List.of() : List.of(top);
    }
    List<SourceLocation> out = new ArrayList<>(chain.size());
    long callFile = 0;
    long callLine = 0;
    long callColumn = 0;
    long callDiscriminator = 0;
    for (int i = 0; i < chain.size(); i++) {
      Die die = chain.get(i);
      String file = "";
      long line = 0;
      long column = 0;
      long discriminator = 0;
      if (i == 0) {
        int row = lines == null ? -1 : lines.lookup(address);
        String name = row < 0 ? null : lines.fileName(lines.file(row));
        if (name != null) {
          file = name;
          line = lines.line(row);
          column = lines.column(row);
          discriminator = lines.discriminator(row);
        }
      } else {
        String name = lines == null ? null : lines.fileName(callFile);
        file = name == null ? "" : name;
        line = callLine;
        column = callColumn;
        discriminator = callDiscriminator;
      }
      if (i + 1 < chain.size()) {
        callFile = u32(Unit.unsignedConstant(die.find(Dw.AT_CALL_FILE)));
        callLine = u32(Unit.unsignedConstant(die.find(Dw.AT_CALL_LINE)));
        callColumn = u32(Unit.unsignedConstant(die.find(Dw.AT_CALL_COLUMN)));
        callDiscriminator = u32(Unit.unsignedConstant(die.find(0x2136))); // DW_AT_GNU_discriminator
      }
      out.add(frame(die, file, line, column, discriminator, i + 1 < chain.size()));
    }
    if (out.size() == 1 && out.get(0).function().isEmpty() && out.get(0).file().isEmpty()) {
      return List.of();
    }
    return List.copyOf(out);
  }

  private static SourceLocation lineOnly(LineTable lines, long address) {
    if (lines == null) {
      return null;
    }
    int row = lines.lookup(address);
    String name = row < 0 ? null : lines.fileName(lines.file(row));
    if (name == null) {
      return null;
    }
    return new SourceLocation("", "", "", name, lines.line(row), lines.column(row),
        lines.discriminator(row), "", 0, OptionalLong.empty(), false);
  }

  private static long u32(OptionalLong v) {
    return v.orElse(0) & 0xFFFFFFFFL;
  }

  private static SourceLocation frame(Die die, String file, long line, long column,
      long discriminator, boolean inlined) throws DwarfException {
    FrameInfo info = (FrameInfo) die.frameInfo();
    if (info == null) {
      info = frameInfo(die);
      die.frameInfo(info);
    }
    return new SourceLocation(info.function(), info.linkageName(), info.qualifiedName(), file,
        line, column, discriminator, info.declFile(), info.declLine(), info.lowPc(), inlined);
  }

  private static FrameInfo frameInfo(Die die) throws DwarfException {
    Found name = findRecursively(die, Dw.AT_NAME);
    String function = name == null ? null : name.die().unit().string(name.attribute());
    Found linkage = findRecursively(die, Dw.AT_MIPS_LINKAGE_NAME, Dw.AT_LINKAGE_NAME);
    String linkageName =
        linkage == null ? null : linkage.die().unit().string(linkage.attribute());
    Found declLine = findRecursively(die, Dw.AT_DECL_LINE);
    long decl = declLine == null ? 0 : u32(Unit.unsignedConstant(declLine.attribute()));
    Found declFile = findRecursively(die, Dw.AT_DECL_FILE);
    String declFileName = "";
    if (declFile != null) {
      OptionalLong index = Unit.anyConstant(declFile.attribute());
      LineTable table = declFile.die().unit().lineTable();
      if (index.isPresent() && table != null) {
        String n = table.fileName(index.getAsLong());
        declFileName = n == null ? "" : n;
      }
    }
    OptionalLong lowPc = die.unit().address(die.find(Dw.AT_LOW_PC));
    String shortName = function == null ? "" : function;
    return new FrameInfo(
        shortName,
        linkageName != null ? linkageName : shortName,
        name == null ? "" : qualify(name.die(), shortName),
        declFileName, decl, lowPc);
  }

  /**
   * The first of {@code names} on {@code die}, else on the DIEs its {@code abstract_origin},
   * {@code specification} and {@code signature} lead to (LLVM's {@code
   * DWARFDie::findRecursively}: a work list, each DIE visited once).
   */
  private static Found findRecursively(Die die, int... names) throws DwarfException {
    Deque<Die> work = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    work.push(die);
    seen.add(die.offset());
    while (!work.isEmpty()) {
      Die d = work.pop();
      Attribute a = d.find(names);
      if (a != null) {
        return new Found(d, a);
      }
      for (int ref : new int[] {Dw.AT_ABSTRACT_ORIGIN, Dw.AT_SPECIFICATION, Dw.AT_SIGNATURE}) {
        Die target = referenced(d, d.find(ref));
        if (target != null && seen.add(target.offset())) {
          work.push(target);
        }
      }
    }
    return null;
  }

  /** The DIE a reference attribute points at, or null (type signatures are not followed). */
  static Die referenced(Die from, Attribute ref) throws DwarfException {
    OptionalLong target = from.unit().reference(ref);
    if (target.isEmpty()) {
      return null;
    }
    long offset = target.getAsLong();
    Unit unit = ref.form() == Dw.FORM_REF_ADDR
        ? from.unit().dwarf().unitContaining(offset) : from.unit();
    return unit == null ? null : unit.dieAt(offset);
  }

  /**
   * {@code name} prefixed with the names of the namespaces and types that enclose {@code
   * declaration} ({@code geo::Rect::area}); an anonymous namespace reads {@code (anonymous
   * namespace)}. Stops at the unit or at an enclosing function.
   */
  private static String qualify(Die declaration, String name) throws DwarfException {
    StringBuilder prefix = new StringBuilder();
    for (Die p = declaration.parent(); p != null; p = p.parent()) {
      int tag = p.tag();
      boolean scope = tag == Dw.TAG_NAMESPACE || tag == Dw.TAG_CLASS_TYPE
          || tag == Dw.TAG_STRUCTURE_TYPE || tag == Dw.TAG_UNION_TYPE
          || tag == Dw.TAG_ENUMERATION_TYPE || tag == Dw.TAG_INTERFACE_TYPE;
      if (!scope) {
        break;
      }
      String scopeName = p.unit().string(p.find(Dw.AT_NAME));
      if (scopeName == null) {
        scopeName = tag == Dw.TAG_NAMESPACE ? "(anonymous namespace)" : "(anonymous)";
      }
      prefix.insert(0, scopeName + "::");
    }
    return prefix + name;
  }
}
