package dev.wasmbridge.it.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Implements the objects fixture's imports with replaceable behaviour, and records what it got. */
class RecordingObjectsHost implements ObjectsHost {
    /** The tokens Rust gave to {@link #adopt}, with their notes. */
    final List<Token> adopted = new ArrayList<>();

    final List<Integer> notes = new ArrayList<>();

    /** The items {@link #tick} was called with. */
    final List<Integer> ticks = new ArrayList<>();

    /** What {@link #inspect} does; by default describes the token. */
    Function<Token, String> onInspect = token -> token.label() + "#" + token.id();

    /** What {@link #edit} does; by default relabels the token. */
    Consumer<Token> onEdit = token -> token.relabel("edited");

    @Override
    public String inspect(Token token) {
        return onInspect.apply(token);
    }

    @Override
    public void edit(Token token) {
        onEdit.accept(token);
    }

    @Override
    public void adopt(Token token, int note) {
        adopted.add(token);
        notes.add(note);
    }

    @Override
    public void tick(int i) {
        ticks.add(i);
    }
}
