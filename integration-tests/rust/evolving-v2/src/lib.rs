//! Version 2 of evolving-v1: `version` and `greet` keep their signatures and change what they do (bindings
//! compiled against version 1 may run this module); `Point` gains a field and `twice` takes an i64 (bindings
//! that use them must not).

wasmbridge::record! {
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Point { pub x: f64, pub y: f64, pub z: f64 }
}

wasmbridge::export! {
    /// Which version of the crate runs.
    fn version() -> i32 {
        2
    }

    fn greet(name: &str) -> String {
        format!("Hello, {name}! (version 2)")
    }

    fn describe(point: Point) -> String {
        format!("({}, {}, {})", point.x, point.y, point.z)
    }

    fn twice(value: i64) -> i64 {
        value * 2
    }
}
