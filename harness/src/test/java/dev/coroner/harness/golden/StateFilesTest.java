package dev.coroner.harness.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.harness.encoder.SyntheticGoldens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

  @Test
  void writesBesideGoldensAndChecksThem(@TempDir Path dir) throws IOException {
    Path root = SyntheticGoldens.writeTree(dir.resolve("golden"));
    assertTrue(StateFiles.checkBeside(root).get(0).endsWith(": missing (run StateFiles.writeBeside)"));
    List<Path> written = StateFiles.writeBeside(root);
    assertEquals(SyntheticGoldens.dumps().size(), written.size());
    assertEquals(List.of(), StateFiles.writeBeside(root), "second run rewrites nothing");
    assertEquals(List.of(), StateFiles.checkBeside(root));

    Path rich = root.resolve("spec/rich.wast/42.state.json");
    assertTrue(written.contains(rich), written.toString());
    Files.writeString(rich,
        Files.readString(rich).replace("\"process\": \"spec/rich.wast\"", "\"process\": \"x\""));
    Files.writeString(root.resolve("spec/rich.wast/9.state.json"), "{}\n");
    assertEquals(
        List.of(
            "spec/rich.wast/42.state.json: stale, line 3: expected '  \"process\": "
                + "\"spec/rich.wast\",', found '  \"process\": \"x\",'",
            "spec/rich.wast/9.state.json: orphaned, no golden beside it"),
        StateFiles.checkBeside(root));
  }
}
