package dev.coroner.symbols;

/**
 * Small hand-made modules with DWARF that clang does not write but other producers may: 64-bit
 * DWARF, DWARF 3 line tables with a low opcode base and {@code DW_LNE_define_file}, inline
 * strings, {@code DW_FORM_indirect}, {@code ref_udata}, {@code data16} MD5s, string and address
 * indices, range list indices. Each module imports one function (index 0) and defines one
 * (index 1) whose body is 31 nops and an end: code offset {@code k} is DWARF address
 * {@code 2 + k}.
 */
final class SyntheticModules {

  private SyntheticModules() {}

  /** The module around the given custom sections (name, contents, name, contents...). */
  static byte[] module(Object... customs) {
    ByteWriter m = new ByteWriter().u8(0).u8('a').u8('s').u8('m').u32(1);
    m.bytes(ByteWriter.section(1, new ByteWriter().uleb(1).u8(0x60).uleb(0).uleb(0)));
    m.bytes(ByteWriter.section(2, new ByteWriter().uleb(1).uleb(3).bytes("env".getBytes())
        .uleb(1).bytes("f".getBytes()).u8(0x00).uleb(0)));
    m.bytes(ByteWriter.section(3, new ByteWriter().uleb(1).uleb(0)));
    ByteWriter body = new ByteWriter().uleb(0);
    for (int i = 0; i < 30; i++) {
      body.u8(0x01);
    }
    body.u8(0x0b);
    m.bytes(ByteWriter.section(10, new ByteWriter().uleb(1).uleb(body.size()).bytes(body)));
    for (int i = 0; i < customs.length; i += 2) {
      m.bytes(ByteWriter.custom((String) customs[i], (ByteWriter) customs[i + 1]));
    }
    ByteWriter names = new ByteWriter().uleb(2).uleb(0).uleb(8).bytes("imported".getBytes())
        .uleb(1).uleb(2).bytes("fn".getBytes());
    m.bytes(ByteWriter.custom("name", new ByteWriter().u8(1).uleb(names.size()).bytes(names)));
    return m.toByteArray();
  }

  // DWARF constants used below, by their standard names.
  static final int TAG_COMPILE_UNIT = 0x11;
  static final int TAG_SUBPROGRAM = 0x2e;
  static final int TAG_INLINED_SUBROUTINE = 0x1d;
  static final int TAG_NAMESPACE = 0x39;
  static final int TAG_LEXICAL_BLOCK = 0x0b;
  static final int TAG_VARIABLE = 0x34;

  /**
   * DWARF 4 in the 64-bit format with a DWARF 3 line table (opcode base 10, so opcode 10 is a
   * special opcode): an inlined {@code ns::helper} inside a lexical block of {@code outer_fn},
   * names as inline strings, through {@code DW_FORM_indirect} and {@code .debug_str}.
   */
  static byte[] dwarf4Format64() {
    return dwarf4Format64(2);
  }

