package dev.coroner.harness.encoder;

import com.google.auto.service.AutoService;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;

/** Coroner's own canonical encoder ({@link CoreDumpEncoder}), the one golden files come from. */
@AutoService(CoredumpEncoder.class)
public final class CanonicalEncoder implements CoredumpEncoder {

  /** The name this encoder reports. */
  public static final String NAME = "coroner-canonical";

  /** For {@link java.util.ServiceLoader}. */
  public CanonicalEncoder() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte[] encode(CoreDump dump) {
    return CoreDumpEncoder.encode(dump);
  }
}
