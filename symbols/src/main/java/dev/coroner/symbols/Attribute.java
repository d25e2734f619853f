package dev.coroner.symbols;

/**
 * One attribute of a DIE as read, before interpretation: its name ({@code DW_AT_*}), its form
 * ({@code DW_FORM_*}, after {@code DW_FORM_indirect} is resolved) and its raw value. What {@code
 * value} holds depends on the form: the number for constants, addresses, indices, references (as
 * written, unit-relative or not) and section offsets; the {@code .debug_info} offset of the bytes
 * for inline strings, blocks, expressions and 16-byte data, whose size is {@code length}. {@link
 * Unit} interprets it.
 */
record Attribute(int name, int form, long value, long length) {}
