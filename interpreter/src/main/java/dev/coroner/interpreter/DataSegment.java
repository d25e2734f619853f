package dev.coroner.interpreter;

/**
 * A data segment.
 *
 * @param active true for an active segment (with memory and offset), false for a passive one
 * @param memory the memory index (active segments)
 * @param offset the offset expression (active segments), else null
 * @param bytes the segment's bytes (never modified)
 */
record DataSegment(boolean active, int memory, ConstExpr offset, byte[] bytes) {}
