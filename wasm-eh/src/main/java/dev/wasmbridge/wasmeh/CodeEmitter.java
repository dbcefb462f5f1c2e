package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes instructions while tracking the labels that are open in the output, so that branches
 * can name their target label and get the right relative depth however many blocks the
 * translation has inserted in between.
 */
final class CodeEmitter {
    /** An output label: the identity of one open block (or of the function body). */
    static final class Label {}

    /** A catch clause of an output try_table whose target is given as a label. */
    static final class ClauseTarget {
        final int kind;
        final long tag;
        final Label target;

        ClauseTarget(int kind, long tag, Label target) {
            this.kind = kind;
            this.tag = tag;
            this.target = target;
        }
    }

    private final byte[] module;
    private final TypePool types;
    private final ByteWriter out;
    private final List<Label> open = new ArrayList<>();

    CodeEmitter(byte[] module, TypePool types, int capacity) {
        this.module = module;
        this.types = types;
        this.out = new ByteWriter(capacity);
    }

    /** Pushes the label of the function body itself (closed by the final end). */
    Label openFunction() {
        Label label = new Label();
        open.add(label);
        return label;
    }

    int depth(Label label) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) == label) {
                return open.size() - 1 - i;
            }
        }
        throw new IllegalStateException("label is not open");
    }

    void copy(Instruction instruction) {
        out.writeBytes(module, instruction.start(), instruction.end());
    }

    void opcode(int opcode) {
        out.writeByte(opcode);
    }

    void unsigned(long value) {
        out.writeUnsigned(value);
    }

    /** Opens a block, loop, if or try_table-less block with a block type copied from input. */
    Label openCopied(int opcode, BlockType type) {
        out.writeByte(opcode);
        out.writeBytes(module, type.start(), type.end());
        return push();
    }

    /** Opens a {@code block} of the given type. */
    Label openBlock(FuncType type) {
        out.writeByte(Opcodes.BLOCK);
        BlockType.writeFor(type, types, out);
        return push();
    }

    /** Opens a {@code try_table} with a copied block type and the given clauses. */
    Label openTryTable(BlockType type, List<ClauseTarget> clauses) {
        out.writeByte(Opcodes.TRY_TABLE);
        out.writeBytes(module, type.start(), type.end());
        return clauses(clauses);
    }

    /** Opens a {@code try_table} of the given type with the given clauses. */
    Label openTryTable(FuncType type, List<ClauseTarget> clauses) {
        out.writeByte(Opcodes.TRY_TABLE);
        BlockType.writeFor(type, types, out);
        return clauses(clauses);
    }

    private Label clauses(List<ClauseTarget> clauses) {
        out.writeUnsigned(clauses.size());
        for (ClauseTarget clause : clauses) {
            out.writeByte(clause.kind);
            if (Opcodes.clauseHasTag(clause.kind)) {
                out.writeUnsigned(clause.tag);
            }
            out.writeUnsigned(depth(clause.target));
        }
        return push();
    }

    private Label push() {
        Label label = new Label();
        open.add(label);
        return label;
    }

    /** Writes {@code end} for the innermost label, which must be {@code label}. */
    void close(Label label) {
        if (open.isEmpty() || open.get(open.size() - 1) != label) {
            throw new IllegalStateException("closing a label that is not innermost");
        }
        open.remove(open.size() - 1);
        out.writeByte(Opcodes.END);
    }

    /** Writes {@code br} to {@code label}. */
    void branch(Label label) {
        out.writeByte(Opcodes.BR);
        out.writeUnsigned(depth(label));
    }

    /**
     * Writes a branch instruction (br, br_if, br_table, br_on_*) with new targets, keeping the
     * original bytes when the depths have not changed.
     */
    void branch(Instruction instruction, List<Label> targets) {
        List<Integer> depths = new ArrayList<>(targets.size());
        for (Label target : targets) {
            depths.add(depth(target));
        }
        if (depths.equals(instruction.labels())) {
            copy(instruction);
            return;
        }
        out.writeBytes(module, instruction.start(), instruction.labelsStart());
        if (instruction.opcode() == Opcodes.BR_TABLE) {
            out.writeUnsigned(depths.size() - 1);
        }
        for (int depth : depths) {
            out.writeUnsigned(depth);
        }
        out.writeBytes(module, instruction.labelsEnd(), instruction.end());
    }

    boolean allClosed() {
        return open.isEmpty();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
