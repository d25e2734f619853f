package dev.coroner.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every program fixture's run spec and checks its expected outcome and output. (The
 * conformance suite will also check the coredumps of the trapping ones against goldens.)
 */
class ProgramsTest {

  @TestFactory
  List<DynamicTest> everyProgramMeetsItsRunSpec() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (ProgramSpec spec : ProgramSpec.loadAll(TestSupport.programs())) {
      tests.add(DynamicTest.dynamicTest(spec.id(), () -> {
        ProgramResult r = ProgramRunner.run(spec);
        assertEquals(List.of(), r.mismatches(), spec.id());
        if (r.trap().isPresent()) {
          byte[] dump = r.coredumpBytes().orElseThrow();
          assertTrue(dump.length > 0, "a trap carries its coredump");
          assertEquals(java.util.Optional.of(spec.programName()), r.coreDump().orElseThrow().processName());
        } else {
          assertTrue(r.coredumpBytes().isEmpty(), "an exit writes no coredump");
        }
      }));
    }
    return tests;
  }

  @Test
  void thereAreAtLeastTenCrashesInCCppAndRust() throws Exception {
    List<ProgramSpec> specs = ProgramSpec.loadAll(TestSupport.programs());
    long traps = specs.stream().filter(s -> s.expect().trap().isPresent()).count();
    System.out.println("program fixtures: " + specs.size() + " run specs, " + traps + " trap");
    assertTrue(traps >= 10, "at least 10 crashing programs, found " + traps);
    assertTrue(specs.stream().anyMatch(s -> s.wasm().getFileName().toString().startsWith("cpp-")));
    assertTrue(specs.stream().anyMatch(s -> s.wasm().getFileName().toString().startsWith("rust-")));
  }
}
