package dev.wasmbridge.it.rich;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Implements the rich fixture's imports with simple, checkable transformations, and records what it got. */
class RecordingRichHost implements RichHost {
    final List<Object> received = new ArrayList<>();
    /** What {@link #poke()} does; by default nothing. */
    Consumer<RecordingRichHost> onPoke = host -> {};

    @Override
    public int[] hostInts(int[] values) {
        received.add(values.clone());
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] + 1;
        }
        return out;
    }

    @Override
    public Optional<String> hostOpt(Optional<String> x) {
        received.add(x);
        return x.map(s -> "[" + s + "]");
    }

    @Override
    public Point hostPoint(Point p) {
        received.add(p);
        return new Point(p.y(), p.x());
    }

    @Override
    public Color hostColor(Color c) {
        received.add(c);
        return c == Color.BLUE ? Color.RED : Color.BLUE;
    }

    @Override
    public List<String> hostWords(List<String> words) {
        received.add(words);
        List<String> out = new ArrayList<>(words);
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public int hostU32(int x) {
        received.add(x);
        return x ^ 0x8000_0000;
    }

    @Override
    public double[] hostDoubles(double[] values) {
        received.add(values.clone());
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }

    /** A circle becomes a square of its radius; any other shape a text naming its record. */
    @Override
    public Shape hostShape(Shape s) {
        received.add(s);
        return s instanceof Shape.Circle c
                ? new Shape.Rect(c.r(), c.r())
                : new Shape.Text("Java got " + s.getClass().getSimpleName(), Optional.empty());
    }

    /** The layer's focus, or else its last shape. */
    @Override
    public Optional<Shape> hostLayer(Layer l) {
        received.add(l);
        return l.focus()
                .or(() -> l.shapes().isEmpty()
                        ? Optional.empty()
                        : Optional.of(l.shapes().get(l.shapes().size() - 1)));
    }

    @Override
    public void poke() {
        onPoke.accept(this);
    }
}
