package dev.wasmbridge.wasmeh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instruments a module for deterministic fuel metering: a counter, charged with the number of
 * instructions of each straight-line segment of code when the segment starts, and checked at
 * loop heads and at the entries of functions that call, where the module traps ({@code unreachable}) once
 * the counter is negative. The same call with the same input so uses the same fuel on every machine and engine.
 *
 * <p>The counter is a new mutable {@code i64} global, appended after the module's own globals (so
 * their indices do not change) and exported as {@value #FUEL_EXPORT}; its initial value is
 * {@link Long#MAX_VALUE}. The host sets it before a call and reads it afterwards: fuel used is the
 * difference, and a trap with the counter negative is the exhaustion of the fuel.
 *
 * <p>The cost model. A body is cut into segments; a segment starts
 *
 * <ul>
 *   <li>at the function's entry (a <em>check point</em> when the function calls a function that is not
 *       flat, or calls indirectly, or tail-calls: only such a function can be part of a recursion),
 *   <li>after {@code loop}: the loop head, which every iteration passes (a check point),
 *   <li>after {@code if} and after {@code else}: the arms,
 *   <li>after every {@code end} but the function's last: where branches to a block, catch clauses
 *       and the false arm of an {@code if} without {@code else} arrive,
 * </ul>
 *
 * <p>and runs up to the start of the next segment. Its cost is its number of instructions, the
 * {@code loop}, {@code if}, {@code else} or {@code end} that ends it included, counting every
 * instruction as 1 (no weights: an {@code i32.add} and a {@code call} cost the same).
 * {@code block} and {@code try_table} do not start a segment: nothing branches to where their
 * body begins. A segment is charged in full when it starts, before any of its instructions run:
 * instructions after a branch taken in its middle (a {@code br_if}, a {@code br_table}, a trap, a
 * call that throws) are charged anyway. At a check point the charge comes first, then the check:
 * {@code if (counter < 0) unreachable}. Every segment costs at least 1, so a loop or a recursion
 * (tail calls included) that does not end passes a check point with the counter negative after a
 * bounded number of steps. Straight-line code between two check points may take the counter below
 * zero without trapping; the host may check the counter after the call too. The inserted code is not
 * counted.
 *
 * <p><em>Flat</em> functions are charged at their calls instead: a function without {@code loop}, indirect
 * or tail calls, {@code throw}, {@code throw_ref} or {@code try_table}, whose calls all name flat functions
 * (no import, not itself), that only direct calls name (not an export, the start function, an element
 * segment or a {@code ref.func}: {@link ModuleIndex#referencedFunctions()}) and whose cost is at most
 * {@value #FLAT_COST_LIMIT}. Its cost is its number of instructions plus its callees' costs, an upper bound
 * of what it runs (each of its instructions runs at most once per call); it is added to the segment of each
 * {@code call} or {@code return_call} of it, and the flat function itself is left as it is. Small helpers
 * (a 128-bit multiply, a checked add) so cost no counter traffic at all.
 *
 * <p>Where the counter is. Chicory compiles a global access to a call through the instance, a local to a
 * JVM local; so each function keeps the counter in a local of its own, and the global is exact only where
 * the rest of the module or the host may read it:
 *
 * <ul>
 *   <li>a function that only direct calls name, is not flat, does not tail-call itself and has fewer than
 *       {@value #PASSED_PARAMETER_LIMIT} parameters is <em>passed</em> the counter: an {@code i64}
 *       parameter added after its own (its declared locals move up by one), which its callers push instead
 *       of writing the counter back. One without results, that makes no tail call, that no {@code
 *       return_call} names, that no {@code br_table} leaves and whose label no catch clause names also
 *       <em>returns</em> the counter, as its only result, which its callers take instead of loading the
 *       global; so a call between two such functions moves the counter on the operand stack only;
 *   <li>any other function has an {@code i64} local added after its locals and loads the global into it at
 *       its entry;
 *   <li>a function loads the global after every {@code call} (but of a flat or returning function), {@code
 *       call_indirect} and {@code call_ref} (the callee, or the host, charged the global);
 *   <li>it writes the counter back to the global before every {@code call} (but of a passed function, or a
 *       flat one that cannot trap with {@code unreachable}), {@code call_indirect}, {@code call_ref}, {@code
 *       return_call*} (but of a passed function), {@code return}, branch to the function's own label,
 *       {@code throw}, {@code throw_ref} and {@code unreachable}, before its final {@code end}, and before
 *       the trap of an exhausted check, but where it returns the counter instead;
 *   <li>where a {@code try_table}'s catch clause may arrive (after the {@code end} of the block, {@code if}
 *       or {@code try_table} it names, at the head of a loop it names, and at the final {@code end} for the
 *       function's label), the current value is the lower of the local and the global: the thrower wrote
 *       the global back, the local still holds its value before the call or {@code throw}, and a branch or
 *       fall-through arriving there has the local current and the global older. The counter only goes
 *       down, so the lower one is current either way.
 * </ul>
 *
 * <p>So between outermost calls the global is exact, and a host function a module calls sees the counter of
 * that call, charges included up to the segment that makes the call. A trap other than {@code unreachable}
 * and
 * the counter's own (a memory access out of bounds, a division by zero, a stack overflow) leaves the global
 * at its last write-back. A function that may tail-call itself (a {@code return_call} of its own index, any
 * {@code return_call_indirect} or {@code return_call_ref}) keeps the counter in the global: Chicory
 * 1.7.5's interpreter runs a tail call to the same function in the caller's frame and copies only the
 * arguments into it, which fails once the function has a local that its type does not declare.
 *
 * <p>The instrumented code is
 *
 * <pre>
 * global.get $fuel  local.set $f                                         ;; entry, after calls
 * local.get $f  i64.const cost  i64.sub  local.set $f                    ;; every segment
 * local.get $f  i64.const cost  i64.sub  local.tee $f                    ;; a segment at a check point,
 *   i64.const 0  i64.lt_s  if  local.get $f  global.set $fuel  unreachable  end   ;; then its check
 * local.get $f  global.set $fuel                                         ;; write-back
 * global.get $fuel  local.get $f  global.get $fuel  local.get $f  i64.lt_s  select  local.set $f
 *                                                                        ;; where a catch may arrive
 * local.get $f  call $passed                                             ;; a call passing the counter
 * local.get $f  call $returning  local.set $f                            ;; and taking it back
 * local.get $f  return                                                   ;; a returning function's exit
 * if  local.get $f  return  end                                          ;; its br_if to its own label
 * </pre>
 *
 * <p>and, in a function that may tail-call itself, {@code global.get $fuel  i64.const cost  i64.sub
 * global.set $fuel} per segment and {@code global.get $fuel  i64.const 0  i64.lt_s  if  unreachable  end}
 * at check points.
 *
 * <p>A module in legacy exception-handling form is translated to the exnref form first
 * ({@link LegacyEh#translate(byte[])}), so the costs are those of its exnref form; other sections
 * are copied as they are, but for a name section's local names of the passed functions (their declared
 * locals move up by one, and the counter's parameter is named {@value #FUEL_EXPORT}). Instrument before {@link FunctionSplitter#split(byte[])}: the code the
 * splitter moves keeps its charges, and the split sees the final size of every function.
 *
 * <pre>{@code
 * byte[] runnable = FunctionSplitter.split(FuelMeter.instrument(wasm));
 * }</pre>
 */
public final class FuelMeter {
    /** The name the counter global is exported under. */
    public static final String FUEL_EXPORT = "wasmbridge_fuel";

    /**
     * The highest cost of a flat function (see the class description): a function that could cost more is
     * charged by its segments instead.
     */
    static final long FLAT_COST_LIMIT = 1_000;

    /**
     * The counter is passed to a function with fewer parameters than this (a JVM method takes at most 255
     * slots, and the engine compiles a function to one).
     */
    static final int PASSED_PARAMETER_LIMIT = 64;

    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int I64_CONST = 0x42;
    private static final int I64_SUB = 0x7D;
    private static final int I64_LT_S = 0x53;
    private static final int EMPTY_BLOCK_TYPE = 0x40;
    private static final int UNREACHABLE = 0x00;
    private static final int THROW = 0x08;
    private static final int CALL_REF = 0x14;
    private static final int SELECT = 0x1B;
    private static final int I64 = 0x7E;
    private static final int MUTABLE = 0x01;
    private static final int GLOBAL_KIND = 0x03;

    /** Sections that come after the global section, in the order the binary format gives them. */
    private static final List<Integer> AFTER_GLOBALS = List.of(
            SectionId.EXPORT, SectionId.START, SectionId.ELEMENT, SectionId.DATA_COUNT, SectionId.CODE, SectionId.DATA);

    private FuelMeter() {}

    /**
     * Instruments a module (see the class description).
     *
     * @param module a WebAssembly binary module, in exnref or legacy exception-handling form
     * @return the instrumented module, in exnref form
     * @throws MalformedWasmException if the module is malformed, uses a global index it does not
     *     define, or already exports {@value #FUEL_EXPORT}
     */
    public static byte[] instrument(byte[] module) {
        return instrument(module, true);
    }

    /**
     * As {@link #instrument(byte[])}; without {@code passCounter}, every function that is not flat keeps the
     * counter in a local loaded from the global (the same fuel, moved another way: what the tests compare).
     */
    static byte[] instrument(byte[] module, boolean passCounter) {
        WasmModule parsed = LegacyEh.translate(WasmModule.parse(module));
        return new Instrumentation(parsed, passCounter).write();
    }

    /**
     * Tells whether a module exports {@value #FUEL_EXPORT}, as every module {@link #instrument}
     * made does.
     *
     * @param module a WebAssembly binary module
     * @return true when the module has an export of that name
     * @throws MalformedWasmException if the module is malformed
     */
    public static boolean isInstrumented(byte[] module) {
        WasmModule parsed = WasmModule.parse(module);
        for (Section section : parsed.sections()) {
            if (section.id() == SectionId.EXPORT && exportOffset(section, FUEL_EXPORT) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Where export {@code name} starts in the module, or -1 when the export section has none. */
    private static int exportOffset(Section section, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        ByteReader reader = new ByteReader(section.module(), section.payloadStart(), section.end());
        int count = reader.readCount("export", 3);
        for (int i = 0; i < count; i++) {
            int at = reader.position();
            int nameStart = reader.readByteVector("export name");
            boolean same = reader.position() - nameStart == wanted.length
                    && Arrays.equals(section.module(), nameStart, reader.position(), wanted, 0, wanted.length);
            reader.readByte("export kind");
            reader.readU32("export index");
            if (same) {
                return at;
            }
        }
        return -1;
    }

    /** The instrumentation of one module. */
    private static final class Instrumentation {
        private final WasmModule module;
        private final byte[] bytes;
        private final ModuleIndex index;
        private final int importedFunctions;
        private int importedGlobals;
        private int definedGlobals;
        /** The index of the counter: after every global the module imports or defines. */
        private final int fuelGlobal;

        /** Whether the functions that may be passed the counter are (see {@link #analyse}). */
        private final boolean passCounter;

        /** The types the passed functions take (see {@link #analyse}). */
        private final TypePool types;

        /** Per defined function: its instructions, final end included. */
        private List<List<Instruction>> code;

        /** Per defined function: its cost when it is flat, else -1. */
        private long[] flatCosts;

        /**
         * Per flat function: whether it may trap with {@code unreachable} (it has one, or calls a flat function
         * that may). Its callers write the counter back before calling it, so that the host sees the counter
         * of that trap as of any other {@code unreachable}.
         */
        private boolean[] flatTraps;

        /** Per defined function: the type index it takes when the counter is passed to it, else -1. */
        private int[] passedTypes;

        /** Per defined function: whether it keeps the counter in the global. */
        private boolean[] inGlobal;

        /** Per defined function: whether it is passed the counter and returns it (as its only result). */
        private boolean[] returning;

        Instrumentation(WasmModule module, boolean passCounter) {
            this.module = module;
            this.passCounter = passCounter;
            this.bytes = module.bytes();
            this.index = module.index();
            this.importedFunctions =
                    index.functionTypeIndices().size() - index.bodies().size();
            for (Section section : module.sections()) {
                if (section.id() == SectionId.IMPORT) {
                    countImportedGlobals(section);
                } else if (section.id() == SectionId.GLOBAL) {
                    definedGlobals =
                            new ByteReader(bytes, section.payloadStart(), section.end()).readCount("global", 3);
                } else if (section.id() == SectionId.EXPORT) {
                    int taken = exportOffset(section, FUEL_EXPORT);
                    if (taken >= 0) {
                        throw new MalformedWasmException(
                                "the module already exports '" + FUEL_EXPORT + "', the name fuel metering"
                                        + " reserves for its counter (is it instrumented already?)",
                                taken);
                    }
                }
            }
            this.fuelGlobal = importedGlobals + definedGlobals;
            this.types = new TypePool(index);
        }

        private void countImportedGlobals(Section section) {
            ByteReader reader = new ByteReader(bytes, section.payloadStart(), section.end());
            int count = reader.readCount("import", 4);
            for (int i = 0; i < count; i++) {
                reader.readByteVector("import module name");
                reader.readByteVector("import name");
                int kind = reader.readByte("import kind");
                switch (kind) {
                    case 0x00:
                        reader.readU32("function type index");
                        break;
                    case 0x01:
                        ModuleDecoder.readTableType(reader);
                        break;
                    case 0x02:
                        ModuleDecoder.readLimits(reader);
                        break;
                    case 0x03:
                        ModuleDecoder.readGlobalType(reader);
                        importedGlobals++;
                        break;
                    default: // 0x04, a tag (the decoder has refused any other kind)
                        reader.readByte("tag attribute");
                        reader.readU32("tag type index");
                }
            }
        }

        byte[] write() {
            analyse();
            List<Section> sections = new ArrayList<>(module.sections());
            boolean globals = false;
            boolean exports = false;
            for (int i = 0; i < sections.size(); i++) {
                Section section = sections.get(i);
                if (section.id() == SectionId.FUNCTION) {
                    sections.set(i, functionSection(section));
                } else if (section.customName().filter("name"::equals).isPresent()) {
                    sections.set(i, NameSection.withInsertedLocal(section, counterParameters(), FUEL_EXPORT));
                } else if (section.id() == SectionId.GLOBAL) {
                    sections.set(i, globalSection(section));
                    globals = true;
                } else if (section.id() == SectionId.EXPORT) {
                    sections.set(i, exportSection(section));
                    exports = true;
                } else if (section.id() == SectionId.CODE) {
                    sections.set(i, codeSection(section));
                }
            }
            List<FuncType> appended = types.appendedTypes();
            if (!appended.isEmpty()) { // a module with functions has a type section
                sections.set(
                        index.typeSection(),
                        ModuleTranslator.typeSection(bytes, index, sections.get(index.typeSection()), appended));
            }
            if (!globals) {
                sections.add(firstOf(sections, AFTER_GLOBALS), globalSection(null));
            }
            if (!exports) {
                sections.add(firstOf(sections, AFTER_GLOBALS.subList(1, AFTER_GLOBALS.size())), exportSection(null));
            }
            ByteWriter out = new ByteWriter(bytes.length + bytes.length / 4 + 64);
            out.writeBytes(bytes, 0, 8);
            for (Section section : sections) {
                section.writeTo(out);
            }
            return out.toByteArray();
        }

        /** The position of the first non-custom section with one of {@code ids}, or the end. */
        private static int firstOf(List<Section> sections, List<Integer> ids) {
            for (int i = 0; i < sections.size(); i++) {
                if (!sections.get(i).isCustom() && ids.contains(sections.get(i).id())) {
                    return i;
                }
            }
            return sections.size();
        }

        /** The global section with the counter appended: {@code (global (mut i64) (i64.const MAX))}. */
        private Section globalSection(Section original) {
            ByteWriter payload = new ByteWriter();
            payload.writeUnsigned(definedGlobals + 1L);
            if (original != null) {
                ByteReader reader = new ByteReader(bytes, original.payloadStart(), original.end());
                reader.readU32("global count");
                payload.writeBytes(bytes, reader.position(), original.end());
            }
            payload.writeByte(I64).writeByte(MUTABLE);
            payload.writeByte(I64_CONST).writeSigned(Long.MAX_VALUE).writeByte(Opcodes.END);
            return Section.of(SectionId.GLOBAL, payload.toByteArray());
        }

        /** The export section with the counter's export appended. */
        private Section exportSection(Section original) {
            ByteWriter payload = new ByteWriter();
            long count = 0;
            int entriesStart = -1;
            if (original != null) {
                ByteReader reader = new ByteReader(bytes, original.payloadStart(), original.end());
                count = reader.readU32("export count");
                entriesStart = reader.position();
            }
            payload.writeUnsigned(count + 1);
            if (original != null) {
                payload.writeBytes(bytes, entriesStart, original.end());
            }
            byte[] name = FUEL_EXPORT.getBytes(StandardCharsets.UTF_8);
            payload.writeUnsigned(name.length).writeBytes(name);
            payload.writeByte(GLOBAL_KIND).writeUnsigned(fuelGlobal);
            return Section.of(SectionId.EXPORT, payload.toByteArray());
        }

        /**
         * Decodes every body and decides how each function keeps its counter: flat (none: its callers pay),
         * passed (a parameter), in a local or in the global; and the type of each passed function.
         */
        private void analyse() {
            List<FunctionBody> bodies = index.bodies();
            code = new ArrayList<>(bodies.size());
            for (FunctionBody body : bodies) {
                code.add(decode(body));
            }
            flatCosts = flatCosts(code);
            passedTypes = new int[bodies.size()];
            Arrays.fill(passedTypes, -1);
            inGlobal = new boolean[bodies.size()];
            returning = new boolean[bodies.size()];
            boolean[] tailCalled = new boolean[bodies.size()];
            for (List<Instruction> instructions : code) {
                for (Instruction instruction : instructions) {
                    if (instruction.opcode() == Opcodes.RETURN_CALL && callee(instruction) >= importedFunctions) {
                        tailCalled[(int) (callee(instruction) - importedFunctions)] = true;
                    }
                }
            }
            for (int k = 0; k < bodies.size(); k++) {
                FunctionBody body = bodies.get(k);
                List<Instruction> instructions = code.get(k);
                inGlobal[k] = flatCosts[k] < 0 && mayTailCallItself(body, instructions);
                if (!passCounter
                        || flatCosts[k] >= 0
                        || inGlobal[k]
                        || index.referencedFunctions().contains(importedFunctions + (long) k)) {
                    continue;
                }
                FuncType type =
                        index.functionType(body.typeIndex(), "function " + (importedFunctions + k), body.codeStart());
                if (type.params().size() >= PASSED_PARAMETER_LIMIT) {
                    continue;
                }
                List<ValueType> params = FuncType.concat(type.params(), List.of(ValueType.I64));
                returning[k] = type.results().isEmpty() && !tailCalled[k] && mayReturnCounter(instructions);
                passedTypes[k] =
                        types.indexOf(new FuncType(params, returning[k] ? List.of(ValueType.I64) : type.results()));
            }
        }

        /**
         * Whether a passed function without results can return the counter as its result: it makes no tail
         * call (its callee would have to return the counter too), no {@code br_table} leaves it (one target
         * would carry the counter and the others not) and no catch clause names its label (a caught exception
         * would arrive there without the counter).
         */
        private static boolean mayReturnCounter(List<Instruction> instructions) {
            Labels labels = new Labels(instructions);
            if (labels.functionLanding) {
                return false;
            }
            for (int i = 0; i < instructions.size(); i++) {
                int opcode = instructions.get(i).opcode();
                if (opcode == Opcodes.RETURN_CALL
                        || opcode == Opcodes.RETURN_CALL_INDIRECT
                        || opcode == Opcodes.RETURN_CALL_REF
                        || (opcode == Opcodes.BR_TABLE && labels.leavesFunction[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Per passed function (its index in the module), the index of the counter's parameter. */
        private Map<Integer, Integer> counterParameters() {
            Map<Integer, Integer> parameters = new HashMap<>();
            List<FunctionBody> bodies = index.bodies();
            for (int k = 0; k < bodies.size(); k++) {
                if (passedTypes[k] >= 0) {
                    FuncType type = index.functionType(bodies.get(k).typeIndex(), "function", 0);
                    parameters.put(importedFunctions + k, type.params().size());
                }
            }
            return parameters;
        }

        /** The function section with the types of the passed functions. */
        private Section functionSection(Section original) {
            ByteReader reader = new ByteReader(bytes, original.payloadStart(), original.end());
            int count = reader.readCount("function", 1);
            ByteWriter payload = new ByteWriter(original.payloadSize() + 16);
            payload.writeUnsigned(count);
            for (int k = 0; k < count; k++) {
                long type = reader.readU32("function type index");
                payload.writeUnsigned(passedTypes[k] >= 0 ? passedTypes[k] : type);
            }
            return Section.of(SectionId.FUNCTION, payload.toByteArray());
        }

        private Section codeSection(Section original) {
            ByteWriter payload = new ByteWriter(original.payloadSize() + original.payloadSize() / 2);
            payload.writeBytes(bytes, original.payloadStart(), index.codeCountEnd());
            List<FunctionBody> bodies = index.bodies();
            for (int k = 0; k < bodies.size(); k++) {
                FunctionBody body = bodies.get(k);
                if (flatCosts[k] >= 0) { // its callers pay for it
                    payload.writeBytes(bytes, body.entryStart(), body.end());
                    continue;
                }
                byte[] instrumented = instrumentBody(body, code.get(k));
                byte[] locals = inGlobal[k] || passedTypes[k] >= 0
                        ? Arrays.copyOfRange(bytes, body.localsStart(), body.codeStart())
                        : localsWithCounter(body);
                payload.writeUnsigned((long) locals.length + instrumented.length);
                payload.writeBytes(locals);
                payload.writeBytes(instrumented);
            }
            return Section.of(SectionId.CODE, payload.toByteArray());
        }

        /**
         * Per defined function, its cost when it is <em>flat</em>, else -1. A function is flat when it runs a
         * bounded number of instructions and nothing outside the module can enter it or watch the counter
         * while it runs: it has no {@code loop}, calls nothing but flat functions with direct {@code call}s (no
         * import, no indirect or tail call), throws nothing and catches nothing ({@code throw}, {@code
         * throw_ref}, {@code try_table}), and only direct calls name it (it is not in {@link
         * ModuleIndex#referencedFunctions()}). Its cost is its number of instructions, final {@code end}
         * included, plus the cost of the callee of each of its calls; a function of cost over {@value
         * #FLAT_COST_LIMIT} is not flat (it would be charged far more than the path it takes).
         *
         * <p>Worked out callees first (Kahn's order over the calls between candidates), so a long chain of
         * calls costs no deep recursion; functions calling each other never become flat.
         */
        private long[] flatCosts(List<List<Instruction>> code) {
            int count = code.size();
            long[] cost = new long[count];
            boolean[] candidate = new boolean[count];
            List<List<Integer>> callees = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                List<Integer> calls = new ArrayList<>();
                candidate[k] = !index.referencedFunctions().contains(importedFunctions + (long) k)
                        && flatShape(code.get(k), k, calls);
                callees.add(calls);
            }
            int[] waiting = new int[count]; // per candidate, its calls whose callee is not costed yet
            List<List<Integer>> callers = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                callers.add(new ArrayList<>());
            }
            for (int k = 0; k < count; k++) {
                cost[k] = code.get(k).size();
                for (int callee : callees.get(k)) {
                    candidate[k] &= candidate[callee];
                }
            }
            int[] ready = new int[count];
            int readyCount = 0;
            for (int k = 0; k < count; k++) {
                if (!candidate[k]) {
                    continue;
                }
                for (int callee : callees.get(k)) {
                    callers.get(callee).add(k);
                }
                waiting[k] = callees.get(k).size();
                if (waiting[k] == 0) {
                    ready[readyCount++] = k;
                }
            }
            long[] flat = new long[count];
            Arrays.fill(flat, -1);
            flatTraps = new boolean[count];
            for (int next = 0; next < readyCount; next++) {
                int k = ready[next];
                if (cost[k] > FLAT_COST_LIMIT) {
                    continue; // too big: its callers wait for it forever
                }
                flat[k] = cost[k];
                boolean traps = code.get(k).stream().anyMatch(instruction -> instruction.opcode() == UNREACHABLE);
                for (int callee : callees.get(k)) {
                    traps |= flatTraps[callee]; // costed, so flat, before k
                }
                flatTraps[k] = traps;
                for (int caller : callers.get(k)) {
                    cost[caller] = Math.min(cost[caller] + cost[k], FLAT_COST_LIMIT + 1);
                    if (--waiting[caller] == 0) {
                        ready[readyCount++] = caller;
                    }
                }
            }
            return flat;
        }

        /**
         * Whether the body of defined function {@code k} has the shape of a flat function (see {@link
         * #flatCosts}); adds the callee (a defined index) of each of its calls to {@code calls}.
         */
        private boolean flatShape(List<Instruction> instructions, int k, List<Integer> calls) {
            for (Instruction instruction : instructions) {
                switch (instruction.opcode()) {
                    case Opcodes.LOOP:
                    case Opcodes.CALL_INDIRECT:
                    case CALL_REF:
                    case Opcodes.RETURN_CALL:
                    case Opcodes.RETURN_CALL_INDIRECT:
                    case Opcodes.RETURN_CALL_REF:
                    case THROW:
                    case Opcodes.THROW_REF:
                    case Opcodes.TRY_TABLE:
                        return false;
                    case Opcodes.CALL:
                        long callee = callee(instruction) - importedFunctions;
                        if (callee < 0 || callee == k) {
                            return false; // an import, or itself
                        }
                        calls.add((int) callee);
                        break;
                    default:
                        break;
                }
            }
            return true;
        }

        /** The function index a {@code call} or {@code return_call} names. */
        private long callee(Instruction instruction) {
            return new ByteReader(bytes, instruction.start() + 1, instruction.end()).readU32("function");
        }

        /**
         * The cost of the flat function a {@code call} or {@code return_call} names, or -1 for another call or
         * instruction.
         */
        private long flatCallCost(Instruction instruction) {
            if (instruction.opcode() != Opcodes.CALL && instruction.opcode() != Opcodes.RETURN_CALL) {
                return -1;
            }
            long callee = callee(instruction) - importedFunctions;
            return callee < 0 ? -1 : flatCosts[(int) callee];
        }

        /**
         * Whether a function may tail-call itself: a {@code return_call} of its own index, or any {@code
         * return_call_indirect} or {@code return_call_ref}. Chicory 1.7.5's interpreter runs such a call in
         * the caller's frame and copies only the arguments into it (StackFrame.reset), which fails once the
         * function has a local of its own; the counter of such a function stays in the global.
         */
        private boolean mayTailCallItself(FunctionBody body, List<Instruction> instructions) {
            long self = importedFunctions + (long) body.definedIndex();
            for (Instruction instruction : instructions) {
                int opcode = instruction.opcode();
                if (opcode == Opcodes.RETURN_CALL_INDIRECT || opcode == Opcodes.RETURN_CALL_REF) {
                    return true;
                }
                if (opcode == Opcodes.RETURN_CALL && callee(instruction) == self) {
                    return true;
                }
            }
            return false;
        }

        /** The locals declaration of {@code body} with one more group: {@code (local $fuel i64)}, the last local. */
        private byte[] localsWithCounter(FunctionBody body) {
            ByteWriter out = new ByteWriter(body.codeStart() - body.localsStart() + 8);
            out.writeUnsigned(body.localGroupCount() + 1L);
            out.writeBytes(bytes, body.localGroupsStart(), body.codeStart());
            out.writeUnsigned(1).writeByte(I64);
            return out.toByteArray();
        }

        /** The instructions of {@code body}, final end included, checked for what instrumenting needs. */
        private List<Instruction> decode(FunctionBody body) {
            String function = "function " + (importedFunctions + body.definedIndex());
            InstructionDecoder decoder = new InstructionDecoder(new ByteReader(bytes, body.codeStart(), body.end()));
            List<Instruction> instructions = new ArrayList<>();
            while (!decoder.atEnd()) {
                Instruction instruction = decoder.next();
                int opcode = instruction.opcode();
                if (Opcodes.isLegacyOnly(opcode)) {
                    throw new MalformedWasmException(
                            "legacy exception-handling instruction in " + function + " after translation",
                            instruction.start());
                }
                if (opcode == GLOBAL_GET || opcode == GLOBAL_SET) {
                    long global = new ByteReader(bytes, instruction.start() + 1, instruction.end()).readU32("global");
                    if (global >= fuelGlobal) {
                        // the counter takes this index: a module that used it was invalid, and must stay so
                        throw new MalformedWasmException(
                                "unknown global " + global + " in " + function, instruction.start());
                    }
                }
                if ((opcode == Opcodes.CALL || opcode == Opcodes.RETURN_CALL)
                        && callee(instruction) >= index.functionTypeIndices().size()) {
                    // the analysis of calls looks the callee up: a module that names no function there is invalid
                    throw new MalformedWasmException(
                            "unknown function " + callee(instruction) + " in " + function, instruction.start());
                }
                instructions.add(instruction);
            }
            return instructions;
        }

        /**
         * The instructions of {@code body} (final end included) with the charges and checks; the counter where
         * {@link #analyse} put it: the passed parameter, a new local, or the global throughout.
         */
        private byte[] instrumentBody(FunctionBody body, List<Instruction> instructions) {
            int k = body.definedIndex();
            String function = "function " + (importedFunctions + k);
            FuncType type = index.functionType(body.typeIndex(), function, body.codeStart());
            boolean passed = passedTypes[k] >= 0;
            int params = type.params().size();
            long local = inGlobal[k] ? -1 : passed ? params : params + body.localCount();
            Labels labels = new Labels(instructions);
            int n = instructions.size();
            Counter counter = new Counter(fuelGlobal, local);
            ByteWriter out = new ByteWriter(body.end() - body.codeStart() + n * 6 + 32);
            if (!passed) {
                counter.load(out);
            }
            int segmentStart = 0;
            boolean check = calls(instructions); // the function's entry
            for (int i = 0; i < n; i++) {
                if (i > 0 && labels.landing[i - 1]) {
                    counter.merge(out); // a catch clause may arrive here: the thrower wrote the counter back
                }
                if (i == segmentStart) {
                    int segmentEnd = segmentEnd(instructions, i);
                    long cost = segmentEnd - i + 1;
                    for (int j = i; j <= segmentEnd; j++) {
                        cost += Math.max(0, flatCallCost(instructions.get(j)));
                    }
                    counter.charge(out, cost, check);
                    segmentStart = segmentEnd + 1;
                    int opcode = instructions.get(segmentEnd).opcode();
                    check = opcode == Opcodes.LOOP;
                }
                Instruction instruction = instructions.get(i);
                int opcode = instruction.opcode();
                // a flat callee leaves the counter alone (the segment paid for it; the counter is written back
                // only for one that may trap); a passed one takes it
                boolean flatCall = opcode == Opcodes.CALL && flatCallCost(instruction) >= 0;
                boolean keepsCounter = flatCall && !flatTraps[(int) (callee(instruction) - importedFunctions)];
                boolean passing = passesCounter(instruction);
                boolean returnsCounter = returning[k];
                if (i == n - 1) {
                    if (returnsCounter) {
                        counter.value(out, labels.functionLanding); // the function's result
                    } else {
                        counter.store(out, labels.functionLanding); // the function's end
                    }
                } else if (returnsCounter && (opcode == Opcodes.RETURN || labels.leavesFunction[i])) {
                    if (opcode == Opcodes.BR_IF) { // br_if $function: if  local.get $fuel  return  end
                        out.writeByte(Opcodes.IF).writeByte(EMPTY_BLOCK_TYPE);
                        counter.value(out, false);
                        out.writeByte(Opcodes.RETURN);
                        out.writeByte(Opcodes.END);
                        continue;
                    }
                    counter.value(out, false); // a return, or a br to the function's label (no br_table)
                } else if ((leaves(opcode) && !keepsCounter && !passing) || labels.leavesFunction[i]) {
                    counter.store(out, false);
                }
                if (passing) {
                    counter.push(out);
                }
                if (passed
                        && (opcode == Opcodes.LOCAL_GET
                                || opcode == Opcodes.LOCAL_SET
                                || opcode == Opcodes.LOCAL_TEE)) {
                    // the counter's parameter comes after the others: the declared locals move up by one
                    long at = new ByteReader(bytes, instruction.start() + 1, instruction.end()).readU32("local");
                    out.writeByte(opcode).writeUnsigned(at < params ? at : at + 1);
                } else {
                    out.writeBytes(bytes, instruction.start(), instruction.end());
                }
                if (passing && returns(instruction)) {
                    counter.set(out); // the callee returned the counter
                } else if ((opcode == Opcodes.CALL && !flatCall)
                        || opcode == Opcodes.CALL_INDIRECT
                        || opcode == CALL_REF) {
                    counter.load(out); // the callee charged the global
                }
            }
            return out.toByteArray();
        }

        /** Whether a {@code call} names a function that returns the counter. */
        private boolean returns(Instruction instruction) {
            return instruction.opcode() == Opcodes.CALL && returning[(int) (callee(instruction) - importedFunctions)];
        }

        /** Whether an instruction is a {@code call} or {@code return_call} of a passed function. */
        private boolean passesCounter(Instruction instruction) {
            int opcode = instruction.opcode();
            if (opcode != Opcodes.CALL && opcode != Opcodes.RETURN_CALL) {
                return false;
            }
            long callee = callee(instruction) - importedFunctions;
            return callee >= 0 && passedTypes[(int) callee] >= 0;
        }

        /**
         * Whether a body calls a function that is not flat, or calls indirectly, or tail-calls: whether it may
         * be part of a recursion, which its entry's check stops. A body that only calls flat functions runs a
         * bounded number of instructions between its loop heads, which are checked.
         */
        private boolean calls(List<Instruction> instructions) {
            for (Instruction instruction : instructions) {
                int opcode = instruction.opcode();
                if (((opcode == Opcodes.CALL || opcode == Opcodes.RETURN_CALL) && flatCallCost(instruction) < 0)
                        || opcode == Opcodes.CALL_INDIRECT
                        || opcode == CALL_REF
                        || opcode == Opcodes.RETURN_CALL_INDIRECT
                        || opcode == Opcodes.RETURN_CALL_REF) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether an instruction leaves the function or makes the host see the counter: calls (the callee,
         * or the host, reads the global), returns, throws and {@code unreachable} (a trap).
         */
        private static boolean leaves(int opcode) {
            switch (opcode) {
                case UNREACHABLE:
                case THROW:
                case Opcodes.THROW_REF:
                case Opcodes.RETURN:
                case Opcodes.CALL:
                case Opcodes.CALL_INDIRECT:
                case CALL_REF:
                case Opcodes.RETURN_CALL:
                case Opcodes.RETURN_CALL_INDIRECT:
                case Opcodes.RETURN_CALL_REF:
                    return true;
                default:
                    return false;
            }
        }

        /** The index of the last instruction of the segment that starts at {@code start}. */
        private static int segmentEnd(List<Instruction> instructions, int start) {
            int last = instructions.size() - 1;
            for (int i = start; i < last; i++) {
                int opcode = instructions.get(i).opcode();
                if (opcode == Opcodes.LOOP || opcode == Opcodes.IF || opcode == Opcodes.ELSE || opcode == Opcodes.END) {
                    return i;
                }
            }
            return last;
        }
    }

    /**
     * The structure of one body as fuel metering needs it: the instructions that branch out of the function
     * (to its own label: a return), and the labels a {@code try_table}'s catch clause may branch to.
     */
    private static final class Labels {
        /** Per instruction: a branch with a target that is the function's label. */
        final boolean[] leavesFunction;

        /**
         * Per instruction: after it, a catch clause may arrive. The {@code end} of a block, {@code if} or
         * {@code try_table} whose label a catch clause names, or a {@code loop} whose label it names.
         */
        final boolean[] landing;

        /** Whether a catch clause names the function's label (it arrives at the final end). */
        boolean functionLanding;

        Labels(List<Instruction> instructions) {
            int n = instructions.size();
            leavesFunction = new boolean[n];
            landing = new boolean[n];
            // the open constructs, innermost last: the index of their opening instruction, -1 for the function
            int[] open = new int[n + 1];
            int depth = 0;
            open[depth++] = -1;
            int[] endOf = new int[n];
            boolean[] named = new boolean[n]; // the constructs whose label a catch clause names
            for (int i = 0; i < n; i++) {
                Instruction instruction = instructions.get(i);
                int opcode = instruction.opcode();
                for (CatchClause clause : instruction.catches()) { // resolved outside the try_table's own label
                    int target = open[depth - 1 - clause.label()];
                    if (target < 0) {
                        functionLanding = true;
                    } else {
                        named[target] = true;
                    }
                }
                if (opcode == Opcodes.BLOCK
                        || opcode == Opcodes.LOOP
                        || opcode == Opcodes.IF
                        || opcode == Opcodes.TRY_TABLE) {
                    open[depth++] = i;
                } else if (opcode == Opcodes.END) {
                    depth--;
                    if (depth > 0) {
                        endOf[open[depth]] = i;
                    }
                } else if (instruction.isBranch()) {
                    for (int label : instruction.labels()) {
                        if (label == depth - 1) {
                            leavesFunction[i] = true;
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (named[i]) { // a loop's label is its head; the others', their end
                    landing[instructions.get(i).opcode() == Opcodes.LOOP ? i : endOf[i]] = true;
                }
            }
        }
    }

    /**
     * The code that keeps the counter in a local of the function ({@code $fuel}) and writes it back to the
     * global ({@code $g}) where the rest of the module or the host may read it.
     */
    private static final class Counter {
        private final int global;
        private final long local;

        Counter(int global, long local) {
            this.global = global;
            this.local = local;
        }

        /** Pushes the counter, as the last argument of a call: {@code local.get $fuel} (or {@code global.get $g}). */
        void push(ByteWriter out) {
            if (local < 0) {
                out.writeByte(GLOBAL_GET).writeUnsigned(global);
            } else {
                out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
            }
        }

        /**
         * Pushes the counter as a function's result: {@code local.get $fuel}, or, where a catch clause may also
         * arrive, the lower of the local and the global (see {@link #merge}).
         */
        void value(ByteWriter out, boolean orLower) {
            if (orLower) {
                lower(out);
            } else {
                out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
            }
        }

        /** Takes the counter a callee returned: {@code local.set $fuel} (or {@code global.set $g}). */
        void set(ByteWriter out) {
            if (local < 0) {
                out.writeByte(GLOBAL_SET).writeUnsigned(global);
            } else {
                out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(local);
            }
        }

        /** {@code global.get $g  local.set $fuel}: at the entry and after a call. */
        void load(ByteWriter out) {
            if (local < 0) {
                return;
            }
            out.writeByte(GLOBAL_GET).writeUnsigned(global);
            out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(local);
        }

        /**
         * {@code local.get $fuel  global.set $g}, or, where a catch clause may also arrive, the lower of the
         * local and the global (see {@link #merge}).
         */
        void store(ByteWriter out, boolean orLower) {
            if (local < 0) {
                return;
            }
            if (orLower) {
                lower(out);
            } else {
                out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
            }
            out.writeByte(GLOBAL_SET).writeUnsigned(global);
        }

        /**
         * Where both a branch or fall-through (the local is current) and a catch clause (the global is: the
         * local holds its value before the call or throw, which charged the global more) may arrive: {@code
         * $fuel = min($fuel, $g)}, as {@code global.get $g  local.get $fuel  global.get $g  local.get $fuel
         * i64.lt_s  select  local.set $fuel}. The counter only goes down, so the lower one is current.
         */
        void merge(ByteWriter out) {
            if (local < 0) {
                return;
            }
            lower(out);
            out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(local);
        }

        private void lower(ByteWriter out) {
            out.writeByte(GLOBAL_GET).writeUnsigned(global);
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
            out.writeByte(GLOBAL_GET).writeUnsigned(global);
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
            out.writeByte(I64_LT_S);
            out.writeByte(SELECT);
        }

        /**
         * The charge of a segment of {@code cost} instructions, {@code local.get $fuel  i64.const cost  i64.sub
         * local.set $fuel}, and at a check point the check: {@code local.tee} instead of the {@code local.set},
         * then {@code i64.const 0  i64.lt_s  if  local.get $fuel  global.set $g  unreachable  end}.
         */
        void charge(ByteWriter out, long cost, boolean check) {
            if (local < 0) {
                chargeGlobal(out, cost, check);
                return;
            }
            out.writeByte(Opcodes.LOCAL_GET).writeUnsigned(local);
            out.writeByte(I64_CONST).writeSigned(cost);
            out.writeByte(I64_SUB);
            if (!check) {
                out.writeByte(Opcodes.LOCAL_SET).writeUnsigned(local);
                return;
            }
            out.writeByte(Opcodes.LOCAL_TEE).writeUnsigned(local);
            out.writeByte(I64_CONST).writeSigned(0);
            out.writeByte(I64_LT_S);
            out.writeByte(Opcodes.IF).writeByte(EMPTY_BLOCK_TYPE);
            store(out, false);
            out.writeByte(UNREACHABLE);
            out.writeByte(Opcodes.END);
        }

        /**
         * The charge and check of a function whose counter stays in the global: {@code global.get $g  i64.const
         * cost  i64.sub  global.set $g}, and at a check point {@code global.get $g  i64.const 0  i64.lt_s  if
         * unreachable  end}.
         */
        private void chargeGlobal(ByteWriter out, long cost, boolean check) {
            out.writeByte(GLOBAL_GET).writeUnsigned(global);
            out.writeByte(I64_CONST).writeSigned(cost);
            out.writeByte(I64_SUB);
            out.writeByte(GLOBAL_SET).writeUnsigned(global);
            if (check) {
                out.writeByte(GLOBAL_GET).writeUnsigned(global);
                out.writeByte(I64_CONST).writeSigned(0);
                out.writeByte(I64_LT_S);
                out.writeByte(Opcodes.IF).writeByte(EMPTY_BLOCK_TYPE);
                out.writeByte(UNREACHABLE);
                out.writeByte(Opcodes.END);
            }
        }
    }
}
