package dev.coroner.coredump;

import java.util.List;

/**
 * One thread's stack: the payload of a {@code corestack} section.
 *
 * @param threadName the thread's name ({@code main} in canonical dumps)
 * @param frames the frames, youngest first
 */
public record CoreStack(String threadName, List<Frame> frames) {

  public CoreStack {
    if (threadName == null) {
      throw new NullPointerException("threadName");
    }
    frames = List.copyOf(frames);
  }
}
