package dev.coroner.harness;

import dev.coroner.coredump.CoreDump;

/**
 * One trap of a fixture and the coredump captured for it.
 *
 * @param fixturePath the fixture's path relative to the fixture root
 * @param line the line of the trapping command
 * @param message the trap's message
 * @param dump the captured dump; its memories are snapshots, independent of the interpreter
 * @param coredump the dump's canonical encoding, taken at the moment of the trap
 */
public record CapturedTrap(
    String fixturePath, int line, String message, CoreDump dump, byte[] coredump) {}
