package dev.coroner.symbols;

/**
 * One entry of an abbreviation table (7.5.3): a DIE's tag, whether it has children, and its
 * attributes' names and forms ({@code implicitConst} holds the value of {@code
 * DW_FORM_implicit_const} attributes, 0 for others).
 */
record Abbreviation(int tag, boolean hasChildren, int[] names, int[] forms, long[] implicitConst) {}
