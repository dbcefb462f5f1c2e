package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The public API: pass-through, what is preserved, and how bad input is reported. */
class LegacyEhTest {
    private final TestModuleBuilder module = new TestModuleBuilder();
    private final int toI32 = module.type(of(), of(I32));
    private final int voidType = module.type(of(), of());
    private final int tag = module.tag(voidType);

    private byte[] legacyModule() {
        module.function(
                toI32,
                "f",
                of(),
                new Code().tryBlock(I32).throwTag(tag).catchAll().i32(1).end());
        return module.build();
    }

    @Test
    void aModuleWithoutLegacyInstructionsIsReturnedAsTheSameArray() {
        module.function(toI32, "f", of(), new Code().i32(3));
        byte[] plain = module.build();
        assertFalse(LegacyEh.isLegacy(plain));
        assertSame(plain, LegacyEh.translate(plain));
        WasmModule parsed = WasmModule.parse(plain);
        assertSame(parsed, LegacyEh.translate(parsed));
    }

    @Test
    void aTranslatedModuleIsNoLongerLegacyAndPassesThroughAgain() {
        byte[] legacy = legacyModule();
        assertTrue(LegacyEh.isLegacy(legacy));
        byte[] translated = LegacyEh.translate(legacy);
        assertFalse(LegacyEh.isLegacy(translated));
        assertSame(translated, LegacyEh.translate(translated));
        assertArrayEquals(translated, LegacyEh.translate(legacy), "translation is deterministic");
    }

    @Test
    void customSectionsAndTheirOrderArePreserved() {
        module.custom("first", "leading".getBytes(StandardCharsets.UTF_8), true);
        module.custom("name", new byte[] {1, 2, 3}, false);
        module.custom("producers", new byte[] {4}, false);
        byte[] legacy = legacyModule();
        WasmModule before = WasmModule.parse(legacy);
        WasmModule after = WasmModule.parse(LegacyEh.translate(legacy));
        assertEquals(ids(before.sections()), ids(after.sections()));
        for (int i = 0; i < before.sections().size(); i++) {
            Section section = before.sections().get(i);
            if (section.isCustom()) {
                assertArrayEquals(section.encoded(), after.sections().get(i).encoded());
            }
        }
        assertEquals("first", after.sections().get(0).customName().orElseThrow());
        assertEquals(
                "name",
                after.sections().get(after.sections().size() - 2).customName().orElseThrow());
    }

    private static List<Integer> ids(List<Section> sections) {
        return sections.stream().map(Section::id).collect(Collectors.toList());
    }

