package dev.wasmbridge.wasmeh;

import java.util.function.LongConsumer;

/**
 * Reads an expression (a function body's instructions or a constant expression): decodes
 * instructions up to the {@code end} that closes the expression, keeping count of the blocks
 * opened and closed on the way.
 */
final class Expression {
    private Expression() {}

    /**
     * Reads instructions up to the end of the expression and reports whether a legacy
     * exception-handling instruction occurred.
     *
     * @param what names the expression in error messages, e.g. "function 3"
     */
    static boolean read(ByteReader reader, String what) {
        return read(reader, what, null);
    }

    /**
     * As {@link #read(ByteReader, String)}, and tells {@code functionReferences} the index of every function
     * a {@code ref.func} names.
     */
    static boolean read(ByteReader reader, String what, LongConsumer functionReferences) {
        InstructionDecoder decoder = new InstructionDecoder(reader);
        boolean legacy = false;
        long openBlocks = 1;
        while (true) {
            if (decoder.atEnd()) {
                throw reader.error(what + " is missing its final end");
            }
            Instruction instruction = decoder.next();
            int opcode = instruction.opcode();
            if (opcode == Opcodes.REF_FUNC && functionReferences != null) {
                functionReferences.accept(new ByteReader(reader.bytes(), instruction.start() + 1, instruction.end())
                        .readU32("function index"));
            }
            legacy |= Opcodes.isLegacyOnly(opcode);
            if (Opcodes.opensBlock(opcode)) {
                openBlocks++;
            } else if (opcode == Opcodes.END || opcode == Opcodes.DELEGATE) {
                openBlocks--;
                if (openBlocks == 0) {
                    return legacy;
                }
            }
        }
    }
}
