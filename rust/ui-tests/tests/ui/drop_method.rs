// `drop` is the export Java's close() calls: a method cannot take the name.
pub struct Connection {
    open: bool,
}

wasmbridge::class! {
    impl Connection {
        fn drop(&mut self) { self.open = false; }
    }
}

fn main() {}
