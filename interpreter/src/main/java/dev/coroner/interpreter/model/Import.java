package dev.coroner.interpreter.model;

/**
 * An import. Exactly one of the descriptors applies, according to {@code kind} (see {@link
 * ExternKind}): {@code typeIndex} for functions, {@code table}, {@code memory} or {@code global}.
 */
public record Import(
    String module, String name, int kind, int typeIndex, TableType table, Limits memory,
    GlobalType global) {}