  /** {@link #dwarf4Format64()}, its line program switching to file {@code file} at address 12. */
  static byte[] dwarf4Format64(int file) {
    ByteWriter abbrev = new ByteWriter()
        // 1: compile unit
        .uleb(1).uleb(TAG_COMPILE_UNIT).u8(1)
        .uleb(0x03).uleb(0x08) // name: string
        .uleb(0x1b).uleb(0x08) // comp_dir: string
        .uleb(0x10).uleb(0x17) // stmt_list: sec_offset
        .uleb(0x11).uleb(0x01) // low_pc: addr
        .uleb(0x12).uleb(0x07) // high_pc: data8
        .uleb(0).uleb(0)
        // 2: subprogram with children
        .uleb(2).uleb(TAG_SUBPROGRAM).u8(1)
        .uleb(0x03).uleb(0x16) // name: indirect
        .uleb(0x6e).uleb(0x08) // linkage_name: string
        .uleb(0x3a).uleb(0x0b) // decl_file: data1
        .uleb(0x3b).uleb(0x0d) // decl_line: sdata
        .uleb(0x11).uleb(0x01) // low_pc: addr
        .uleb(0x12).uleb(0x0f) // high_pc: udata
        .uleb(0x40).uleb(0x0a) // frame_base: block1
        .uleb(0x3f).uleb(0x0c) // external: flag
        .uleb(0).uleb(0)
        // 3: inlined subroutine
        .uleb(3).uleb(TAG_INLINED_SUBROUTINE).u8(0)
        .uleb(0x31).uleb(0x15) // abstract_origin: ref_udata
        .uleb(0x11).uleb(0x01) // low_pc: addr
        .uleb(0x12).uleb(0x05) // high_pc: data2
        .uleb(0x58).uleb(0x0f) // call_file: udata
        .uleb(0x59).uleb(0x05) // call_line: data2
        .uleb(0x57).uleb(0x0b) // call_column: data1
        .uleb(0).uleb(0)
        // 4: abstract subprogram
        .uleb(4).uleb(TAG_SUBPROGRAM).u8(0)
        .uleb(0x03).uleb(0x08) // name: string
        .uleb(0x3a).uleb(0x0b) // decl_file: data1
        .uleb(0x3b).uleb(0x05) // decl_line: data2
        .uleb(0x20).uleb(0x0b) // inline: data1
        .uleb(0).uleb(0)
        // 5: namespace
        .uleb(5).uleb(TAG_NAMESPACE).u8(1)
        .uleb(0x03).uleb(0x08)
        .uleb(0).uleb(0)
        // 6: lexical block
        .uleb(6).uleb(TAG_LEXICAL_BLOCK).u8(1)
        .uleb(0x11).uleb(0x01)
        .uleb(0x12).uleb(0x06) // high_pc: data4
        .uleb(0).uleb(0)
        // 7: variable
        .uleb(7).uleb(TAG_VARIABLE).u8(0)
        .uleb(0x03).uleb(0x08)
        .uleb(0x02).uleb(0x18) // location: exprloc
        .uleb(0).uleb(0)
        .uleb(0);
    ByteWriter str = new ByteWriter().cstring("outer_fn");
    ByteWriter dies = new ByteWriter();
    int header = 4 + 8 + 2 + 8 + 1; // initial length (64-bit), version, abbrev offset, addr size
    dies.uleb(1).cstring("a.c").cstring("/src").u64(0).u32(2).u64(31);
    dies.uleb(5).cstring("ns");
    int helperOffset = header + dies.size(); // unit-relative
    dies.uleb(4).cstring("helper").u8(1).u16(7).u8(1);
    dies.uleb(0); // end of namespace
    dies.uleb(2).uleb(0x0e).u64(0) // name: indirect -> strp 0 (8 bytes in 64-bit DWARF)
        .cstring("_Z8outer_fnv").u8(1).sleb(20).u32(2).uleb(31)
        .u8(4).u8(0xed).u8(0x03).u8(0x00).u8(0x9f).u8(1);
    dies.uleb(6).u32(10).u32(10);
    dies.uleb(3).uleb(helperOffset).u32(12).u16(4).uleb(2).u16(30).u8(9);
    dies.uleb(7).cstring("x").uleb(4).u8(0xed).u8(0x00).u8(0x01).u8(0x9f);
    dies.uleb(0); // end of lexical block
    dies.uleb(0); // end of subprogram
    dies.uleb(0); // end of unit
    ByteWriter unitBody = new ByteWriter().u16(4).u64(0).u8(4).bytes(dies);
    ByteWriter info = new ByteWriter().u32(0xffffffffL).u64(unitBody.size()).bytes(unitBody);

    ByteWriter program = new ByteWriter()
        .u8(0).uleb(5).u8(2).u32(2)                // set_address 2
        .u8(3).sleb(9)                             // advance_line: 10
        .u8(5).uleb(3)                             // set_column 3
        .u8(1)                                     // copy: (2, 10:3, file 1)
        .u8(110)                                   // special: address +8, line +1: (10, 11:3)
        .u8(4).uleb(file).u8(5).uleb(5).u8(3).sleb(2) // file 2, column 5, line 13
        .u8(37)                                    // special: address +2, line +0: (12, 13:5)
        .u8(10)                                    // special 10: address +0, line -3: (12, 10:5)
        .u8(9).u16(4)                              // fixed_advance_pc 4: 16
        .u8(0).uleb(2).u8(4).uleb(7)               // set_discriminator 7
        .u8(3).sleb(5).u8(1)                       // line 15, copy: (16, 15:5, d7)
        .u8(0).uleb(8).u8(3).cstring("d.c").uleb(0).uleb(0).uleb(0) // define_file 3: d.c
        .u8(4).uleb(3).u8(3).sleb(10)              // file 3, line 25
        .u8(2).uleb(4).u8(1)                       // advance_pc 4, copy: (20, 25:5)
        .u8(0).uleb(3).u8(0x80).u8(0xaa).u8(0xbb)  // unknown extended opcode, skipped
        .u8(2).uleb(13).u8(0).uleb(1).u8(1)        // advance_pc 13: 33, end_sequence
        .u8(0).uleb(5).u8(2).u32(0xffffffffL)      // a removed function: tombstone address
        .u8(1).u8(2).uleb(5).u8(0).uleb(1).u8(1);  // copy, advance 5, end_sequence: dropped
    ByteWriter lineHeader = new ByteWriter()
        .u8(1).u8(1).u8(-3 & 0xff).u8(12).u8(10)   // min_inst, default_is_stmt, base, range, opcode base
        .u8(0).u8(1).u8(1).u8(1).u8(1).u8(0).u8(0).u8(0).u8(1) // standard opcode lengths 1..9
        .cstring("inc").u8(0)                      // include directories
        .cstring("a.c").uleb(0).uleb(0).uleb(0)
        .cstring("h.h").uleb(1).uleb(0).uleb(0)
        .u8(0);                                    // file names
    ByteWriter lineBody = new ByteWriter().u16(3).u32(lineHeader.size()).bytes(lineHeader)
        .bytes(program);
    ByteWriter line = new ByteWriter().u32(lineBody.size()).bytes(lineBody);
    return module(".debug_abbrev", abbrev, ".debug_info", info, ".debug_str", str,
        ".debug_line", line);
  }

