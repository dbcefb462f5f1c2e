package dev.wasmbridge.wasmeh;

import dev.wasmbridge.wasmeh.CodeEmitter.ClauseTarget;
import dev.wasmbridge.wasmeh.CodeEmitter.Label;
import java.util.ArrayList;
import java.util.List;

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
    private int keptExceptions;
    private int exnLocals;

    private BodyTranslator(byte[] module, ModuleIndex index, TypePool types, FunctionBody body) {
        this.module = module;
        this.index = index;
        this.body = body;
        this.functionType = index.functionType(body.typeIndex(),
                "function " + body.definedIndex(), body.entryStart());
        this.instructions = decode(module, body);
        this.shapes = ControlStructure.analyse(instructions, body.definedIndex());
        this.targets = ExceptionTargets.analyse(instructions, shapes, body.definedIndex());
        this.emit = new CodeEmitter(module, types, (body.end() - body.codeStart()) * 2 + 64);
        this.firstNewLocal = functionType.params().size() + body.localCount();
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
            case Opcodes.BLOCK: case Opcodes.LOOP: case Opcodes.IF:
                scopes.add(new OutScope(Kind.PLAIN,
                        emit.openCopied(instruction.opcode(), instruction.blockType())));
                break;
            case Opcodes.TRY_TABLE:
                openTryTable(position, instruction);
                break;
            case Opcodes.TRY:
                openTry(position, instruction);
                break;
            case Opcodes.CATCH: case Opcodes.CATCH_ALL:
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
        OutScope scope = new OutScope(Kind.TRY_TABLE,
                emit.openTryTable(instruction.blockType(), clauses));
        scope.ownsHandlers = !clauses.isEmpty();
        scopes.add(scope);
        if (targets.isDelegateDestination(position)) {
            openDelegateDestination(scope, instruction);
        }
    }

    private void openTry(int position, Instruction instruction) {
        TryShape shape = shapes[position];
        if (shape.isDelegate()) {
            int target = resolve(shape.delegateDepth(), instruction);
            int destination = Scope.delegateDestination(scopes, target);
            ClauseTarget rethrowThere = new ClauseTarget(Opcodes.CATCH_ALL_REF_CLAUSE, -1,
                    scopes.get(destination).delegateBlock);
            OutScope scope = new OutScope(Kind.PLAIN,
                    emit.openTryTable(instruction.blockType(), List.of(rethrowThere)));
            scope.forwardsTo = destination;
            scopes.add(scope);
        } else if (!shape.hasCatches()) {
            scopes.add(new OutScope(Kind.PLAIN,
                    emit.openCopied(Opcodes.BLOCK, instruction.blockType())));
        } else {
            openTryWithCatches(position, instruction, shape);
        }
    }

    private void openTryWithCatches(int position, Instruction instruction, TryShape shape) {
        BlockType blockType = instruction.blockType();
        FuncType type = blockType.expand(index, instruction.start());
        boolean keep = targets.isRethrowTarget(position);
        int clauses = shape.catchTags().size();
        LegacyTry tryBlocks = new LegacyTry(clauses, keep);
        tryBlocks.outer = emit.openCopied(Opcodes.BLOCK, blockType);
        for (int j = clauses - 1; j >= 0; j--) {
            if (j < clauses - 1) {
                tryBlocks.exits[j] = emit.openCopied(Opcodes.BLOCK, blockType);
            }
            long tag = shape.catchTags().get(j);
            List<ValueType> delivered = tag == TryShape.CATCH_ALL
                    ? List.of() : index.tagParams(tag, instruction.start());
            if (keep) {
                delivered = FuncType.concat(delivered, List.of(ValueType.EXNREF));
            }
            tryBlocks.handlers[j] = emit.openBlock(type.withResults(delivered));
        }
        List<ClauseTarget> clauseTargets = new ArrayList<>(clauses);
        for (int j = 0; j < clauses; j++) {
            long tag = shape.catchTags().get(j);
            int kind = tag == TryShape.CATCH_ALL
                    ? (keep ? Opcodes.CATCH_ALL_REF_CLAUSE : Opcodes.CATCH_ALL_CLAUSE)
                    : (keep ? Opcodes.CATCH_REF_CLAUSE : Opcodes.CATCH_CLAUSE);
            clauseTargets.add(new ClauseTarget(kind, tag, tryBlocks.handlers[j]));
        }
        OutScope scope = new OutScope(Kind.LEGACY_TRY,
                emit.openTryTable(blockType, clauseTargets));
        scope.ownsHandlers = true;
        scope.legacyTry = tryBlocks;
        scopes.add(scope);
        if (targets.isDelegateDestination(position)) {
            openDelegateDestination(scope, instruction);
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
                scope.exnLocal = firstNewLocal + keptExceptions;
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

    private void openDelegateDestination(OutScope scope, Instruction instruction) {
        FuncType type = instruction.blockType().expand(index, instruction.start());
        scope.delegateBlock = emit.openBlock(exnrefBlock(type.params()));
        scope.exactBody = emit.openCopied(Opcodes.BLOCK, instruction.blockType());
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

    private byte[] encodeEntry(byte[] code) {
        ByteWriter entry = new ByteWriter(code.length + 16);
        if (exnLocals == 0) {
            entry.writeBytes(module, body.localsStart(), body.codeStart());
        } else {
            entry.writeUnsigned(body.localGroupCount() + 1L);
            entry.writeBytes(module, body.localGroupsStart(), body.codeStart());
            entry.writeUnsigned(exnLocals);
            ValueType.EXNREF.writeTo(entry);
        }
        entry.writeBytes(code);
        byte[] content = entry.toByteArray();
        ByteWriter sized = new ByteWriter(content.length + 5);
        sized.writeUnsigned(content.length).writeBytes(content);
        return sized.toByteArray();
    }

    private enum Kind { FUNCTION, PLAIN, TRY_TABLE, LEGACY_TRY }

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
