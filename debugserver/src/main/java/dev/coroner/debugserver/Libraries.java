package dev.coroner.debugserver;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code qXfer:libraries:read} document: one {@code <library>} per instance of the dump, its
 * code at {@code 0x4000000000000000 | instance << 32}.
 *
 * <p>A library's name is the absolute path of its module file, so that LLDB reads the very file
 * this server serves (and finds separate debug files beside it). LLDB keeps one module per file,
 * so a second instance of the same module file is named {@code PATH (instance N)}: no file has
 * that name, and LLDB reads the module's bytes from the server instead. An instance whose module was not
 * given is named after the dump's module name, prefixed so that no file of that name is found:
 * LLDB then asks for the module's bytes, gets an error, and shows the instance's frames as bare
 * addresses.
 */
final class Libraries {

  /** Prefix of the library name of an instance whose module was not given. */
  static final String NOT_GIVEN = "module-not-given:";

  private final byte[] document;

  Libraries(CoreTarget target) {
    StringBuilder xml = new StringBuilder("<library-list>");
    Set<String> named = new HashSet<>();
    for (int i = 0; i < target.instances().size(); i++) {
      int module = target.instances().get(i).moduleIndex();
      Optional<ModuleImage> image = target.imageOfInstance(i);
      String name;
      if (image.isEmpty()) {
        name = NOT_GIVEN + moduleName(target, module, i);
      } else {
        String path = image.get().file().toAbsolutePath().normalize().toString();
        name = named.add(path) ? path : path + " (instance " + i + ")";
      }
      xml.append("<library name=\"").append(escape(name)).append("\"><section address=\"0x")
          .append(Long.toHexString(WasmAddress.object(i, 0)))
          .append("\"/></library>");
    }
    xml.append("</library-list>");
    this.document = xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String moduleName(CoreTarget target, int module, int instance) {
    return module >= 0 && module < target.dump().modules().size()
        ? target.dump().modules().get(module)
        : "instance-" + instance;
  }

  /**
   * The reply to a read of {@code length} bytes at {@code offset}: {@code m} and the bytes if more
   * follow, {@code l} and the bytes if they are the last. The bytes are UTF-8, one char per byte.
   */
  String chunk(long offset, long length) {
    if (offset >= document.length) {
      return "l";
    }
    int from = (int) offset;
    int n = (int) Math.min(length, document.length - from);
    String bytes = new String(document, from, n, StandardCharsets.ISO_8859_1);
    return (from + n < document.length ? "m" : "l") + bytes;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20) {
            b.append("&#").append((int) c).append(';');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