  /**
   * DWARF 5: names through {@code .debug_str_offsets} ({@code strx1}, {@code strx2}), addresses
   * through {@code .debug_addr} ({@code addrx}), ranges through {@code .debug_rnglists} ({@code
   * rnglistx}: {@code startx_length}, {@code base_addressx} with {@code offset_pair}s), {@code
   * implicit_const}; a version 5 line table with a {@code line_strp} directory, inline-string
   * file names, MD5s in {@code data16}, and a standard opcode 13 that DWARF does not define (two
   * operands, skipped).
   */
  static byte[] dwarf5Indexed() {
    ByteWriter str = new ByteWriter();
    int[] s = new int[4];
    String[] strings = {"b.c", "/proj", "inl", "main5"};
    for (int i = 0; i < strings.length; i++) {
      s[i] = str.size();
      str.cstring(strings[i]);
    }
    ByteWriter offsets = new ByteWriter().u32(4 + 4 * 4).u16(5).u16(0);
    for (int o : s) {
      offsets.u32(o);
    }
    ByteWriter addr = new ByteWriter().u32(4 + 2 * 4).u16(5).u8(4).u8(0).u32(2).u32(8);
    ByteWriter list0 = new ByteWriter().u8(0x03).uleb(0).uleb(31).u8(0x00);
    ByteWriter list1 = new ByteWriter().u8(0x01).uleb(1).u8(0x04).uleb(0).uleb(2)
        .u8(0x04).uleb(4).uleb(6).u8(0x00);
    ByteWriter rnglistsBody = new ByteWriter().u16(5).u8(4).u8(0).u32(2)
        .u32(8).u32(8 + list0.size()).bytes(list0).bytes(list1);
    ByteWriter rnglists = new ByteWriter().u32(rnglistsBody.size()).bytes(rnglistsBody);
    ByteWriter lineStr = new ByteWriter().cstring("/proj");

    ByteWriter abbrev = new ByteWriter()
        .uleb(1).uleb(TAG_COMPILE_UNIT).u8(1)
        .uleb(0x03).uleb(0x25) // name: strx1
        .uleb(0x1b).uleb(0x25) // comp_dir: strx1
        .uleb(0x72).uleb(0x17) // str_offsets_base
        .uleb(0x73).uleb(0x17) // addr_base
        .uleb(0x74).uleb(0x17) // rnglists_base
        .uleb(0x10).uleb(0x17) // stmt_list
        .uleb(0x11).uleb(0x01) // low_pc: addr
        .uleb(0x55).uleb(0x23) // ranges: rnglistx
        .uleb(0).uleb(0)
        .uleb(2).uleb(TAG_SUBPROGRAM).u8(1)
        .uleb(0x03).uleb(0x26) // name: strx2
        .uleb(0x11).uleb(0x1b) // low_pc: addrx
        .uleb(0x12).uleb(0x06) // high_pc: data4
        .uleb(0x3a).uleb(0x0b) // decl_file: data1
        .uleb(0x3b).uleb(0x21).sleb(3) // decl_line: implicit_const 3
        .uleb(0).uleb(0)
        .uleb(3).uleb(TAG_INLINED_SUBROUTINE).u8(0)
        .uleb(0x31).uleb(0x13) // abstract_origin: ref4
        .uleb(0x55).uleb(0x23) // ranges: rnglistx
        .uleb(0x58).uleb(0x0b).uleb(0x59).uleb(0x0b).uleb(0x57).uleb(0x0b)
        .uleb(0).uleb(0)
        .uleb(4).uleb(TAG_SUBPROGRAM).u8(0)
        .uleb(0x03).uleb(0x25).uleb(0x3a).uleb(0x0b).uleb(0x3b).uleb(0x0b).uleb(0x20).uleb(0x0b)
        .uleb(0).uleb(0)
        .uleb(0);
    int header = 4 + 2 + 1 + 1 + 4;
    ByteWriter dies = new ByteWriter();
    dies.uleb(1).u8(0).u8(1).u32(8).u32(8).u32(12).u32(0).u32(0).uleb(0);
    int inlinedAt = dies.size();
    dies.uleb(2).u16(3).uleb(0).u32(31).u8(0);
    int refAt = dies.size() + 1;
    dies.uleb(3).u32(0).uleb(1).u8(1).u8(9).u8(2);
    dies.uleb(0);
    int abstractOffset = header + dies.size();
    dies.uleb(4).u8(2).u8(1).u8(4).u8(1);
    dies.uleb(0);
    byte[] d = dies.toByteArray();
    d[refAt] = (byte) abstractOffset; // patch the ref4 (fits one byte)
    assert inlinedAt > 0;
    ByteWriter unitBody = new ByteWriter().u16(5).u8(0x01).u8(4).u32(0).bytes(d);
    ByteWriter info = new ByteWriter().u32(unitBody.size()).bytes(unitBody);

    byte[] md5a = new byte[16];
    byte[] md5b = new byte[16];
    for (int i = 0; i < 16; i++) {
      md5a[i] = (byte) i;
      md5b[i] = (byte) (0xf0 + i);
    }
    ByteWriter lineHeader = new ByteWriter()
        .u8(1).u8(1).u8(1).u8(-5 & 0xff).u8(14).u8(14) // min_inst, max_ops, is_stmt, base, range, opcode base
        .u8(0).u8(1).u8(1).u8(1).u8(1).u8(0).u8(0).u8(0).u8(1).u8(0).u8(0).u8(1).u8(2)
        .u8(1).uleb(0x1).uleb(0x1f)                    // directory format: path line_strp
        .uleb(1).u32(0)                                // directories: "/proj"
        .u8(3).uleb(0x1).uleb(0x08).uleb(0x2).uleb(0x0f).uleb(0x5).uleb(0x1e)
        .uleb(2)
        .cstring("b.c").uleb(0).bytes(md5a)
        .cstring("inc/x.h").uleb(0).bytes(md5b);
    ByteWriter program = new ByteWriter()
        .u8(0).uleb(5).u8(2).u32(2)                // set_address 2
        .u8(4).uleb(0).u8(3).sleb(4).u8(1)         // file 0, line 5, copy: (2, 5:0)
        .u8(13).uleb(300).uleb(7)                  // opcode 13: two operands, skipped
        .u8(104)                                   // special: address +6, line +1: (8, 6)
        .u8(4).uleb(1).u8(5).uleb(11).u8(3).sleb(10).u8(1) // file 1, column 11, line 16: (8, 16:11)
        .u8(2).uleb(6).u8(4).uleb(0).u8(3).sleb(-10).u8(1) // (14, 6:11, file 0)
        .u8(2).uleb(19).u8(0).uleb(1).u8(1);       // 33, end_sequence
    ByteWriter lineBody = new ByteWriter().u16(5).u8(4).u8(0).u32(lineHeader.size())
        .bytes(lineHeader).bytes(program);
    ByteWriter line = new ByteWriter().u32(lineBody.size()).bytes(lineBody);
    return module(".debug_abbrev", abbrev, ".debug_info", info, ".debug_str", str,
        ".debug_str_offsets", offsets, ".debug_addr", addr, ".debug_rnglists", rnglists,
        ".debug_line_str", lineStr, ".debug_line", line);
  }
}
