package dev.coroner.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test helpers for WASI programs: the program fixtures, and captured program streams. */
final class Programs {
  private Programs() {}

  /** A program fixture's module, {@code programs/NAME/NAME.wasm}. */
  static Path wasm(String name) {
    return Cli.repo().resolve("programs").resolve(name).resolve(name + ".wasm");
  }

  /** A program that prints "started" and then loops for ever. */
  static final String SPIN = "(module\n"
      + "  (import \"wasi_snapshot_preview1\" \"fd_write\""
      + " (func $w (param i32 i32 i32 i32) (result i32)))\n"
      + "  (memory (export \"memory\") 1)\n"
      + "  (data (i32.const 0) \"\\08\\00\\00\\00\\08\\00\\00\\00started\\n\")\n"
      + "  (func $spin (export \"_start\")\n"
      + "    (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 100)))\n"
      + "    (loop (br 0))))\n";

  /** The streams a program run in-process gets, captured. */
  static final class Io implements AutoCloseable {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ProgramIo before;

    Io(String stdin) {
      before = ProgramIo.use(new ProgramIo(
          new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err));
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      ProgramIo.use(before);
    }
  }
}
