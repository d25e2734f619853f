package dev.coroner.interpreter.script;

import java.util.List;

/**
 * An {@code invoke} or {@code get} action of a script.
 *
 * @param module the module name ({@code $M} as the script wrote it), or null for the latest
 *     module
 * @param field the export name
 * @param args arguments of an invoke (empty for get)
 */
public record ScriptAction(String module, String field, List<ScriptValue> args) {
  public ScriptAction {
    args = List.copyOf(args);
  }
}
