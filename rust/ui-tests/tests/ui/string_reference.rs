// `&String` is not a parameter type: the note says to take `&str`.
wasmbridge::export! {
    fn greet(name: &String) -> String {
        format!("Hello, {name}!")
    }
}

fn main() {}
