// Lifetimes are left out: `fn name(&self) -> &str` is supported as it is.
pub struct Named {
    name: String,
}

wasmbridge::class! {
    impl Named {
        fn name<'a>(&'a self) -> &'a str { &self.name }
    }
}

fn main() {}
