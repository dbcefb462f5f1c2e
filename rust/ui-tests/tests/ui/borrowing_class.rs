// An object that borrows from another cannot be held by Java.
pub struct Words<'t> {
    text: &'t str,
}

wasmbridge::class! {
    impl<'t> Words<'t> {
        fn first(&self) -> String { self.text.split(' ').next().unwrap_or("").to_owned() }
    }
}

fn main() {}
