package dev.coroner.wasi;

import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Test helpers: the programs folder, text modules, and a WASI store with captured output. */
final class TestSupport {
  private TestSupport() {}

  /** The repository's programs folder (set by the build; else relative to the module). */
  static Path programs() {
    return Path.of(System.getProperty("coroner.programs", "../programs")).toAbsolutePath()
        .normalize();
  }

  static WasmModule wat(String text) {
    return WasmModule.parse(Wat2Wasm.parse(text));
  }

  /** A store with WASI registered, stdin given, stdout and stderr collected. */
  static final class Sandbox {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final Store store;
    final Wasi wasi;

    Sandbox(String stdin, List<String> args) {
      this(WasiOptions.builder()
          .withArguments(args)
          .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false));
    }

    Sandbox(WasiOptions.Builder options) {
      store = new Store(StoreConfig.defaults().withCapture("test.wasm"));
      wasi = Wasi.create(options.withStdout(stdout, false).withStderr(stderr, false)
          .withClock(ProgramRunner.CLOCK).build());
      wasi.register(store);
    }

    ProgramOutcome run(WasmModule module) {
      return WasiCommand.run(store, module, Set.of(), "test");
    }

    String out() {
      return stdout.toString(StandardCharsets.UTF_8);
    }
  }
}
