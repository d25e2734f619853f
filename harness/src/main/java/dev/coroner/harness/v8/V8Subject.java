package dev.coroner.harness.v8;

import dev.coroner.coredump.CoreDump;
import dev.coroner.harness.golden.GoldenId;
import java.util.Objects;

/**
 * A coredump to check against V8: a golden, a candidate about to be blessed, or a dump {@code
 * coroner run} just wrote, with the job that reproduces it in V8.
 *
 * @param id which coredump: the job's id and the command's key
 * @param dump the decoded coredump
 * @param job the fixture to run in V8; several subjects may share one
 */
public record V8Subject(GoldenId id, CoreDump dump, V8Job job) {

  /** Checks that the id belongs to the job. */
  public V8Subject {
    Objects.requireNonNull(dump, "dump");
    if (!id.fixturePath().equals(job.id())) {
      throw new IllegalArgumentException(id + " does not belong to job " + job.id());
    }
    if (!job.instances().containsKey(id.key())) {
      throw new IllegalArgumentException(
          id + ": the job produces no coredump under key " + id.key());
    }
  }
}
