package dev.coroner.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard streams a program run by {@code coroner run} gets: the process's own, unbuffered
 * (the guest's C library does its own buffering), unless a test swaps them.
 *
 * <p>None of them is presented to the guest as a terminal, whether or not it is one: the C library
 * then buffers standard output fully, as in a pipe, so a run in a terminal leaves the same memory
 * behind, and writes the same coredump, as the program fixtures' runner (whose dumps are the
 * goldens). A program that wants its output seen before it crashes flushes it, as it must in a pipe.
 */
final class ProgramIo {
  private static ProgramIo current = system();

  final InputStream in;
  final OutputStream out;
  final OutputStream err;

  ProgramIo(InputStream in, OutputStream out, OutputStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** The process's standard streams. */
  static ProgramIo system() {
    return new ProgramIo(new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
  }

  /** The streams programs get now. */
  static synchronized ProgramIo current() {
    return current;
  }

  /** Makes programs use {@code io} (tests); returns the streams used before. */
  static synchronized ProgramIo use(ProgramIo io) {
    ProgramIo before = current;
    current = io;
    return before;
  }
}
