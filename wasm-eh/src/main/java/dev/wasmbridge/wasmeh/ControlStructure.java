package dev.wasmbridge.wasmeh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * First pass over a function that uses legacy exception handling: matches every {@code try}
 * with its {@code catch}, {@code catch_all}, {@code delegate} and {@code end}, checks that these
 * (and {@code else}) appear only where the grammar allows them, and records each try's shape.
 */
final class ControlStructure {
    private static final int FUNCTION = -1;

    private ControlStructure() {}

    /** Returns the shape of every try, indexed by instruction position (null for others). */
    static TryShape[] analyse(List<Instruction> instructions, int functionIndex) {
        TryShape[] shapes = new TryShape[instructions.size()];
        List<List<Long>> catchTags = new ArrayList<>(instructions.size());
        for (int i = 0; i < instructions.size(); i++) {
            catchTags.add(null);
        }
        Deque<OpenBlock> open = new ArrayDeque<>();
        open.push(new OpenBlock(FUNCTION, FUNCTION));
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            int opcode = instruction.opcode();
            OpenBlock top = open.peek();
            if (top == null) {
                throw error("instruction after the final end", instruction, functionIndex);
            }
            switch (opcode) {
                case Opcodes.BLOCK:
                case Opcodes.LOOP:
                case Opcodes.IF:
                case Opcodes.TRY_TABLE:
                    open.push(new OpenBlock(opcode, i));
                    break;
                case Opcodes.TRY:
                    open.push(new OpenBlock(opcode, i));
                    catchTags.set(i, new ArrayList<>());
                    break;
                case Opcodes.ELSE:
                    if (top.opcode != Opcodes.IF || top.inElseOrCatchAll) {
                        throw error("else without matching if", instruction, functionIndex);
                    }
                    top.inElseOrCatchAll = true;
                    break;
                case Opcodes.CATCH:
                case Opcodes.CATCH_ALL:
                    if (top.opcode != Opcodes.TRY) {
                        throw error(
                                (opcode == Opcodes.CATCH ? "catch" : "catch_all") + " without matching try",
                                instruction,
                                functionIndex);
                    }
                    if (top.inElseOrCatchAll) {
                        throw error(
                                (opcode == Opcodes.CATCH ? "catch" : "catch_all") + " after catch_all",
                                instruction,
                                functionIndex);
                    }
                    catchTags.get(top.position).add(opcode == Opcodes.CATCH ? instruction.index() : TryShape.CATCH_ALL);
                    top.inElseOrCatchAll = opcode == Opcodes.CATCH_ALL;
                    break;
                case Opcodes.DELEGATE:
                    if (top.opcode != Opcodes.TRY
                            || !catchTags.get(top.position).isEmpty()) {
                        throw error("delegate without matching catch-less try", instruction, functionIndex);
                    }
                    shapes[top.position] = new TryShape(List.of(), instruction.index());
                    open.pop();
                    break;
                case Opcodes.END:
                    if (top.opcode == Opcodes.TRY) {
                        shapes[top.position] = new TryShape(List.copyOf(catchTags.get(top.position)), -1);
                    }
                    open.pop();
                    if (open.isEmpty() && i != instructions.size() - 1) {
                        throw error("instruction after the final end", instructions.get(i + 1), functionIndex);
                    }
                    break;
                default:
                    break;
            }
        }
        if (!open.isEmpty()) {
            throw new MalformedWasmException(
                    "function " + functionIndex + " body is missing its final end",
                    instructions.get(instructions.size() - 1).end());
        }
        return shapes;
    }

    private static MalformedWasmException error(String problem, Instruction at, int function) {
        return new MalformedWasmException(problem + " in function " + function, at.start());
    }

    /** A block that has been opened and not yet closed. */
    private static final class OpenBlock {
        final int opcode;
        final int position;
        boolean inElseOrCatchAll;

        OpenBlock(int opcode, int position) {
            this.opcode = opcode;
            this.position = position;
        }
    }
}
