package dev.wasmbridge.wasmeh;

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
        InstructionDecoder decoder = new InstructionDecoder(reader);
        boolean legacy = false;
        long openBlocks = 1;
        while (true) {
            if (decoder.atEnd()) {
                throw reader.error(what + " is missing its final end");
            }
            int opcode = decoder.next().opcode();
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
