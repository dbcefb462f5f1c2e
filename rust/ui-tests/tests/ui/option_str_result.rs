// A borrowed `&str` result is copied to Java, but not inside an Option: return `Option<String>`.
pub struct Named {
    name: String,
}

wasmbridge::class! {
    impl Named {
        fn nickname(&self) -> Option<&str> { self.name.split(' ').nth(1) }
    }
}

fn main() {}
