package dev.wasmbridge.wasmeh;

/**
 * Estimates how many bytes of JVM bytecode Chicory's compiler (1.7.5) emits for a function, the
 * measure {@link FunctionSplitter} keeps under its budget.
 *
 * <p>The weights are bytes of bytecode per Wasm instruction, fitted (non-negative least squares,
 * then rounded up) to the method sizes Chicory's compiler gives for the 2,000 functions of the
 * committed benchmark, calculator and fixture modules; on functions over 1,000 bytes the estimate
 * is within 10% of the real size. {@code FunctionSplitterCompilerTest} checks it against the
 * compiler.
 */
final class SizeModel {
    /** Bytes per declared local (Chicory initialises every local at the method's start). */
    static final int PER_LOCAL = 3;

    private SizeModel() {}

    /**
     * Returns the estimated bytecode size of one instruction.
     *
     * @param callResults for {@code call}, the number of results of the callee, else ignored
     */
    static int weight(Instruction instruction, int callResults) {
        int opcode = instruction.opcode();
        switch (opcode) {
            case Opcodes.LOCAL_GET:
                return 3;
            case Opcodes.LOCAL_SET:
            case Opcodes.LOCAL_TEE:
                return 2;
            case 0x23:
            case 0x24:
                return 11;
            case Opcodes.CALL:
                return 12 + (callResults > 1 ? 7 * callResults : 0);
            case Opcodes.CALL_INDIRECT:
            case 0x14:
                return 17;
            case Opcodes.BR:
            case Opcodes.BR_IF:
            case Opcodes.RETURN:
                return 3;
            case Opcodes.BR_TABLE:
                return 20 + 4 * instruction.labels().size();
            case Opcodes.BLOCK:
            case Opcodes.LOOP:
            case Opcodes.ELSE:
            case Opcodes.END:
                return 1;
            case Opcodes.IF:
                return 4;
            case Opcodes.TRY_TABLE:
                return 12;
            case 0x3F:
            case 0x40:
                return 10;
            default:
                if (opcode >= 0x28 && opcode <= 0x3E) {
                    return 7;
                }
                return 2;
        }
    }
}
