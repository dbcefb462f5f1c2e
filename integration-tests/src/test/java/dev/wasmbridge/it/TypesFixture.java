package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;

/**
 * The exports of integration-tests/rust/types-fixture. Each build flavour binds it with its own {@code
 * @WasmModule} sub-interface ({@link TypesFixtureExnref}, {@link TypesFixtureLegacy}, {@link
 * TypesFixtureAbort}).
 */
public interface TypesFixture extends WasmBindings {
    @WasmExport
    int add(int a, int b);

    @WasmExport
    long mulLong(long a, long b);

    @WasmExport
    float half(float x);

    @WasmExport
    double hypotenuse(double x, double y);

    @WasmExport
    boolean negate(boolean b);

    @WasmExport
    boolean isPositive(int x);

    @WasmExport
    void nothing();

    @WasmExport(name = "f32_identity")
    float identity(float x);

    @WasmExport(name = "f64_identity")
    double identity(double x);

    @WasmExport
    String greet(String name);

    @WasmExport
    String echo(String text);

    @WasmExport
    String echoOwned(String text);

    @WasmExport
    int strLen(String text);

    @WasmExport
    int charCount(String text);

    @WasmExport
    String reverse(String text);

    @WasmExport
    String concat(String a, String b);

    @WasmExport
    String repeat(String text, int times);

    @WasmExport
    String emptyString();

    @WasmExport
    long byteSum(byte[] bytes);

    @WasmExport
    byte[] bytesReversed(byte[] bytes);

    @WasmExport
    byte[] bytesOwned(byte[] bytes);

    @WasmExport
    byte[] bytesOfLen(int len);

    @WasmExport
    int callHostAdd(int a, int b);

    @WasmExport
    void callHostLog(String message);

    @WasmExport
    String callHostGreeting(String name);

    @WasmExport
    byte[] callHostBytes(byte[] bytes);

    @WasmExport
    double callHostScalars(long a, float b, double c, boolean d);

    @WasmExport
    int counterNext();
}
