package dev.coroner.interpreter.model;

/**
 * A data segment.
 *
 * @param active true for an active segment (with memory and offset), false for a passive one
 * @param memory the memory index (active segments)
 * @param offset the offset expression (active segments), else null
 * @param bytes the segment's bytes (not copied; never modified)
 */
public record DataSegment(boolean active, int memory, ConstExpr offset, byte[] bytes) {}