    @Test
    void nonMinimalLebEncodingsSurviveInUntouchedAndInTranslatedFunctions() {
        // i32.const 5 with a 5-byte LEB128, in a legacy and in a plain function
        byte[] paddedConst = {0x41, (byte) 0x85, (byte) 0x80, (byte) 0x80, 0x00};
        module.function(
                toI32,
                "legacy",
                of(),
                new Code().tryBlock(I32).raw(paddedConst).catchAll().i32(1).end());
        // body: 0 locals, padded i32.const, end; with a padded 5-byte size field
        byte[] body = {0x00, 0x41, (byte) 0x85, (byte) 0x80, (byte) 0x80, 0x00, 0x0B};
        byte[] entry = new byte[5 + body.length];
        entry[0] = (byte) (0x80 | body.length);
        entry[1] = (byte) 0x80;
        entry[2] = (byte) 0x80;
        entry[3] = (byte) 0x80;
        entry[4] = 0x00;
        System.arraycopy(body, 0, entry, 5, body.length);
        module.rawFunction(toI32, "plain", entry);
        byte[] legacy = module.build();

        byte[] translated = LegacyEh.translate(legacy);
        assertTrue(indexOf(translated, entry) >= 0, "untouched entry copied byte for byte");
        assertEquals(2, occurrences(translated, paddedConst), "padded constants kept");
        Instance instance = Instance.builder(Parser.parse(translated)).build();
        assertEquals(5, instance.export("legacy").apply()[0]);
        assertEquals(5, instance.export("plain").apply()[0]);
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (matchesAt(haystack, needle, i)) {
                count++;
            }
        }
        return count;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (matchesAt(haystack, needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] haystack, byte[] needle, int at) {
        for (int j = 0; j < needle.length; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void appendedBlockTypesLeaveExistingTypeIndicesAlone() {
        int pairType = module.type(of(I32, I32), of());
        int pairTag = module.tag(pairType);
        // catch of a two-value tag with rethrow needs a block type () -> (i32 i32 exnref)
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(VOID)
                        .i32(1)
                        .i32(2)
                        .throwTag(pairTag)
                        .catchTag(pairTag)
                        .op(0x1A, 0x1A)
                        .rethrow(0)
                        .end()
                        .i32(0)
                        .catchTag(pairTag)
                        .op(0x6A)
                        .end());
        byte[] legacy = module.build();
        byte[] translated = LegacyEh.translate(legacy);
        byte[] typesBefore = WasmModule.parse(legacy).sections().get(0).payload();
        byte[] typesAfter = WasmModule.parse(translated).sections().get(0).payload();
        // () -> (i32 i32 exnref) for the inner catch, () -> (i32 i32) for the outer one
        assertEquals(typesBefore[0] + 2, typesAfter[0], "two types appended");
        assertArrayEquals(
                java.util.Arrays.copyOfRange(typesBefore, 1, typesBefore.length),
                java.util.Arrays.copyOfRange(typesAfter, 1, typesBefore.length));
        assertEquals(
                3,
                Instance.builder(Parser.parse(translated)).build().export("f").apply()[0]);
    }

    // --- bad input -------------------------------------------------------------------------

    private static MalformedWasmException refused(byte[] bytes) {
        MalformedWasmException error = assertThrows(MalformedWasmException.class, () -> LegacyEh.translate(bytes));
        assertTrue(
                error.offset() >= 0 && error.offset() <= bytes.length,
                "offset " + error.offset() + " lies in the module");
        assertTrue(error.getMessage().contains("offset " + error.offset()));
        return error;
    }

    private static void assertProblem(String expected, MalformedWasmException error) {
        assertTrue(
                error.problem().contains(expected), "\"" + error.problem() + "\" should mention \"" + expected + "\"");
    }

    @Test
    void textIsNotABinaryModule() {
        MalformedWasmException error = refused("(module)".getBytes(StandardCharsets.UTF_8));
        assertProblem("magic header not detected", error);
        assertEquals(0, error.offset());
    }

    @Test
    void truncatedAndEmptyInputIsRefused() {
        assertProblem("unexpected end", refused(new byte[0]));
        assertProblem("missing version", refused(new byte[] {0, 0x61, 0x73, 0x6D, 1}));
        assertProblem("unknown binary version", refused(new byte[] {0, 0x61, 0x73, 0x6D, 2, 0, 0, 0}));
        byte[] legacy = legacyModule();
        assertProblem("exceeds", refused(java.util.Arrays.copyOf(legacy, legacy.length - 1)));
        assertThrows(MalformedWasmException.class, () -> LegacyEh.translate((byte[]) null));
    }

    @Test
    void aHugeDeclaredCountFailsWithoutAllocating() {
        byte[] bytes = {
            0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 6, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x60
        };
        assertProblem("type count 4294967295 is larger than the 1 bytes left can hold", refused(bytes));
    }

    @Test
    void aSectionLongerThanTheModuleIsRefused() {
        byte[] bytes = {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 100, 0};
        MalformedWasmException error = refused(bytes);
        assertProblem("section size 100 exceeds the 1 bytes left", error);
        assertEquals(9, error.offset());
    }

    @Test
    void anOverlongLebIsRefused() {
        byte[] bytes = {
            0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0
        };
        assertProblem("integer representation too long", refused(bytes));
    }

    @Test
    void anUnknownOpcodeIsNamed() {
        module.function(toI32, "f", of(), new Code().op(0xFF));
        assertProblem("unknown opcode 0xff", refused(module.build()));
    }

    @Test
    void rethrowOutsideACatchIsInvalid() {
        module.function(
                voidType, "f", of(), new Code().tryBlock(VOID).rethrow(0).delegate(0));
        assertProblem("invalid rethrow label 0", refused(module.build()));
    }

    @Test
    void aDelegateToAnUnknownLabelIsInvalid() {
        module.function(voidType, "f", of(), new Code().tryBlock(VOID).delegate(1));
        assertProblem("unknown label 1", refused(module.build()));
    }

    @Test
    void aBranchToAnUnknownLabelInALegacyFunctionIsInvalid() {
        module.function(
                voidType, "f", of(), new Code().tryBlock(VOID).br(2).catchAll().end());
        assertProblem("unknown label 2", refused(module.build()));
    }

    @Test
    void catchWithoutTryIsMalformed() {
        module.function(voidType, "f", of(), new Code().catchTag(tag));
        assertProblem("catch without matching try", refused(module.build()));
    }

    @Test
    void catchAfterCatchAllIsMalformed() {
        module.function(
                voidType,
                "f",
                of(),
                new Code().tryBlock(VOID).catchAll().catchTag(tag).end());
        assertProblem("catch after catch_all", refused(module.build()));
    }

    @Test
    void delegateAfterACatchIsMalformed() {
        module.function(
                voidType, "f", of(), new Code().tryBlock(VOID).catchTag(tag).delegate(0));
        assertProblem("delegate without matching catch-less try", refused(module.build()));
    }

    @Test
    void catchOfAnUnknownTagIsInvalid() {
        module.function(
                voidType, "f", of(), new Code().tryBlock(VOID).catchTag(7).end());
        assertProblem("unknown tag 7", refused(module.build()));
    }

    @Test
    void aTryWithAnUnknownBlockTypeIsInvalid() {
        module.function(
                voidType,
                "f",
                of(),
                new Code().tryBlock(Code.typeIndex(40)).catchAll().end());
        assertProblem("unknown type 40 in block type", refused(module.build()));
    }
}
