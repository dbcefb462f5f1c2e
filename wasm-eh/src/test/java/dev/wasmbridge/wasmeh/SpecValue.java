package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

/**
 * Converts the values of wast2json commands (decimal strings of the raw bits) to Chicory's
 * long representation and compares results, with the spec's NaN rules.
 */
final class SpecValue {
    private static final int F32_CANONICAL_NAN = 0x7FC00000;
    private static final long F64_CANONICAL_NAN = 0x7FF8000000000000L;

    private SpecValue() {}

    static long argument(Map<String, Object> value) {
        String type = (String) value.get("type");
        long bits = Long.parseUnsignedLong((String) value.get("value"));
        switch (type) {
            case "i32":
            case "f32":
                return (int) bits;
            case "i64":
            case "f64":
                return bits;
            default:
                return fail("unsupported argument type " + type);
        }
    }

    static void assertMatches(Map<String, Object> expected, long actual, String what) {
        String type = (String) expected.get("type");
        String text = (String) expected.get("value");
        switch (type) {
            case "i32":
                assertEquals((int) Long.parseUnsignedLong(text), (int) actual, what);
                break;
            case "f32": {
                int bits = (int) actual;
                if (text.equals("nan:canonical")) {
                    assertEquals(F32_CANONICAL_NAN, bits & 0x7FFFFFFF, what + " canonical NaN");
                } else if (text.equals("nan:arithmetic")) {
                    assertTrue((bits & F32_CANONICAL_NAN) == F32_CANONICAL_NAN, what + " arithmetic NaN");
                } else {
                    assertEquals((int) Long.parseUnsignedLong(text), bits, what);
                }
                break;
            }
            case "i64":
                assertEquals(Long.parseUnsignedLong(text), actual, what);
                break;
            case "f64":
                if (text.equals("nan:canonical")) {
                    assertEquals(F64_CANONICAL_NAN, actual & Long.MAX_VALUE, what + " canonical NaN");
                } else if (text.equals("nan:arithmetic")) {
                    assertTrue((actual & F64_CANONICAL_NAN) == F64_CANONICAL_NAN, what + " arithmetic NaN");
                } else {
                    assertEquals(Long.parseUnsignedLong(text), actual, what);
                }
                break;
            default:
                fail("unsupported result type " + type);
        }
    }
}
