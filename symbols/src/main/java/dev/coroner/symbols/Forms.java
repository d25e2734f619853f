package dev.coroner.symbols;

/**
 * Reading one attribute value of a given form (7.5.6), for DIEs and for DWARF 5 line table entry
 * formats. Every form of DWARF 5 is read (or skipped by its size), plus the GNU forms LLVM knows;
 * an unknown form is an error, since the rest of the DIE cannot be found without its size.
 */
final class Forms {

  private Forms() {}

  /** How values are encoded where they are read: 64-bit DWARF or not, version, address size. */
  record Encoding(boolean dwarf64, int version, int addressSize) {}

  /**
   * Reads the value of an attribute {@code name} in form {@code form} at {@code in}'s position.
   * {@code DW_FORM_indirect} is followed (each step consumes a byte, so the chain ends with the
   * input).
   */
  static Attribute read(SectionInput in, int name, int form, long implicitConst, Encoding enc)
      throws DwarfException {
    while (true) {
      long at = in.offset();
      switch (form) {
        case Dw.FORM_ADDR:
          return new Attribute(name, form, in.address(enc.addressSize(), "address"), 0);
        case Dw.FORM_BLOCK2:
          return block(in, name, form, in.u16("block length"));
        case Dw.FORM_BLOCK4:
          return block(in, name, form, in.u32("block length"));
        case Dw.FORM_BLOCK:
        case Dw.FORM_EXPRLOC:
          return block(in, name, form, in.uleb("block length"));
        case Dw.FORM_BLOCK1:
          return block(in, name, form, in.u8("block length"));
        case Dw.FORM_DATA1:
        case Dw.FORM_REF1:
        case Dw.FORM_FLAG:
        case Dw.FORM_STRX1:
        case Dw.FORM_ADDRX1:
          return new Attribute(name, form, in.u8("data1"), 0);
        case Dw.FORM_DATA2:
        case Dw.FORM_REF2:
        case Dw.FORM_STRX2:
        case Dw.FORM_ADDRX2:
          return new Attribute(name, form, in.u16("data2"), 0);
        case Dw.FORM_STRX3:
        case Dw.FORM_ADDRX3:
          return new Attribute(name, form, in.fixed(3, "data3"), 0);
        case Dw.FORM_DATA4:
        case Dw.FORM_REF4:
        case Dw.FORM_REF_SUP4:
        case Dw.FORM_STRX4:
        case Dw.FORM_ADDRX4:
          return new Attribute(name, form, in.u32("data4"), 0);
        case Dw.FORM_DATA8:
        case Dw.FORM_REF8:
        case Dw.FORM_REF_SIG8:
        case Dw.FORM_REF_SUP8:
          return new Attribute(name, form, in.u64("data8"), 0);
        case Dw.FORM_DATA16:
          return block(in, name, form, 16);
        case Dw.FORM_STRING: {
          in.cstring("inline string");
          return new Attribute(name, form, at, in.offset() - at - 1);
        }
        case Dw.FORM_SDATA:
          return new Attribute(name, form, in.sleb("sdata"), 0);
        case Dw.FORM_UDATA:
        case Dw.FORM_REF_UDATA:
        case Dw.FORM_STRX:
        case Dw.FORM_ADDRX:
        case Dw.FORM_LOCLISTX:
        case Dw.FORM_RNGLISTX:
        case Dw.FORM_GNU_ADDR_INDEX:
        case Dw.FORM_GNU_STR_INDEX:
          return new Attribute(name, form, in.uleb("udata"), 0);
        case Dw.FORM_REF_ADDR:
          // DWARF 2 wrote DW_FORM_ref_addr in the address size; later versions as an offset.
          if (enc.version() <= 2) {
            return new Attribute(name, form, in.address(enc.addressSize(), "ref_addr"), 0);
          }
          return new Attribute(name, form, in.sectionOffset(enc.dwarf64(), "ref_addr"), 0);
        case Dw.FORM_STRP:
        case Dw.FORM_LINE_STRP:
        case Dw.FORM_SEC_OFFSET:
        case Dw.FORM_STRP_SUP:
        case Dw.FORM_GNU_REF_ALT:
        case Dw.FORM_GNU_STRP_ALT:
          return new Attribute(name, form, in.sectionOffset(enc.dwarf64(), "offset"), 0);
        case Dw.FORM_FLAG_PRESENT:
          return new Attribute(name, form, 1, 0);
        case Dw.FORM_IMPLICIT_CONST:
          return new Attribute(name, form, implicitConst, 0);
        case Dw.FORM_INDIRECT: {
          long next = in.uleb("indirect form");
          form = next > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) next;
          if (form == Dw.FORM_IMPLICIT_CONST) {
            // Its value lives in the abbreviation, which an indirect form does not have.
            throw in.error(at, "DW_FORM_implicit_const given indirectly");
          }
          continue;
        }
        default:
          throw in.error(at, "unknown attribute form 0x" + Integer.toHexString(form)
              + " for attribute 0x" + Integer.toHexString(name));
      }
    }
  }

  private static Attribute block(SectionInput in, int name, int form, long length)
      throws DwarfException {
    long at = in.offset();
    in.skip(length, "block");
    return new Attribute(name, form, at, length);
  }

  /** Whether {@code form} holds a constant (LLVM's FC_Constant, which includes sdata). */
  static boolean isConstant(int form) {
    return switch (form) {
      case Dw.FORM_DATA1, Dw.FORM_DATA2, Dw.FORM_DATA4, Dw.FORM_DATA8, Dw.FORM_DATA16,
          Dw.FORM_SDATA, Dw.FORM_UDATA, Dw.FORM_IMPLICIT_CONST -> true;
      default -> false;
    };
  }

  /** Whether {@code form} is an index into {@code .debug_addr}. */
  static boolean isAddressIndex(int form) {
    return switch (form) {
      case Dw.FORM_ADDRX, Dw.FORM_ADDRX1, Dw.FORM_ADDRX2, Dw.FORM_ADDRX3, Dw.FORM_ADDRX4,
          Dw.FORM_GNU_ADDR_INDEX -> true;
      default -> false;
    };
  }

  /** Whether {@code form} is an index into the unit's string offsets. */
  static boolean isStringIndex(int form) {
    return switch (form) {
      case Dw.FORM_STRX, Dw.FORM_STRX1, Dw.FORM_STRX2, Dw.FORM_STRX3, Dw.FORM_STRX4,
          Dw.FORM_GNU_STR_INDEX -> true;
      default -> false;
    };
  }
}
