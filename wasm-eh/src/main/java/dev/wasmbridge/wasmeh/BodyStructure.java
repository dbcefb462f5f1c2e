package dev.wasmbridge.wasmeh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * The decoded instructions of one function body (exnref form) with their block structure: for
 * every instruction its nesting depth and enclosing block, for every block its matching
 * {@code end}, and running totals of the {@link SizeModel} estimate.
 */
final class BodyStructure {
    final byte[] code;
    final List<Instruction> instructions;
    /** Open blocks around the instruction (function body not counted); for an opener: before it. */
    final int[] depth;
    /** For a block, loop, if or try_table: the index of its end; else -1. */
    final int[] end;
    /** The index of the innermost block, loop, if or try_table around the instruction, or -1. */
    final int[] parent;
    /** {@code weights[i]} is the summed estimate of instructions 0 to i-1. */
    final long[] weights;

    private BodyStructure(byte[] code, List<Instruction> instructions) {
        this.code = code;
        this.instructions = instructions;
        int n = instructions.size();
        this.depth = new int[n];
        this.end = new int[n];
        this.parent = new int[n];
        this.weights = new long[n + 1];
    }

    /**
     * Decodes {@code code} (instructions up to and including the final end).
     *
     * @param callResults gives the number of results of a function, by function index
     * @param function names the function in error messages
     */
    static BodyStructure decode(byte[] code, LongToIntFunction callResults, String function) {
        ByteReader reader = new ByteReader(code, 0, code.length);
        InstructionDecoder decoder = new InstructionDecoder(reader);
        List<Instruction> instructions = new ArrayList<>();
        while (!decoder.atEnd()) {
            instructions.add(decoder.next());
        }
        BodyStructure body = new BodyStructure(code, instructions);
        body.analyse(callResults, function);
        return body;
    }

    private void analyse(LongToIntFunction callResults, String function) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            int opcode = instruction.opcode();
            if (Opcodes.isLegacyOnly(opcode)) {
                throw new MalformedWasmException(
                        "legacy exception-handling instruction in " + function
                                + " (translate the module with LegacyEh first)",
                        instruction.start());
            }
            parent[i] = open.isEmpty() ? -1 : open.peek();
            depth[i] = open.size();
            end[i] = -1;
            int results = opcode == Opcodes.CALL ? callResults.applyAsInt(immediate(i)) : 0;
            weights[i + 1] = weights[i] + SizeModel.weight(instruction, results);
            if (Opcodes.opensBlock(opcode)) {
                open.push(i);
            } else if (opcode == Opcodes.END && !open.isEmpty()) {
                end[open.pop()] = i;
            }
        }
    }

    /** Returns the first (u32) immediate of instruction {@code i}: a local, function, ... index. */
    long immediate(int i) {
        Instruction instruction = instructions.get(i);
        return new ByteReader(code, instruction.start() + 1, instruction.end()).readU32("index");
    }

    /** The estimate of instructions {@code from} to {@code to}, both included. */
    long estimate(int from, int to) {
        return weights[to + 1] - weights[from];
    }

    /** The estimate of the whole body. */
    long estimate() {
        return weights[instructions.size()];
    }
}
