package dev.coroner.chicory;

import com.dylibso.chicory.runtime.CoronerFrameAccess;
import com.dylibso.chicory.runtime.InterpreterMachine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The one place that knows which Chicory this module was built for, and checks, before any machine
 * is created, that the Chicory on the class path is that one and still has the internals {@link
 * CoronerFrameAccess} reads. A mismatch is an {@link IllegalStateException} tagged {@value
 * #VERSION_TAG} or {@value #INTERNALS_TAG}, raised when a {@link ChicoryCoredumps} is created: never
 * a surprise at the moment of a trap.
 */
final class ChicoryInternals {

  /** The only Chicory runtime version whose interpreter internals this module was tested against. */
  static final String SUPPORTED_VERSION = "1.7.5";

  /** System property that allows another Chicory version (at the user's risk). */
  static final String ALLOW_PROPERTY = "coroner.chicory.allowUnverifiedVersion";

  static final String VERSION_TAG = "[ChicoryVersion]";
  static final String INTERNALS_TAG = "[ChicoryInternals]";

  private static final String POM_PROPERTIES =
      "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties";

  private static volatile boolean verified;

  private ChicoryInternals() {}

  /** The version of the Chicory runtime on the class path, or "unknown". */
  static String runtimeVersion() {
    try (InputStream in = InterpreterMachine.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Throws unless the Chicory runtime is version {@value #SUPPORTED_VERSION} (or {@value
   * #ALLOW_PROPERTY} is {@code true}) and its internals look as expected.
   */
  static void verify() {
    if (verified) {
      return;
    }
    checkVersion(runtimeVersion(), Boolean.getBoolean(ALLOW_PROPERTY));
    String problem;
    try {
      problem = CoronerFrameAccess.probe();
    } catch (LinkageError e) {
      problem = e.toString();
    }
    if (problem != null) {
      throw new IllegalStateException(
          INTERNALS_TAG + " Chicory " + runtimeVersion() + " does not have the interpreter "
              + "internals dev.coroner:chicory reads (" + problem + "). The class "
              + CoronerFrameAccess.class.getName() + " must be loaded from the class path, "
              + "in the same package as Chicory's runtime; the module path is not supported.");
    }
    verified = true;
  }

  /** Throws unless {@code version} is the supported one or {@code allow} is set. */
  static void checkVersion(String version, boolean allow) {
    if (!SUPPORTED_VERSION.equals(version) && !allow) {
      throw new IllegalStateException(
          VERSION_TAG + " dev.coroner:chicory reads internals of Chicory's interpreter and is "
              + "tested against com.dylibso.chicory:runtime " + SUPPORTED_VERSION + " only; the "
              + "class path has " + version + ". Use " + SUPPORTED_VERSION + " (the Chicory BOM "
              + SUPPORTED_VERSION + " pins it), or set -D" + ALLOW_PROPERTY + "=true to try "
              + "anyway.");
    }
  }
}
