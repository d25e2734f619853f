package dev.coroner.interpreter.model;

/** A global type: value type code and mutability. */
public record GlobalType(int valType, boolean mutable) {}
