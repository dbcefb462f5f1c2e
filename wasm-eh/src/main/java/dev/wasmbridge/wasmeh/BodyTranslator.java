package dev.wasmbridge.wasmeh;

import dev.wasmbridge.wasmeh.CodeEmitter.ClauseTarget;
import dev.wasmbridge.wasmeh.CodeEmitter.Label;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites one function body from legacy exception handling to the exnref form.
 *
 * <p>A {@code try} with catch clauses {@code c0..cn-1} and block type {@code P -> R} becomes
 *
 * <pre>
 * block $outer (P -> R)
 *   block $c[n-1] (P -> L[n-1])
 *     block $e[n-2] (P -> R)
 *       ...
 *         block $e0 (P -> R)
 *           block $c0 (P -> L0)
 *             try_table (P -> R) (catch[_ref] tag $c0) ... (catch_all[_ref] $c[n-1])
 *               body
 *             end
 *             br $outer
 *           end
 *           [local.set $exn]  catch body 0   ;; falls into the end of $e0
 *         end
 *         br $outer
 *       ...
 *   end
 *   [local.set $exn]  catch body n-1        ;; falls into the end of $outer
 * end
 * </pre>
 *
 * where {@code Lj} is the tag's parameters (plus {@code exnref} when a {@code rethrow} targets
 * the try, in which case the exception is kept in a fresh exnref local and
 * {@code rethrow} becomes {@code local.get $exn; throw_ref}). Every catch body ends at the end
 * of a block typed {@code P -> R}, so the output is valid exactly when the input was.
 *
 * <p>{@code try ... delegate l} becomes {@code try_table (catch_all_ref $d) ... end}, where
 * {@code $d} is a block opened just inside the scope that catches what the label {@code l}
 * delegates to (the nearest try body or try_table at or outside {@code l}, or the function body
 * for the caller; reaching the body of another try-delegate continues at that one's
 * destination): {@code block $d (P -> exnref) block (P -> R) body end br $scope end
 * throw_ref}. The exception is thus re-thrown exactly where the legacy semantics put it.
 *
 * <p>A legacy {@code try} with block parameters {@code P} has them lowered to locals: its
 * parameters are stored with {@code local.set} before the blocks above open, every block of the
 * translation is typed {@code [] -> R} (handlers {@code [] -> Lj}), and the values are loaded back
 * with {@code local.get} at the start of the try body. So the output has no block with
 * parameters that the input did not have: engines get such blocks wrong (Chicory 1.7.5 clobbers
 * the value below a block with two parameters nested in another block; see
 * {@code EngineDeviationTest}). The locals are live only between the stores and the loads, so
 * one set, as many of each value type as the largest try needs, serves every try of the
 * function. A try whose parameters include a type without a default value (a non-nullable
 * reference, which cannot be a plain local) keeps its parameters.
 */
final class BodyTranslator {
    private final byte[] module;
    private final ModuleIndex index;
    private final FunctionBody body;
    private final List<Instruction> instructions;
    private final TryShape[] shapes;
    private final ExceptionTargets targets;
    private final CodeEmitter emit;
    private final List<OutScope> scopes = new ArrayList<>();
    private final long firstNewLocal;
    private final FuncType functionType;
    /** The value types of the locals that hold lowered try parameters, with their counts. */
    private final Map<ValueType, Integer> parameterLocals;
    /** Index of the first parameter local of each value type. */
    private final Map<ValueType, Long> firstParameterLocal = new HashMap<>();

    private final long firstExnLocal;
    private int keptExceptions;
    private int exnLocals;

    private BodyTranslator(byte[] module, ModuleIndex index, TypePool types, FunctionBody body) {
        this.module = module;
        this.index = index;
        this.body = body;
        this.functionType = index.functionType(body.typeIndex(), "function " + body.definedIndex(), body.entryStart());
        this.instructions = decode(module, body);
        this.shapes = ControlStructure.analyse(instructions, body.definedIndex());
        this.targets = ExceptionTargets.analyse(instructions, shapes, body.definedIndex());
        this.emit = new CodeEmitter(module, types, (body.end() - body.codeStart()) * 2 + 64);
        this.firstNewLocal = functionType.params().size() + body.localCount();
        this.parameterLocals = parameterLocals();
        long next = firstNewLocal;
        for (Map.Entry<ValueType, Integer> entry : parameterLocals.entrySet()) {
            firstParameterLocal.put(entry.getKey(), next);
            next += entry.getValue();
        }
        this.firstExnLocal = next;
    }

