package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shrinks one function body under the budget by moving regions of it into new functions.
 *
 * <p>A region is one structured instruction ({@code block}, {@code loop}, {@code if ... else
 * ... end} or {@code try_table}) with everything inside it. Its new function takes the
 * region's operands (block parameters, and the condition of an {@code if}) and every local the
 * region reads or writes, and returns the region's results and the locals it writes:
 *
 * <pre>
 * ;; call site, in place of the region          ;; the new function
 * local.get $l...                               (func (param E... L...) (result R... [i32] W...)
 * call $outlined                                  block $exit_k ... block $exit_1  ;; if exits
 * local.set $w... (reversed)                        local.get 0..|E|-1
 * [block br_table 0 (d1+1) .. (dk+1) end]            region, locals renumbered
 *                                                   [i32.const 0] local.get $w... [return]
 *                                                 end [i32.const 1 local.get $w... return] ...
 * </pre>
 *
 * A region may branch (br, br_if, br_table, br_on_*, a try_table catch clause, {@code return})
 * to labels outside it when those labels take no values: the new function then ends such a
 * branch with an exit code, and the call site branches on it. Regions with results and such
 * exits, tail calls, or operands that JVM methods cannot take (over 200 parameter slots) are
 * left in place.
 *
 * <p>Of the regions that fit the budget in their new function, the largest is taken first (so a
 * loop that fits moves whole, and is called once rather than once per iteration); this repeats
 * until the body fits or no region is left.
 */
final class FunctionOutliner {
    /** Parameter slots a new function may take (JVM methods: 255, some for Chicory's own). */
    static final int MAX_PARAM_SLOTS = 200;

    /** What the outliner needs of the module being split. */
    interface Module {
        /** The type of a function (existing or created by the splitter) by index. */
        FuncType functionType(long functionIndex, int offset);

        /** The pool that hands out the indices of new types. */
        TypePool types();

        /** The index the next new function gets. */
        int nextFunctionIndex();

        /** Appends a new function: its type and its code entry (size, no locals, code). */
        void addFunction(int origin, FuncType type, byte[] entry);
    }

    private final Module module;
    private final int functionIndex;
    private final FuncType functionType;
    private final List<ValueType> localTypes;
    private final long budget;
    private final boolean everything;
    private final String name;

    private FunctionOutliner(Module module, int functionIndex, List<ValueType> localTypes,
            long budget, boolean everything) {
        this.everything = everything;
        this.module = module;
        this.functionIndex = functionIndex;
        this.functionType = module.functionType(functionIndex, 0);
        this.localTypes = localTypes;
        this.budget = budget;
        this.name = "function " + functionIndex;
    }

    /**
     * Splits one function.
     *
     * @param localTypes the type of every local, parameters first
     * @param declaredLocals the number of declared locals (for the estimate)
     * @param code the instructions of the body, final end included
     * @param everything for tests: move every region that can move, smallest first (so regions
     *     that contain moved ones move in later rounds), even where that makes nothing smaller
     * @return the new instructions, or {@code code} itself when nothing was moved
     */
    static byte[] split(Module module, int functionIndex, List<ValueType> localTypes,
            long declaredLocals, byte[] code, long budget, boolean everything) {
        FunctionOutliner outliner = new FunctionOutliner(module, functionIndex, localTypes,
                budget, everything);
        long locals = declaredLocals * SizeModel.PER_LOCAL;
        byte[] current = code;
        while (true) {
            BodyStructure body = outliner.decode(current);
            if (body.estimate() + locals <= budget) {
                return current;
            }
            byte[] next = outliner.outlineOne(body, locals);
            if (next == null) {
                return current;
            }
            current = next;
        }
    }

    /** Estimates a function body: its instructions plus its declared locals. */
    static long estimate(Module module, int functionIndex, long declaredLocals, byte[] code) {
        BodyStructure body = BodyStructure.decode(code,
                f -> module.functionType(f, 0).results().size(), "function " + functionIndex);
        return body.estimate() + declaredLocals * SizeModel.PER_LOCAL;
    }

    private BodyStructure decode(byte[] code) {
        return BodyStructure.decode(code, f -> module.functionType(f, 0).results().size(), name);
    }

    /**
     * Moves regions into new functions, the largest first, until the body's estimate is under the
     * budget or no more region fits; regions that overlap one already moved wait for the next
     * round. Returns the new body, or null if no region could move.
     */
    private byte[] outlineOne(BodyStructure body, long locals) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < body.instructions.size(); i++) {
            if (body.end[i] >= 0 && !isExitDispatch(body, i)
                    && (everything || body.estimate(i, body.end[i]) <= budget)) {
                candidates.add(i);
            }
        }
        Comparator<Integer> bySize = Comparator.comparingLong(i -> body.estimate(i, body.end[i]));
        candidates.sort((everything ? bySize : bySize.reversed()).thenComparing(i -> i));
        long remaining = body.estimate() + locals;
        TreeMap<Integer, byte[]> moved = new TreeMap<>();
        for (int start : candidates) {
            if (remaining <= budget) {
                break;
            }
            if (overlaps(moved, body, start)) {
                continue;
            }
            Region region = analyse(body, start);
            if (region == null) {
                continue;
            }
            byte[] function = outlinedFunction(body, region);
            int index = module.nextFunctionIndex();
            byte[] callSite = callSite(region, index);
            long regionSize = body.estimate(start, region.end);
            long callSize = estimateCallSite(callSite, index, region.functionType());
            if (!everything && (decode(function).estimate() > budget || callSize >= regionSize)) {
                continue;
            }
            module.addFunction(functionIndex, region.functionType(), entry(function));
            moved.put(start, callSite);
            remaining -= regionSize - callSize;
        }
        if (moved.isEmpty()) {
            return null;
        }
        ByteWriter out = new ByteWriter(body.code.length);
        int copied = 0;
        for (Map.Entry<Integer, byte[]> region : moved.entrySet()) {
            int start = region.getKey();
            out.writeBytes(body.code, copied, body.instructions.get(start).start());
            out.writeBytes(region.getValue());
            copied = body.instructions.get(body.end[start]).end();
        }
        out.writeBytes(body.code, copied, body.code.length);
        return out.toByteArray();
    }

    /**
     * Whether the block at {@code start} is the exit dispatch of a call site ({@code block
     * br_table end}): moving it would gain nothing, and could go on forever.
     */
    private static boolean isExitDispatch(BodyStructure body, int start) {
        return body.end[start] == start + 2
                && body.instructions.get(start + 1).opcode() == Opcodes.BR_TABLE;
    }

    /** Whether the region at {@code start} overlaps (contains or is inside) a moved one. */
    private static boolean overlaps(TreeMap<Integer, byte[]> moved, BodyStructure body,
            int start) {
        Map.Entry<Integer, byte[]> before = moved.floorEntry(start);
        if (before != null && body.end[before.getKey()] >= start) {
            return true;
        }
        Integer after = moved.ceilingKey(start);
        return after != null && after <= body.end[start];
    }

    private long estimateCallSite(byte[] callSite, int index, FuncType type) {
        ByteWriter code = new ByteWriter(callSite.length + 1);
        code.writeBytes(callSite).writeByte(Opcodes.END);
        return BodyStructure.decode(code.toByteArray(), f -> f == index ? type.results().size()
                : module.functionType(f, 0).results().size(), name).estimate();
    }

    /** What a region uses: its extent, operands, results, locals and exits. */
    private final class Region {
        final int start;
        final int end;
        final int base;
        final List<ValueType> operands;
        final List<ValueType> results;
        final List<Integer> locals;
        final List<Integer> written;
        /** Exit code (1..k) of every outside label depth a branch leaves to. */
        final Map<Integer, Integer> exits;

        Region(int start, int end, int base, List<ValueType> operands, List<ValueType> results,
                List<Integer> locals, List<Integer> written, Map<Integer, Integer> exits) {
            this.start = start;
            this.end = end;
            this.base = base;
            this.operands = operands;
            this.results = results;
            this.locals = locals;
            this.written = written;
            this.exits = exits;
        }

        FuncType functionType() {
            List<ValueType> params = new ArrayList<>(operands);
            locals.forEach(local -> params.add(localTypes.get(local)));
            List<ValueType> out = new ArrayList<>(results);
            if (!exits.isEmpty()) {
                out.add(I32);
            }
            written.forEach(local -> out.add(localTypes.get(local)));
            return new FuncType(params, out);
        }

        /** The local index a local of the function has in the new function. */
        int newLocal(int local) {
            return operands.size() + Collections.binarySearch(locals, local);
        }

        /** The label a branch at {@code inner} region blocks deep to {@code label} gets. */
        int newLabel(int inner, int label) {
            if (label < inner) {
                return label;
            }
            return inner + exits.get(label - inner) - 1;
        }
    }

    private static final ValueType I32 = ValueType.read(new ByteReader(new byte[] {0x7F}, 0, 1));

    /** Checks that the region starting at {@code start} can move; returns null when not. */
    private Region analyse(BodyStructure body, int start) {
        Instruction opener = body.instructions.get(start);
        FuncType blockType = opener.blockType().expand(module.types(), opener.start());
        List<ValueType> operands = new ArrayList<>(blockType.params());
        if (opener.opcode() == Opcodes.IF) {
            operands.add(I32);
        }
        int end = body.end[start];
        int base = body.depth[start];
        TreeSet<Integer> locals = new TreeSet<>();
        TreeSet<Integer> written = new TreeSet<>();
        TreeMap<Integer, Integer> exits = new TreeMap<>();
        for (int i = start; i <= end; i++) {
            Instruction instruction = body.instructions.get(i);
            int opcode = instruction.opcode();
            int inner = body.depth[i] - base;
            switch (opcode) {
                case Opcodes.LOCAL_GET: case Opcodes.LOCAL_SET: case Opcodes.LOCAL_TEE: {
                    long local = body.immediate(i);
                    if (local >= localTypes.size()) {
                        throw new MalformedWasmException("unknown local " + local + " in "
                                + name, instruction.start());
                    }
                    locals.add((int) local);
                    if (opcode != Opcodes.LOCAL_GET) {
                        written.add((int) local);
                    }
                    break;
                }
                case Opcodes.RETURN:
                    if (!exit(body, start, base, base, exits, instruction)) {
                        return null;
                    }
                    break;
                case Opcodes.RETURN_CALL: case Opcodes.RETURN_CALL_INDIRECT:
                case Opcodes.RETURN_CALL_REF:
                    return null;
                case Opcodes.TRY_TABLE:
                    for (CatchClause clause : instruction.catches()) {
                        if (clause.label() >= inner && !exit(body, start, base,
                                clause.label() - inner, exits, instruction)) {
                            return null;
                        }
                    }
                    break;
                default:
                    for (int label : instruction.labels()) {
                        if (label >= inner
                                && !exit(body, start, base, label - inner, exits, instruction)) {
                            return null;
                        }
                    }
            }
        }
        if (!exits.isEmpty() && !blockType.results().isEmpty()) {
            return null;
        }
        int code = 1;
        for (Map.Entry<Integer, Integer> exit : exits.entrySet()) {
            exit.setValue(code++);
        }
        int slots = 0;
        for (ValueType type : operands) {
            slots += type.isWide() ? 2 : 1;
        }
        for (int local : locals) {
            slots += localTypes.get(local).isWide() ? 2 : 1;
        }
        if (slots > MAX_PARAM_SLOTS) {
            return null;
        }
        return new Region(start, end, base, operands, blockType.results(),
                List.copyOf(locals), List.copyOf(written), exits);
    }

    /**
     * Records a branch to the label {@code outside} labels out from the region (0: the innermost
     * block around it; {@code base}: the function body); false when that label takes values.
     */
    private boolean exit(BodyStructure body, int start, int base, int outside,
            Map<Integer, Integer> exits, Instruction at) {
        if (outside > base) {
            throw new MalformedWasmException("unknown label in " + name, at.start());
        }
        List<ValueType> labelTypes;
        if (outside == base) {
            labelTypes = functionType.results();
        } else {
            int target = body.parent[start];
            for (int i = 0; i < outside; i++) {
                target = body.parent[target];
            }
            Instruction block = body.instructions.get(target);
            FuncType type = block.blockType().expand(module.types(), block.start());
            labelTypes = block.opcode() == Opcodes.LOOP ? type.params() : type.results();
        }
        if (!labelTypes.isEmpty()) {
            return false;
        }
        exits.putIfAbsent(outside, 0);
        return true;
    }

    /** The new function's code: exit blocks, operands, the region rewritten, results. */
    private byte[] outlinedFunction(BodyStructure body, Region region) {
        ByteWriter out = new ByteWriter(body.instructions.get(region.end).end()
                - body.instructions.get(region.start).start() + 64);
        int exits = region.exits.size();
        for (int i = 0; i < exits; i++) {
            out.writeByte(Opcodes.BLOCK).writeByte(0x40);
        }
        for (int i = 0; i < region.operands.size(); i++) {
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(i);
        }
        for (int i = region.start; i <= region.end; i++) {
            rewrite(body, region, i, out);
        }
        for (int code = 0; code <= exits; code++) {
            if (code > 0) {
                out.writeByte(Opcodes.END);
            }
            if (exits > 0) {
                out.writeByte(Opcodes.I32_CONST).writeSigned(code);
            }
            for (int local : region.written) {
                out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(region.newLocal(local));
            }
            if (code < exits) {
                out.writeByte(Opcodes.RETURN);
            }
        }
        out.writeByte(Opcodes.END);
        return out.toByteArray();
    }

    private void rewrite(BodyStructure body, Region region, int i, ByteWriter out) {
        Instruction instruction = body.instructions.get(i);
        byte[] code = body.code;
        int inner = body.depth[i] - region.base;
        switch (instruction.opcode()) {
            case Opcodes.LOCAL_GET: case Opcodes.LOCAL_SET: case Opcodes.LOCAL_TEE:
                out.writeByte(instruction.opcode())
                        .writeUnsigned(region.newLocal((int) body.immediate(i)));
                return;
            case Opcodes.RETURN:
                out.writeByte(Opcodes.BR).writeUnsigned(region.newLabel(inner, inner + region.base));
                return;
            case Opcodes.TRY_TABLE: {
                BlockType type = instruction.blockType();
                out.writeByte(Opcodes.TRY_TABLE).writeBytes(code, type.start(), type.end());
                out.writeUnsigned(instruction.catches().size());
                for (CatchClause clause : instruction.catches()) {
                    out.writeByte(clause.kind());
                    if (Opcodes.clauseHasTag(clause.kind())) {
                        out.writeUnsigned(clause.tag());
                    }
                    out.writeUnsigned(region.newLabel(inner, clause.label()));
                }
                return;
            }
            default:
                if (!instruction.isBranch()) {
                    out.writeBytes(code, instruction.start(), instruction.end());
                    return;
                }
                out.writeBytes(code, instruction.start(), instruction.labelsStart());
                if (instruction.opcode() == Opcodes.BR_TABLE) {
                    out.writeUnsigned(instruction.labels().size() - 1);
                }
                for (int label : instruction.labels()) {
                    out.writeUnsigned(region.newLabel(inner, label));
                }
                out.writeBytes(code, instruction.labelsEnd(), instruction.end());
        }
    }

    /** The instructions that replace the region: locals in, call, written locals out, exits. */
    private byte[] callSite(Region region, int function) {
        ByteWriter out = new ByteWriter(16 + 3 * region.locals.size());
        for (int local : region.locals) {
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
        }
        out.writeByte(Opcodes.CALL).writeUnsigned(function);
        for (int i = region.written.size() - 1; i >= 0; i--) {
            out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(region.written.get(i));
        }
        if (!region.exits.isEmpty()) {
            out.writeByte(Opcodes.BLOCK);
            BlockType.writeFor(new FuncType(List.of(I32), List.of()), module.types(), out);
            out.writeByte(Opcodes.BR_TABLE).writeUnsigned(region.exits.size() + 1);
            out.writeUnsigned(0);
            for (int outside : region.exits.keySet()) {
                out.writeUnsigned(outside + 1);
            }
            out.writeUnsigned(0);
            out.writeByte(Opcodes.END);
        }
        return out.toByteArray();
    }

    private static byte[] entry(byte[] code) {
        ByteWriter out = new ByteWriter(code.length + 6);
        out.writeUnsigned(code.length + 1L).writeUnsigned(0).writeBytes(code);
        return out.toByteArray();
    }
}
