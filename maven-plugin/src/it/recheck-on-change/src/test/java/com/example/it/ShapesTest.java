package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShapesTest {
    @Test
    void callsVersionOne() {
        Shapes shapes = ShapesBindings.create();
        assertEquals("(1, 2)", shapes.describe(new Point(1, 2)));
        assertEquals(42, shapes.twice(21));
    }
}
