package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmImport;
import java.util.List;
import java.util.Optional;

/** The imports of the rich fixture: every rich type in the import direction. */
public interface RichHost {
    @WasmImport(module = "host")
    int[] hostInts(int[] values);

    @WasmImport(module = "host")
    Optional<String> hostOpt(Optional<String> x);

    @WasmImport(module = "host")
    Point hostPoint(Point p);

    @WasmImport(module = "host")
    Color hostColor(Color c);

    @WasmImport(module = "host")
    List<String> hostWords(List<String> words);

    @WasmImport(module = "host")
    @Unsigned
    int hostU32(@Unsigned int x);

    @WasmImport(module = "host")
    double[] hostDoubles(double[] values);

    @WasmImport(module = "host")
    void poke();

    @WasmImport(module = "host")
    Shape hostShape(Shape s);

    @WasmImport(module = "host")
    Optional<Shape> hostLayer(Layer l);
}
