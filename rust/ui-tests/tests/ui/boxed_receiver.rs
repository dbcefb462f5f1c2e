// Java holds the object by handle: `self: Box<Self>` is not a receiver it can pass.
pub struct Node {
    value: i64,
}

wasmbridge::class! {
    impl Node {
        fn into_value(self: Box<Self>) -> i64 { self.value }
    }
}

fn main() {}
