package dev.coroner.interpreter.model;

/** A table type: element reference type and limits. */
public record TableType(int elemType, Limits limits) {}
