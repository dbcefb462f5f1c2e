package dev.wasmbridge.wasmeh;

/**
 * Opcode numbers used by the reader and the translator. Prefixed opcodes are represented as
 * {@code (prefix << 16) | subOpcode}.
 */
final class Opcodes {
    static final int BLOCK = 0x02;
    static final int LOOP = 0x03;
    static final int IF = 0x04;
    static final int ELSE = 0x05;
    static final int TRY = 0x06;
    static final int CATCH = 0x07;
    static final int RETHROW = 0x09;
    static final int THROW_REF = 0x0A;
    static final int END = 0x0B;
    static final int BR = 0x0C;
    static final int BR_IF = 0x0D;
    static final int BR_TABLE = 0x0E;
    static final int DELEGATE = 0x18;
    static final int CATCH_ALL = 0x19;
    static final int TRY_TABLE = 0x1F;
    static final int RETURN = 0x0F;
    static final int CALL = 0x10;
    static final int CALL_INDIRECT = 0x11;
    static final int RETURN_CALL = 0x12;
    static final int RETURN_CALL_INDIRECT = 0x13;
    static final int RETURN_CALL_REF = 0x15;
    static final int LOCAL_GET = 0x20;
    static final int LOCAL_SET = 0x21;
    static final int LOCAL_TEE = 0x22;
    static final int I32_CONST = 0x41;
    static final int REF_FUNC = 0xD2;

    static final int GC_PREFIX = 0xFB;
    static final int MISC_PREFIX = 0xFC;
    static final int SIMD_PREFIX = 0xFD;
    static final int THREADS_PREFIX = 0xFE;

    /** try_table catch clause kinds. */
    static final int CATCH_CLAUSE = 0x00;

    static final int CATCH_REF_CLAUSE = 0x01;
    static final int CATCH_ALL_CLAUSE = 0x02;
    static final int CATCH_ALL_REF_CLAUSE = 0x03;

    private Opcodes() {}

    /** True for the instructions that exist only in the legacy exception-handling proposal. */
    static boolean isLegacyOnly(int opcode) {
        return opcode == TRY || opcode == CATCH || opcode == RETHROW || opcode == DELEGATE || opcode == CATCH_ALL;
    }

    /** True for the try_table clause kinds that name a tag (catch and catch_ref). */
    static boolean clauseHasTag(int kind) {
        return kind == CATCH_CLAUSE || kind == CATCH_REF_CLAUSE;
    }

    /** True for the instructions that open a block that ends with {@code end} (or delegate). */
    static boolean opensBlock(int opcode) {
        return opcode == BLOCK || opcode == LOOP || opcode == IF || opcode == TRY || opcode == TRY_TABLE;
    }

    static String name(int opcode) {
        if (opcode > 0xFF) {
            return String.format("0x%02x 0x%02x", opcode >>> 16, opcode & 0xFFFF);
        }
        return String.format("0x%02x", opcode);
    }
}
