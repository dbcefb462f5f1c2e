package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shrinks one function body under the budget by moving regions of it into new functions.
 *
 * <p>A region is one structured instruction ({@code block}, {@code loop}, {@code if ... else
 * ... end} or {@code try_table}) with everything inside it. Its new function takes the
 * region's operands E (block parameters, and the condition of an {@code if}) and every local L
 * the region reads or writes, and returns the region's results R and the locals W it writes:
 *
 * <pre>
 * ;; call site, in place of the region     ;; the new function
 * local.get $l...                          (func (param E... L...) (result R... W...)
 * call $outlined                             local.get 0 .. |E|-1
 * local.set $w... (reversed)                 region, locals renumbered
 *                                            local.get $w...)
 * </pre>
 *
 * <p>A region may also leave to labels outside it: branches ({@code br}, {@code br_if},
 * {@code br_table}, {@code br_on_*}), {@code try_table} catch clauses and {@code return}. Exit
 * {@code c} (1..k, one per outside label) becomes a {@code block $exit_c (result V_c)} around
 * the region in the new function, V_c being the values the label takes; the new function then
 * also returns an exit code and, in payload slots, the values of every exit (defaults on other
 * paths), and the call site branches on the code:
 *
 * <pre>
 * local.get $l... call $outlined               (func (param E... L...)
 * local.set $p... local.set $w...                    (result R... i32 W... V_1... V_k...)
 * local.set $code                                (local $v_1 ... $v_k)
 * block (R -> R)                                 block $exit_k ... block $exit_1
 *   local.get $code i32.eqz br_if 0                local.get 0 .. |E|-1  region
 *   local.get $p_1... local.get $code              i32.const 0 local.get $w... $v... return
 *   i32.const 1 i32.eq br_if (d_1 + 1) drop...   end local.set $v_1... R defaults
 *   ...                                            i32.const 1 local.get $w... $v... return
 *   local.get $p_k... br (d_k + 1)               end ...
 * end
 * </pre>
 *
 * where {@code d_c} is the depth of exit c's label seen from the region. Regions with tail
 * calls, with results or exit values that have no default value (non-nullable references), or
 * with operands that JVM methods cannot take (over 200 parameter slots) are left in place.
 *
 * <p>Of the regions that fit the budget in their new function, the largest is taken first (so a
 * loop that fits moves whole, and is called once rather than once per iteration); this repeats
 * until the body fits or no region is left.
 */
final class FunctionOutliner {
    /** Parameter slots a new function may take (JVM methods: 255, some for Chicory's own). */
    static final int MAX_PARAM_SLOTS = 200;

    private static final ValueType I32 = ValueType.read(new ByteReader(new byte[] {0x7F}, 0, 1));

    /** What the outliner needs of the module being split. */
    interface Module {
        /** The type of a function (existing or created by the splitter) by index. */
        FuncType functionType(long functionIndex, int offset);

        /** The pool that hands out the indices of new types. */
        TypePool types();

        /** The index the next new function gets. */
        int nextFunctionIndex();

        /** Appends a new function: its type and its code entry (size, locals, code). */
        void addFunction(int origin, FuncType type, byte[] entry);

        /**
         * Whether a {@code call_indirect} of the module uses this function type. Chicory
         * compiles {@code call_indirect} of a type to one method that switches over every
         * function of that type, so new functions stay out of those types.
         */
        boolean isCalledIndirectly(FuncType type);
    }

    /**
     * A split function body.
     *
     * @param code the new instructions (final end included)
     * @param addedLocals the types of the locals the call sites need, to declare after the
     *     function's own locals
     */
    record Split(byte[] code, List<ValueType> addedLocals) {}

    private final Module module;
    private final int functionIndex;
    private final FuncType functionType;
    private final List<ValueType> localTypes;
    private final List<ValueType> addedLocals = new ArrayList<>();
    private final Set<Integer> exitCodeLocals = new HashSet<>();
    private final long budget;
    private final boolean everything;
    private final String name;

    private FunctionOutliner(
            Module module, int functionIndex, List<ValueType> localTypes, long budget, boolean everything) {
        this.module = module;
        this.functionIndex = functionIndex;
        this.functionType = module.functionType(functionIndex, 0);
        this.localTypes = new ArrayList<>(localTypes);
        this.budget = budget;
        this.everything = everything;
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
     * @return the new body, or null when nothing was moved
     */
    static Split split(
            Module module,
            int functionIndex,
            List<ValueType> localTypes,
            long declaredLocals,
            byte[] code,
            long budget,
            boolean everything) {
        FunctionOutliner outliner = new FunctionOutliner(module, functionIndex, localTypes, budget, everything);
        byte[] current = code;
        while (true) {
            BodyStructure body = outliner.decode(current);
            long locals = (declaredLocals + outliner.addedLocals.size()) * SizeModel.PER_LOCAL;
            if (body.estimate() + locals <= budget) {
                break;
            }
            byte[] next = outliner.outlineRound(body, locals);
            if (next == null) {
                break;
            }
            current = next;
        }
        return current == code ? null : new Split(current, List.copyOf(outliner.addedLocals));
    }

    /** Estimates a function body: its instructions plus its declared locals. */
    static long estimate(Module module, int functionIndex, long declaredLocals, byte[] code) {
        BodyStructure body = BodyStructure.decode(
                code, f -> module.functionType(f, 0).results().size(), "function " + functionIndex);
        return body.estimate() + declaredLocals * SizeModel.PER_LOCAL;
    }

    private BodyStructure decode(byte[] code) {
        return BodyStructure.decode(
                code, f -> module.functionType(f, 0).results().size(), name);
    }

    /**
     * Moves regions into new functions, the largest first, until the body's estimate is under the
     * budget or no more region fits; regions that overlap one already moved wait for the next
     * round. Returns the new body, or null if no region could move.
     */
    private byte[] outlineRound(BodyStructure body, long locals) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < body.instructions.size(); i++) {
            if (body.end[i] >= 0
                    && !isExitDispatch(body, i)
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
            long regionSize = body.estimate(start, region.end);
            if (!everything && decode(function).estimate() + region.payload.size() * SizeModel.PER_LOCAL > budget) {
                continue;
            }
            int index = module.nextFunctionIndex();
            int addedBefore = addedLocals.size();
            byte[] callSite = callSite(region, index);
            long callSize = estimateCallSite(callSite, index, region.functionType())
                    + (addedLocals.size() - addedBefore) * SizeModel.PER_LOCAL;
            if (!everything && callSize >= regionSize) {
                removeAddedLocals(addedBefore);
                continue;
            }
            module.addFunction(functionIndex, region.functionType(), entry(region.payload, function));
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

    private void removeAddedLocals(int from) {
        while (addedLocals.size() > from) {
            addedLocals.remove(addedLocals.size() - 1);
            exitCodeLocals.remove(localTypes.size() - 1);
            localTypes.remove(localTypes.size() - 1);
        }
    }

    /**
     * Whether the block at {@code start} is the exit dispatch of a call site (it follows the
     * {@code local.set} of an exit code): moving it would gain nothing, and could go on forever.
     */
    private boolean isExitDispatch(BodyStructure body, int start) {
        return start > 0
                && body.instructions.get(start - 1).opcode() == Opcodes.LOCAL_SET
                && exitCodeLocals.contains((int) body.immediate(start - 1));
    }

    /** Whether the region at {@code start} overlaps (contains or is inside) a moved one. */
    private static boolean overlaps(TreeMap<Integer, byte[]> moved, BodyStructure body, int start) {
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
        return BodyStructure.decode(
                        code.toByteArray(),
                        f -> f == index
                                ? type.results().size()
                                : module.functionType(f, 0).results().size(),
                        name)
                .estimate();
    }

    /** One outside label a region leaves to. */
    private static final class Exit {
        final int outside;
        final List<ValueType> values;
        int code;
        int firstSlot;

        Exit(int outside, List<ValueType> values) {
            this.outside = outside;
            this.values = values;
        }
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
        /** The exits by outside label depth (0: the innermost block around the region). */
        final Map<Integer, Exit> exits;
        /** The values of all exits, one slot each, in exit order. */
        final List<ValueType> payload = new ArrayList<>();
        /** Unused i32 parameters that keep the new function out of call_indirect types. */
        final int padding;

        final FuncType type;

        Region(
                int start,
                int end,
                int base,
                List<ValueType> operands,
                List<ValueType> results,
                List<Integer> locals,
                List<Integer> written,
                Map<Integer, Exit> exits) {
            this.start = start;
            this.end = end;
            this.base = base;
            this.operands = operands;
            this.results = results;
            this.locals = locals;
            this.written = written;
            this.exits = exits;
            int code = 1;
            for (Exit exit : exits.values()) {
                exit.code = code++;
                exit.firstSlot = payload.size();
                payload.addAll(exit.values);
            }
            List<ValueType> params = new ArrayList<>(operands);
            locals.forEach(local -> params.add(localTypes.get(local)));
            List<ValueType> out = new ArrayList<>(results);
            if (!exits.isEmpty()) {
                out.add(I32);
            }
            written.forEach(local -> out.add(localTypes.get(local)));
            out.addAll(payload);
            FuncType candidate = new FuncType(params, out);
            int unused = 0;
            while (module.isCalledIndirectly(candidate)) {
                params.add(I32);
                unused++;
                candidate = new FuncType(params, out);
            }
            this.padding = unused;
            this.type = candidate;
        }

        FuncType functionType() {
            return type;
        }

        /** The local index a local of the function has in the new function. */
        int newLocal(int local) {
            return operands.size() + Collections.binarySearch(locals, local);
        }

        /** The first local of the new function that holds exit values. */
        int firstPayloadLocal() {
            return operands.size() + locals.size() + padding;
        }

        /** The label a branch at {@code inner} region blocks deep to {@code label} gets. */
        int newLabel(int inner, int label) {
            if (label < inner) {
                return label;
            }
            return inner + exits.get(label - inner).code - 1;
        }
    }

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
        TreeMap<Integer, Exit> exits = new TreeMap<>();
        for (int i = start; i <= end; i++) {
            Instruction instruction = body.instructions.get(i);
            int opcode = instruction.opcode();
            int inner = body.depth[i] - base;
            switch (opcode) {
                case Opcodes.LOCAL_GET:
                case Opcodes.LOCAL_SET:
                case Opcodes.LOCAL_TEE: {
                    long local = body.immediate(i);
                    if (local >= localTypes.size()) {
                        throw new MalformedWasmException("unknown local " + local + " in " + name, instruction.start());
                    }
                    locals.add((int) local);
                    if (opcode != Opcodes.LOCAL_GET) {
                        written.add((int) local);
                    }
                    break;
                }
                case Opcodes.RETURN:
                    exit(body, start, base, base, exits, instruction);
                    break;
                case Opcodes.RETURN_CALL:
                case Opcodes.RETURN_CALL_INDIRECT:
                case Opcodes.RETURN_CALL_REF:
                    return null;
                case Opcodes.TRY_TABLE:
                    for (CatchClause clause : instruction.catches()) {
                        if (clause.label() >= inner) {
                            exit(body, start, base, clause.label() - inner, exits, instruction);
                        }
                    }
                    break;
                default:
                    for (int label : instruction.labels()) {
                        if (label >= inner) {
                            exit(body, start, base, label - inner, exits, instruction);
                        }
                    }
            }
        }
        if (!exits.isEmpty()
                && !(allDefaultable(blockType.results())
                        && exits.values().stream().allMatch(exit -> allDefaultable(exit.values)))) {
            return null;
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
        Region region = new Region(
                start, end, base, operands, blockType.results(), List.copyOf(locals), List.copyOf(written), exits);
        return slots + region.padding > MAX_PARAM_SLOTS ? null : region;
    }

    private static boolean allDefaultable(List<ValueType> types) {
        return types.stream().allMatch(type -> type.writeDefaultValue(new ByteWriter(24)));
    }

    /**
     * Records a branch to the label {@code outside} labels out from the region (0: the innermost
     * block around it; {@code base}: the function body, as {@code return} does).
     */
    private void exit(BodyStructure body, int start, int base, int outside, Map<Integer, Exit> exits, Instruction at) {
        if (outside > base) {
            throw new MalformedWasmException("unknown label in " + name, at.start());
        }
        if (exits.containsKey(outside)) {
            return;
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
        exits.put(outside, new Exit(outside, labelTypes));
    }

    /** The new function's code: exit blocks, operands, the region rewritten, results. */
    private byte[] outlinedFunction(BodyStructure body, Region region) {
        ByteWriter out = new ByteWriter(body.instructions.get(region.end).end()
                - body.instructions.get(region.start).start()
                + 64);
        List<Exit> exits = new ArrayList<>(region.exits.values());
        for (int c = exits.size() - 1; c >= 0; c--) {
            out.writeByte(Opcodes.BLOCK);
            BlockType.writeFor(new FuncType(List.of(), exits.get(c).values), module.types(), out);
        }
        for (int i = 0; i < region.operands.size(); i++) {
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(i);
        }
        for (int i = region.start; i <= region.end; i++) {
            rewrite(body, region, i, out);
        }
        if (exits.isEmpty()) {
            writeLocalGets(out, region);
        } else {
            out.writeByte(Opcodes.I32_CONST).writeSigned(0);
            writeLocalGets(out, region);
            out.writeByte(Opcodes.RETURN);
        }
        for (Exit exit : exits) {
            out.writeByte(Opcodes.END);
            for (int v = exit.values.size() - 1; v >= 0; v--) {
                out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(region.firstPayloadLocal() + exit.firstSlot + v);
            }
            region.results.forEach(type -> type.writeDefaultValue(out));
            out.writeByte(Opcodes.I32_CONST).writeSigned(exit.code);
            writeLocalGets(out, region);
            out.writeByte(Opcodes.RETURN);
        }
        out.writeByte(Opcodes.END);
        return out.toByteArray();
    }

    /** Pushes the written locals, then the exit value slots, as the new function returns them. */
    private static void writeLocalGets(ByteWriter out, Region region) {
        for (int local : region.written) {
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(region.newLocal(local));
        }
        for (int slot = 0; slot < region.payload.size(); slot++) {
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(region.firstPayloadLocal() + slot);
        }
    }

    private void rewrite(BodyStructure body, Region region, int i, ByteWriter out) {
        Instruction instruction = body.instructions.get(i);
        byte[] code = body.code;
        int inner = body.depth[i] - region.base;
        switch (instruction.opcode()) {
            case Opcodes.LOCAL_GET:
            case Opcodes.LOCAL_SET:
            case Opcodes.LOCAL_TEE:
                out.writeByte(instruction.opcode()).writeUnsigned(region.newLocal((int) body.immediate(i)));
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

    /** Declares a new local of the function for a call site; returns its index. */
    private int addLocal(ValueType type) {
        addedLocals.add(type);
        localTypes.add(type);
        return localTypes.size() - 1;
    }

    /**
     * The instructions that replace the region: locals in, call, written locals out, and for
     * exits: the exit values and code into new locals, and a branch on the code.
     */
    private byte[] callSite(Region region, int function) {
        ByteWriter out = new ByteWriter(16 + 3 * region.locals.size());
        for (int local : region.locals) {
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
        }
        for (int i = 0; i < region.padding; i++) {
            out.writeByte(Opcodes.I32_CONST).writeSigned(0);
        }
        out.writeByte(Opcodes.CALL).writeUnsigned(function);
        int[] payload = new int[region.payload.size()];
        for (int slot = 0; slot < payload.length; slot++) {
            payload[slot] = addLocal(region.payload.get(slot));
        }
        for (int slot = payload.length - 1; slot >= 0; slot--) {
            out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(payload[slot]);
        }
        for (int i = region.written.size() - 1; i >= 0; i--) {
            out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(region.written.get(i));
        }
        if (region.exits.isEmpty()) {
            return out.toByteArray();
        }
        int code = addLocal(I32);
        exitCodeLocals.add(code);
        out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(code);
        out.writeByte(Opcodes.BLOCK);
        BlockType.writeFor(new FuncType(region.results, region.results), module.types(), out);
        out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(code).writeByte(0x45); // i32.eqz
        out.writeByte(Opcodes.BR_IF).writeUnsigned(0);
        List<Exit> exits = new ArrayList<>(region.exits.values());
        for (int c = 0; c < exits.size(); c++) {
            Exit exit = exits.get(c);
            for (int v = 0; v < exit.values.size(); v++) {
                out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(payload[exit.firstSlot + v]);
            }
            if (c == exits.size() - 1) {
                out.writeByte(Opcodes.BR).writeUnsigned(exit.outside + 1);
            } else {
                out.writeByte(Opcodes.LOCAL_GET)
                        .writeUnsigned(code)
                        .writeByte(Opcodes.I32_CONST)
                        .writeSigned(exit.code)
                        .writeByte(0x46); // i32.eq
                out.writeByte(Opcodes.BR_IF).writeUnsigned(exit.outside + 1);
                for (int v = 0; v < exit.values.size(); v++) {
                    out.writeByte(0x1A); // drop
                }
            }
        }
        out.writeByte(Opcodes.END);
        return out.toByteArray();
    }

    /** A code section entry: size, one local per exit value slot, code. */
    private static byte[] entry(List<ValueType> payload, byte[] code) {
        ByteWriter content = new ByteWriter(code.length + 4 + 3 * payload.size());
        content.writeUnsigned(payload.size());
        for (ValueType type : payload) {
            content.writeUnsigned(1);
            type.writeTo(content);
        }
        content.writeBytes(code);
        byte[] bytes = content.toByteArray();
        ByteWriter out = new ByteWriter(bytes.length + 5);
        out.writeUnsigned(bytes.length).writeBytes(bytes);
        return out.toByteArray();
    }
}
