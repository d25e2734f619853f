package dev.coroner.coredump;

import java.util.List;

/**
 * One Wasm stack frame.
 *
 * @param instanceIndex index into {@link CoreDump#instances()} (u32, held as int)
 * @param functionIndex function index in the instance's module, imports included (u32)
 * @param codeOffset byte offset of the trapping or calling instruction, from the first byte after
 *     the function body's size LEB (u32)
 * @param locals parameters then declared locals, in index order
 * @param stack the operand stack, bottom to top
 */
public record Frame(
    int instanceIndex, int functionIndex, int codeOffset, List<Value> locals, List<Value> stack) {

  public Frame {
    locals = List.copyOf(locals);
    stack = List.copyOf(stack);
  }
}
