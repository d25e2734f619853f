package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WasmArgumentsTest {

  private static FuncType params(int... types) {
    return FuncType.of(types, new int[0]);
  }

  @Test
  void integersAcceptSignedAndUnsignedDecimalAndHex() {
    FuncType t = params(ValType.I32, ValType.I32, ValType.I32, ValType.I64, ValType.I64);
    assertArrayEquals(
        new long[] {0xFFFFFFFFL, 0xFFFFFFFFL, 0x80000000L, -1L, Long.MIN_VALUE},
        WasmArguments.parse("f", t,
            List.of("-1", "0xffffffff", "-2147483648", "18446744073709551615", "-0x8000000000000000")));
  }

  @Test
  void integersOutOfRangeAreRejected() {
    FuncType t = params(ValType.I32);
    for (String bad : List.of("4294967296", "-2147483649", "0x", "1.5", "--1", "", "0x-1")) {
      CliException e = assertThrows(CliException.class,
          () -> WasmArguments.parse("f", t, List.of(bad)), bad);
      assertEquals(2, e.exitCode());
    }
  }

  @Test
  void floatsAcceptDecimalInfinityAndNan() {
    FuncType t = params(ValType.F32, ValType.F32, ValType.F32, ValType.F64, ValType.F64);
    assertArrayEquals(
        new long[] {0x3FC00000L, 0x7FC00000L, 0xFF800000L, 0x7FF0000000000001L,
            Double.doubleToRawLongBits(-0.0)},
        WasmArguments.parse("f", t, List.of("1.5", "nan", "-inf", "nan:0x1", "-0")));
    assertThrows(CliException.class,
        () -> WasmArguments.parse("f", params(ValType.F32), List.of("1f")));
    assertThrows(CliException.class,
        () -> WasmArguments.parse("f", params(ValType.F32), List.of("nan:0x800000")));
  }
}
