package dev.coroner.harness.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateJsonProperties {

  /** A random, internally consistent dump from {@code seed}. */
  static CoreDump randomDump(long seed) {
    Random r = new Random(seed);
    CoreDump.Builder b = CoreDump.builder(r.nextBoolean() ? "p" + r.nextInt(100) : "\u00e9 \"q\"\n");
    int modules = 1 + r.nextInt(3);
    for (int i = 0; i < modules; i++) {
      b.addModule("m" + i);
    }
    int memories = r.nextInt(3);
    for (int i = 0; i < memories; i++) {
      int pages = r.nextInt(3);
      byte[] bytes = new byte[pages * Memory.PAGE_SIZE];
      for (int k = r.nextInt(50); k > 0 && bytes.length > 0; k--) {
        int at = r.nextInt(bytes.length);
        int len = Math.min(bytes.length - at, 1 + r.nextInt(300));
        for (int j = 0; j < len; j++) {
          bytes[at + j] = r.nextInt(4) == 0 ? 0 : (byte) r.nextInt();
        }
      }
      OptionalLong max = r.nextBoolean() ? OptionalLong.of(pages + r.nextInt(4)) : OptionalLong.empty();
      b.addMemory(new Memory(pages, max, r.nextBoolean(), false, MemoryContents.of(bytes)));
    }
    int globals = r.nextInt(6);
    for (int i = 0; i < globals; i++) {
      ValueType t = ValueType.values()[r.nextInt(ValueType.values().length)];
      Global g;
      switch (t) {
        case I32:
        case F32:
          g = new Global(t, false, Integer.toUnsignedLong(r.nextInt()), 0);
          break;
        case I64:
        case F64:
          g = new Global(t, false, r.nextLong(), 0);
          break;
        case V128:
          g = Global.v128(r.nextLong(), r.nextLong());
          break;
        default:
          g = Global.nullRef(t);
      }
      b.addGlobal(g.withMutable(r.nextInt(5) == 0));
    }
    int instances = 1 + r.nextInt(3);
    for (int i = 0; i < instances; i++) {
      List<Integer> mems = new ArrayList<>();
      for (int k = 0; k < memories; k++) {
        if (r.nextBoolean()) {
          mems.add(k);
        }
      }
      List<Integer> gs = new ArrayList<>();
      for (int k = 0; k < globals; k++) {
        gs.add(r.nextInt(8) == 0 ? Instance.ABSENT : k);
      }
      b.addInstance(new Instance(r.nextInt(modules), mems, gs));
    }
    for (int t = r.nextInt(3); t >= 0; t--) {
      List<Frame> frames = new ArrayList<>();
      for (int f = r.nextInt(4); f > 0; f--) {
        frames.add(new Frame(r.nextInt(instances), r.nextInt(1 << 20), r.nextInt(),
            values(r), values(r)));
      }
      b.addThread(new CoreStack(t == 0 ? "main" : "t" + t, frames));
    }
    return b.build();
  }

  private static List<Value> values(Random r) {
    List<Value> out = new ArrayList<>();
    for (int n = r.nextInt(5); n > 0; n--) {
      switch (r.nextInt(5)) {
        case 0:
          out.add(Value.MISSING);
          break;
        case 1:
          out.add(Value.i32(r.nextInt()));
          break;
        case 2:
          out.add(Value.i64(r.nextLong()));
          break;
        case 3:
          out.add(Value.f32Bits(r.nextInt()));
          break;
        default:
          out.add(Value.f64Bits(r.nextLong()));
      }
    }
    return out;
  }

  @Test
  void readInvertsWrite() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(seed -> {
          CoreDump dump = randomDump(seed);
          try {
            String text = StateJson.write(dump);
            CoreDump back = StateJson.read(text);
            assertEquals(dump, back);
            assertEquals(text, StateJson.write(back));
          } catch (StateJsonException e) {
            throw new AssertionError(e.getMessage(), e);
          }
        });
  }

  @Test
  void stateOfADecodedDumpEncodesToTheSameBytes() {
    qt().withExamples(200)
        .forAll(longs().all())
        .checkAssert(seed -> {
          byte[] bytes = CoreDumpEncoder.encode(randomDump(seed));
          try {
            CoreDump state = StateJson.read(StateJson.write(CoreDumpDecoder.decode(bytes)));
            assertEquals(java.util.HexFormat.of().formatHex(bytes),
                java.util.HexFormat.of().formatHex(CoreDumpEncoder.encode(state)));
          } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
          }
        });
  }
}
