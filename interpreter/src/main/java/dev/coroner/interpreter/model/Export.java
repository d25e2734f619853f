package dev.coroner.interpreter.model;

/** An export: its name, kind (see {@link ExternKind}) and index in that kind's index space. */
public record Export(String name, int kind, int index) {}
