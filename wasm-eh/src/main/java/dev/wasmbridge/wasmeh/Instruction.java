package dev.wasmbridge.wasmeh;

import java.util.List;

/**
 * One decoded instruction: its opcode, where its bytes lie in the module, and the immediates
 * the translator needs (block type, branch labels, catch clauses, tag / depth index). All other
 * immediates are only validated and kept as raw bytes.
 *
 * @param opcode the opcode, prefixed ones as {@code (prefix << 16) | sub}
 * @param start offset of the first byte of the instruction
 * @param end offset just past the instruction
 * @param blockType the block type of block, loop, if, try and try_table, else null
 * @param labels the branch label depths (br_table: targets then default), else empty
 * @param labelsStart offset of the encoded labels (br_table: of the target count), else -1
 * @param labelsEnd offset just past the encoded labels, else -1
 * @param catches the catch clauses of try_table, else empty
 * @param index the tag of catch and throw, the depth of rethrow and delegate, else -1
 */
record Instruction(
        int opcode,
        int start,
        int end,
        BlockType blockType,
        List<Integer> labels,
        int labelsStart,
        int labelsEnd,
        List<CatchClause> catches,
        long index) {

    static Instruction simple(int opcode, int start, int end) {
        return new Instruction(opcode, start, end, null, List.of(), -1, -1, List.of(), -1);
    }

    static Instruction indexed(int opcode, int start, int end, long index) {
        return new Instruction(opcode, start, end, null, List.of(), -1, -1, List.of(), index);
    }

    static Instruction block(int opcode, int start, int end, BlockType type) {
        return new Instruction(opcode, start, end, type, List.of(), -1, -1, List.of(), -1);
    }

    boolean isBranch() {
        return !labels.isEmpty();
    }
}