    /**
     * For each value type, the largest number of parameters of that type of one lowered try, in
     * the order the types first appear.
     */
    private Map<ValueType, Integer> parameterLocals() {
        Map<ValueType, Integer> locals = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.opcode() != Opcodes.TRY) {
                continue;
            }
            List<ValueType> params =
                    instruction.blockType().expand(index, instruction.start()).params();
            if (!lowersParameters(params)) {
                continue;
            }
            Map<ValueType, Integer> counts = new HashMap<>();
            for (ValueType type : params) {
                counts.merge(type, 1, Integer::sum);
            }
            for (ValueType type : params) {
                locals.merge(type, counts.get(type), Math::max);
            }
        }
        return locals;
    }

    private static boolean lowersParameters(List<ValueType> params) {
        return !params.isEmpty() && params.stream().allMatch(ValueType::isDefaultable);
    }

    /** Translates a body and returns its new code section entry (size, locals, code). */
    static byte[] translate(byte[] module, ModuleIndex index, TypePool types, FunctionBody body) {
        return new BodyTranslator(module, index, types, body).run();
    }

    private static List<Instruction> decode(byte[] module, FunctionBody body) {
        ByteReader reader = new ByteReader(module, body.codeStart(), body.end());
        InstructionDecoder decoder = new InstructionDecoder(reader);
        List<Instruction> result = new ArrayList<>();
        while (!decoder.atEnd()) {
            result.add(decoder.next());
        }
        return result;
    }

    private byte[] run() {
        OutScope function = new OutScope(Kind.FUNCTION, emit.openFunction());
        scopes.add(function);
        if (targets.functionIsDelegateDestination()) {
            function.delegateBlock = emit.openBlock(exnrefBlock(List.of()));
            function.exactBody = emit.openBlock(new FuncType(List.of(), functionType.results()));
        }
        for (int i = 0; i < instructions.size(); i++) {
            translate(i, instructions.get(i));
        }
        if (!emit.allClosed()) {
            throw new IllegalStateException("translation left blocks open");
        }
        return encodeEntry(emit.toByteArray());
    }

    private void translate(int position, Instruction instruction) {
        switch (instruction.opcode()) {
            case Opcodes.BLOCK:
            case Opcodes.LOOP:
            case Opcodes.IF:
                scopes.add(new OutScope(Kind.PLAIN, emit.openCopied(instruction.opcode(), instruction.blockType())));
                break;
            case Opcodes.TRY_TABLE:
                openTryTable(position, instruction);
                break;
            case Opcodes.TRY:
                openTry(position, instruction);
                break;
            case Opcodes.CATCH:
            case Opcodes.CATCH_ALL:
                startCatchClause(innermost());
                break;
            case Opcodes.DELEGATE:
                emit.close(innermost().branchTarget);
                scopes.remove(scopes.size() - 1);
                break;
            case Opcodes.END:
                closeScope(innermost());
                scopes.remove(scopes.size() - 1);
                break;
            case Opcodes.RETHROW: {
                OutScope target = scopes.get(resolve(instruction.index(), instruction));
                emit.opcode(Opcodes.LOCAL_GET);
                emit.unsigned(target.exnLocal);
                emit.opcode(Opcodes.THROW_REF);
                break;
            }
            default:
                if (instruction.isBranch()) {
                    List<Label> labels = new ArrayList<>(instruction.labels().size());
                    for (int depth : instruction.labels()) {
                        labels.add(scopes.get(resolve(depth, instruction)).branchTarget);
                    }
                    emit.branch(instruction, labels);
                } else {
                    emit.copy(instruction);
                }
                break;
        }
    }

    private OutScope innermost() {
        return scopes.get(scopes.size() - 1);
    }

    private int resolve(long depth, Instruction at) {
        return ExceptionTargets.resolve(scopes, depth, at, body.definedIndex());
    }

    private void openTryTable(int position, Instruction instruction) {
        List<ClauseTarget> clauses = new ArrayList<>();
        for (CatchClause clause : instruction.catches()) {
            Label target = scopes.get(resolve(clause.label(), instruction)).branchTarget;
            clauses.add(new ClauseTarget(clause.kind(), clause.tag(), target));
        }
        OutScope scope = new OutScope(Kind.TRY_TABLE, emit.openTryTable(instruction.blockType(), clauses));
        scope.ownsHandlers = !clauses.isEmpty();
        scopes.add(scope);
        if (targets.isDelegateDestination(position)) {
            openDelegateDestination(
                    scope,
                    new Block(
                            instruction.blockType(), instruction.blockType().expand(index, instruction.start()), null));
        }
    }

    private void openTry(int position, Instruction instruction) {
        TryShape shape = shapes[position];
        FuncType declared = instruction.blockType().expand(index, instruction.start());
        List<ValueType> lowered = lowersParameters(declared.params()) ? declared.params() : List.of();
        storeParameters(lowered);
        Block type = new Block(
                instruction.blockType(),
                declared,
                lowered.isEmpty() ? null : new FuncType(List.of(), declared.results()));
        if (shape.isDelegate()) {
            int target = resolve(shape.delegateDepth(), instruction);
            int destination = Scope.delegateDestination(scopes, target);
            ClauseTarget rethrowThere =
                    new ClauseTarget(Opcodes.CATCH_ALL_REF_CLAUSE, -1, scopes.get(destination).delegateBlock);
            OutScope scope = new OutScope(Kind.PLAIN, type.openTryTable(emit, List.of(rethrowThere)));
            scope.forwardsTo = destination;
            scopes.add(scope);
        } else if (!shape.hasCatches()) {
            scopes.add(new OutScope(Kind.PLAIN, type.openBlock(emit)));
        } else {
            openTryWithCatches(position, instruction, shape, type);
        }
        loadParameters(lowered);
    }

    /** Stores the parameters of a try in the parameter locals, the last one first. */
    private void storeParameters(List<ValueType> params) {
        long[] locals = parameterLocalsFor(params);
        for (int i = params.size() - 1; i >= 0; i--) {
            emit.opcode(Opcodes.LOCAL_SET);
            emit.unsigned(locals[i]);
        }
    }

    /** Loads the parameters of a try back from the parameter locals, at the start of its body. */
    private void loadParameters(List<ValueType> params) {
        for (long local : parameterLocalsFor(params)) {
            emit.opcode(Opcodes.LOCAL_GET);
            emit.unsigned(local);
        }
    }

    private long[] parameterLocalsFor(List<ValueType> params) {
        long[] locals = new long[params.size()];
        Map<ValueType, Integer> used = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ValueType type = params.get(i);
            locals[i] = firstParameterLocal.get(type) + used.getOrDefault(type, 0);
            used.merge(type, 1, Integer::sum);
        }
        return locals;
    }

    /** Opens the blocks of a try with catch clauses, of block type {@code type}. */
    private void openTryWithCatches(int position, Instruction instruction, TryShape shape, Block type) {
        boolean keep = targets.isRethrowTarget(position);
        int clauses = shape.catchTags().size();
        LegacyTry tryBlocks = new LegacyTry(clauses, keep);
        tryBlocks.outer = type.openBlock(emit);
        for (int j = clauses - 1; j >= 0; j--) {
            if (j < clauses - 1) {
                tryBlocks.exits[j] = type.openBlock(emit);
            }
            long tag = shape.catchTags().get(j);
            List<ValueType> delivered =
                    tag == TryShape.CATCH_ALL ? List.of() : index.tagParams(tag, instruction.start());
            if (keep) {
                delivered = FuncType.concat(delivered, List.of(ValueType.EXNREF));
            }
            tryBlocks.handlers[j] = emit.openBlock(type.expanded().withResults(delivered));
        }
        List<ClauseTarget> clauseTargets = new ArrayList<>(clauses);
        for (int j = 0; j < clauses; j++) {
            long tag = shape.catchTags().get(j);
            int kind = tag == TryShape.CATCH_ALL
                    ? (keep ? Opcodes.CATCH_ALL_REF_CLAUSE : Opcodes.CATCH_ALL_CLAUSE)
                    : (keep ? Opcodes.CATCH_REF_CLAUSE : Opcodes.CATCH_CLAUSE);
            clauseTargets.add(new ClauseTarget(kind, tag, tryBlocks.handlers[j]));
        }
        OutScope scope = new OutScope(Kind.LEGACY_TRY, type.openTryTable(emit, clauseTargets));
        scope.ownsHandlers = true;
        scope.legacyTry = tryBlocks;
        scopes.add(scope);
        if (targets.isDelegateDestination(position)) {
            openDelegateDestination(scope, type);
        }
    }

    private void startCatchClause(OutScope scope) {
        LegacyTry tryBlocks = scope.legacyTry;
        int clause = tryBlocks.clausesStarted;
        if (clause == 0) {
            closeDelegateDestination(scope);
            emit.close(scope.branchTarget);
            emit.branch(tryBlocks.outer);
            emit.close(tryBlocks.handlers[0]);
            scope.ownsHandlers = false;
            scope.branchTarget = tryBlocks.outer;
            if (tryBlocks.keepsException) {
                scope.exnLocal = firstExnLocal + keptExceptions;
                keptExceptions++;
                exnLocals = Math.max(exnLocals, keptExceptions);
            }
        } else {
            emit.close(tryBlocks.exits[clause - 1]);
            emit.branch(tryBlocks.outer);
            emit.close(tryBlocks.handlers[clause]);
        }
        if (tryBlocks.keepsException) {
            emit.opcode(Opcodes.LOCAL_SET);
            emit.unsigned(scope.exnLocal);
        }
        tryBlocks.clausesStarted++;
    }

    private void closeScope(OutScope scope) {
        switch (scope.kind) {
            case FUNCTION:
            case TRY_TABLE:
                closeDelegateDestination(scope);
                emit.close(scope.branchTarget);
                break;
            case LEGACY_TRY:
                emit.close(scope.legacyTry.outer);
                if (scope.legacyTry.keepsException) {
                    keptExceptions--;
                }
                break;
            default:
                emit.close(scope.branchTarget);
                break;
        }
    }

    private void openDelegateDestination(OutScope scope, Block type) {
        scope.delegateBlock = emit.openBlock(exnrefBlock(type.expanded().params()));
        scope.exactBody = type.openBlock(emit);
    }

    private void closeDelegateDestination(OutScope scope) {
        if (scope.delegateBlock == null) {
            return;
        }
        emit.close(scope.exactBody);
        emit.branch(scope.branchTarget);
        emit.close(scope.delegateBlock);
        emit.opcode(Opcodes.THROW_REF);
        scope.delegateBlock = null;
        scope.exactBody = null;
    }

    private static FuncType exnrefBlock(List<ValueType> params) {
        return new FuncType(params, List.of(ValueType.EXNREF));
    }

    /** The code section entry: the input's local groups, then the parameter and exnref locals. */
    private byte[] encodeEntry(byte[] code) {
        ByteWriter entry = new ByteWriter(code.length + 16);
        int newGroups = parameterLocals.size() + (exnLocals == 0 ? 0 : 1);
        if (newGroups == 0) {
            entry.writeBytes(module, body.localsStart(), body.codeStart());
        } else {
            entry.writeUnsigned((long) body.localGroupCount() + newGroups);
            entry.writeBytes(module, body.localGroupsStart(), body.codeStart());
            parameterLocals.forEach((type, count) -> {
                entry.writeUnsigned(count);
                type.writeTo(entry);
            });
            if (exnLocals > 0) {
                entry.writeUnsigned(exnLocals);
                ValueType.EXNREF.writeTo(entry);
            }
        }
        entry.writeBytes(code);
        byte[] content = entry.toByteArray();
        ByteWriter sized = new ByteWriter(content.length + 5);
        sized.writeUnsigned(content.length).writeBytes(content);
        return sized.toByteArray();
    }

    private enum Kind {
        FUNCTION,
        PLAIN,
        TRY_TABLE,
        LEGACY_TRY
    }

    /**
     * The block type the output blocks of one input block get: the input's, copied byte for byte,
     * or, when its parameters are lowered to locals, {@code [] -> R}.
     *
     * @param input the input's block type
     * @param declared its expansion
     * @param lowered the type without parameters, or null when they are not lowered
     */
    private record Block(BlockType input, FuncType declared, FuncType lowered) {
        /** The parameters and results of the output blocks. */
        FuncType expanded() {
            return lowered == null ? declared : lowered;
        }

        CodeEmitter.Label openBlock(CodeEmitter emit) {
            return lowered == null ? emit.openCopied(Opcodes.BLOCK, input) : emit.openBlock(lowered);
        }

        CodeEmitter.Label openTryTable(CodeEmitter emit, List<ClauseTarget> clauses) {
            return lowered == null ? emit.openTryTable(input, clauses) : emit.openTryTable(lowered, clauses);
        }
    }

    /** The output blocks of one legacy try with catch clauses. */
    private static final class LegacyTry {
        final Label[] handlers;
        final Label[] exits;
        final boolean keepsException;
        Label outer;
        int clausesStarted;

        LegacyTry(int clauses, boolean keepsException) {
            this.handlers = new Label[clauses];
            this.exits = new Label[Math.max(0, clauses - 1)];
            this.keepsException = keepsException;
        }
    }

    /** A scope of the input function and the output labels it corresponds to. */
    private static final class OutScope implements Scope {
        final Kind kind;
        Label branchTarget;
        boolean ownsHandlers;
        Label delegateBlock;
        Label exactBody;
        LegacyTry legacyTry;
        long exnLocal = -1;
        int forwardsTo = -1;

        OutScope(Kind kind, Label branchTarget) {
            this.kind = kind;
            this.branchTarget = branchTarget;
            this.ownsHandlers = kind == Kind.FUNCTION;
        }

        @Override
        public boolean ownsHandlers() {
            return ownsHandlers;
        }

        @Override
        public int forwardsTo() {
            return forwardsTo;
        }
    }
}
