//! Version 1 of a crate whose next version (evolving-v2) changes. The tests compile bindings against this
//! module, then run or rebuild them with version 2 in its place: the runtime re-checks the changed module,
//! and the build plugin makes javac check it again (docs/GUIDE.md, "Building the Rust side").

wasmbridge::record! {
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Point { pub x: f64, pub y: f64 }
}

wasmbridge::export! {
    /// Which version of the crate runs.
    fn version() -> i32 {
        1
    }

    fn greet(name: &str) -> String {
        format!("Hello, {name}! (version 1)")
    }

    /// Changes in version 2: `Point` gains a field.
    fn describe(point: Point) -> String {
        format!("({}, {})", point.x, point.y)
    }

    /// Changes in version 2: the parameter becomes an i64.
    fn twice(value: i32) -> i32 {
        value * 2
    }
}
