package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/**
 * Second pass over a legacy function: resolves the labels of {@code delegate} and
 * {@code rethrow} (and checks every branch label), and records which scopes must re-throw
 * delegated exceptions and which tries must keep the caught exception for a rethrow.
 */
final class ExceptionTargets {
    private final boolean[] delegateDestinations;
    private final boolean[] rethrowTargets;
    private final boolean functionIsDelegateDestination;

    private ExceptionTargets(boolean[] destinations, boolean[] rethrows, boolean function) {
        this.delegateDestinations = destinations;
        this.rethrowTargets = rethrows;
        this.functionIsDelegateDestination = function;
    }

    /** True when some delegate sends its exception to the scope opened at {@code position}. */
    boolean isDelegateDestination(int position) {
        return delegateDestinations[position];
    }

    /** True when some delegate sends its exception to the caller of the function. */
    boolean functionIsDelegateDestination() {
        return functionIsDelegateDestination;
    }

    /** True when a rethrow targets the try opened at {@code position}. */
    boolean isRethrowTarget(int position) {
        return rethrowTargets[position];
    }

    static ExceptionTargets analyse(List<Instruction> instructions, TryShape[] shapes, int functionIndex) {
        boolean[] destinations = new boolean[instructions.size()];
        boolean[] rethrows = new boolean[instructions.size()];
        boolean function = false;
        List<PassScope> scopes = new ArrayList<>();
        scopes.add(new PassScope(-1, Kind.FUNCTION));
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            for (int label : instruction.labels()) {
                resolve(scopes, label, instruction, functionIndex);
            }
            switch (instruction.opcode()) {
                case Opcodes.BLOCK:
                case Opcodes.LOOP:
                case Opcodes.IF:
                    scopes.add(new PassScope(i, Kind.PLAIN));
                    break;
                case Opcodes.TRY_TABLE:
                    for (CatchClause clause : instruction.catches()) {
                        resolve(scopes, clause.label(), instruction, functionIndex);
                    }
                    scopes.add(new PassScope(i, instruction.catches().isEmpty() ? Kind.PLAIN : Kind.HANDLER));
                    break;
                case Opcodes.TRY: {
                    TryShape shape = shapes[i];
                    PassScope scope = new PassScope(i, shape.hasCatches() ? Kind.HANDLER : Kind.PLAIN);
                    if (shape.isDelegate()) {
                        int target = resolve(scopes, shape.delegateDepth(), instruction, functionIndex);
                        int destination = Scope.delegateDestination(scopes, target);
                        if (destination == 0) {
                            function = true;
                        } else {
                            destinations[scopes.get(destination).position] = true;
                        }
                        scope.forwardsTo = destination;
                    }
                    scopes.add(scope);
                    break;
                }
                case Opcodes.CATCH:
                case Opcodes.CATCH_ALL:
                    last(scopes).kind = Kind.CATCHING;
                    break;
                case Opcodes.RETHROW: {
                    int target = resolve(scopes, instruction.index(), instruction, functionIndex);
                    PassScope scope = scopes.get(target);
                    if (scope.kind != Kind.CATCHING) {
                        throw new MalformedWasmException(
                                "invalid rethrow label "
                                        + instruction.index() + " (not a catch block) in function "
                                        + functionIndex,
                                instruction.start());
                    }
                    rethrows[scope.position] = true;
                    break;
                }
                case Opcodes.END:
                case Opcodes.DELEGATE:
                    scopes.remove(scopes.size() - 1);
                    break;
                default:
                    break;
            }
        }
        return new ExceptionTargets(destinations, rethrows, function);
    }

    private static PassScope last(List<PassScope> scopes) {
        return scopes.get(scopes.size() - 1);
    }

    /** Returns the position in {@code scopes} of the scope a label depth refers to. */
    static int resolve(List<?> scopes, long depth, Instruction at, int functionIndex) {
        if (depth < 0 || depth >= scopes.size()) {
            throw new MalformedWasmException("unknown label " + depth + " in function " + functionIndex, at.start());
        }
        return scopes.size() - 1 - (int) depth;
    }

    private enum Kind {
        FUNCTION,
        PLAIN,
        HANDLER,
        CATCHING
    }

    /** A scope of this pass: where it was opened and what kind of scope it currently is. */
    private static final class PassScope implements Scope {
        final int position;
        Kind kind;
        int forwardsTo = -1;

        PassScope(int position, Kind kind) {
            this.position = position;
            this.kind = kind;
        }

        @Override
        public boolean ownsHandlers() {
            return kind == Kind.HANDLER || kind == Kind.FUNCTION;
        }

        @Override
        public int forwardsTo() {
            return forwardsTo;
        }
    }
}
