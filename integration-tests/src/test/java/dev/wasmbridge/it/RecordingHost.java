package dev.wasmbridge.it;

import java.util.ArrayList;
import java.util.List;

/** A {@link FixtureHost} that records what Rust passed it and answers predictably. */
class RecordingHost implements FixtureHost {
    final List<String> logged = new ArrayList<>();
    final List<String> greeted = new ArrayList<>();
    String greetingOverride;

    @Override
    public int hostAdd(int a, int b) {
        return a + b + 1000;
    }

    @Override
    public void log(String message) {
        logged.add(message);
    }

    @Override
    public String hostGreeting(String name) {
        greeted.add(name);
        return greetingOverride != null ? greetingOverride : "Java greets " + name;
    }

    @Override
    public byte[] transform(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = bytes[i];
            out[2 * i + 1] = (byte) ~bytes[i];
        }
        return out;
    }

    @Override
    public double hostScalars(long a, float b, double c, boolean d) {
        return d ? a + b + c : a - b - c;
    }
}
