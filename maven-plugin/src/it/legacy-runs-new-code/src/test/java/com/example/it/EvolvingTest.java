package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EvolvingTest {
    @Test
    void runsTheVersionJustBuilt() {
        int expected = Integer.parseInt(System.getProperty("expected.version"));
        Evolving evolving = EvolvingBindings.create();
        assertEquals(expected, evolving.version());
        assertEquals("Hello, Java! (version " + expected + ")", evolving.greet("Java"));
    }
}
