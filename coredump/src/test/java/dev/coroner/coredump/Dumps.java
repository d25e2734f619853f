package dev.coroner.coredump;

import java.util.List;
import java.util.OptionalLong;

/** Small hand-made dumps shared by tests. */
final class Dumps {

  private Dumps() {}

  /** One module, one instance, one memory with a few bytes, globals of every type, two frames. */
  static CoreDump small() {
    byte[] mem = new byte[Memory.PAGE_SIZE];
    byte[] hello = "hello, core".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(hello, 0, mem, 0x10, hello.length);
    mem[0x1000] = 0x7F;
    mem[0xFFFF] = (byte) 0xFF;
    CoreDump.Builder b = CoreDump.builder("fixtures/small.wast");
    b.addModule("A");
    b.addMemory(Memory.of(MemoryContents.of(mem), OptionalLong.of(2)));
    b.addGlobal(Global.i32(42));
    b.addGlobal(Global.i64(-7));
    b.addGlobal(Global.f32Bits(Float.floatToRawIntBits(1.5f)));
    b.addGlobal(Global.f64Bits(Double.doubleToRawLongBits(0.1)));
    b.addGlobal(Global.v128(0x0000000200000001L, 0x0000000400000003L));
    b.addGlobal(Global.nullRef(ValueType.FUNCREF));
    b.addGlobal(Global.nullRef(ValueType.EXTERNREF));
    b.addInstance(new Instance(0, List.of(0), List.of(0, 1, 2, 3, 4, 5, 6)));
    b.addThread(
        new CoreStack(
            "main",
            List.of(
                new Frame(
                    0, 3, 0x1a,
                    List.of(Value.i32(42), Value.i64(-1), Value.f32(1.5f), Value.f64(-2.25),
                        Value.MISSING),
                    List.of(Value.f32Bits(0x7fc00001), Value.i32(-2147483648))),
                new Frame(0, 1, 7, List.of(), List.of()))));
    return b.build();
  }
}
