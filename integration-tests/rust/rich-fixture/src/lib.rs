//! Test fixture for every row of the type table: unsigned and narrow integers, numeric arrays, `Option`,
//! lists, records, enums, enums with data, `Result` and a class, in exports and in imports the host
//! implements, and callbacks.

use std::cell::Cell;
use wasmbridge::Callback;

wasmbridge::enumeration! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Color { Red = 0, Green = 1, Blue = 7 }
}

wasmbridge::record! {
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Point { pub x: f64, pub y: f64 }
}

wasmbridge::record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Labeled {
        pub label: String,
        pub point: Point,
        pub tags: Vec<String>,
        pub weight: Option<u32>,
        pub color: Color,
    }
}

wasmbridge::data_enum! {
    /// How a polygon is painted: a tuple variant holding an enum, a struct variant holding a list and an
    /// option, and a unit variant.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Paint {
        Solid(Color),
        Gradient { stops: Vec<Color>, angle: Option<f32> },
        Clear,
    }
}

wasmbridge::data_enum! {
    /// An enum with data: struct, unit and tuple variants, whose fields hold records, lists, options and
    /// another enum with data.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Shape {
        Circle { r: f64 },
        Rect { w: f64, h: f64 },
        Empty,
        Polygon { points: Vec<Point>, paint: Paint },
        Text(String, Option<Point>),
    }
}

wasmbridge::record! {
    /// A record holding enums with data: in a list and in an option.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Layer { pub name: String, pub shapes: Vec<Shape>, pub focus: Option<Shape> }
}

wasmbridge::data_enum! {
    /// An enum with data that contains itself: an expression tree, boxed and in a list.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Expr {
        Num(f64),
        Neg(Box<Expr>),
        Sum { terms: Vec<Expr> },
        Product { left: Box<Expr>, right: Box<Expr> },
    }
}

wasmbridge::record! {
    /// A record that contains itself, in a list.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Tree { pub label: String, pub children: Vec<Tree> }
}

impl Expr {
    fn eval(&self) -> f64 {
        match self {
            Expr::Num(value) => *value,
            Expr::Neg(inner) => -inner.eval(),
            Expr::Sum { terms } => terms.iter().map(Expr::eval).sum(),
            Expr::Product { left, right } => left.eval() * right.eval(),
        }
    }

    /// Without double negations, and with sums of numbers only folded into one number.
    fn simplified(self) -> Expr {
        match self {
            Expr::Neg(inner) => match inner.simplified() {
                Expr::Neg(twice) => *twice,
                other => Expr::Neg(Box::new(other)),
            },
            Expr::Sum { terms } => {
                let terms: Vec<Expr> = terms.into_iter().map(Expr::simplified).collect();
                if terms.iter().all(|t| matches!(t, Expr::Num(_))) {
                    Expr::Num(terms.iter().map(Expr::eval).sum())
                } else {
                    Expr::Sum { terms }
                }
            }
            Expr::Product { left, right } => {
                Expr::Product { left: Box::new(left.simplified()), right: Box::new(right.simplified()) }
            }
            num => num,
        }
    }
}

impl Tree {
    fn leaves(&self) -> Vec<String> {
        if self.children.is_empty() {
            return vec![self.label.clone()];
        }
        self.children.iter().flat_map(Tree::leaves).collect()
    }
}

impl Shape {
    /// The area; a polygon's by the shoelace formula, text has none.
    fn area(&self) -> f64 {
        match self {
            Shape::Circle { r } => std::f64::consts::PI * r * r,
            Shape::Rect { w, h } => w * h,
            Shape::Polygon { points, .. } => {
                let n = points.len();
                let twice: f64 = (0..n)
                    .map(|i| points[i].x * points[(i + 1) % n].y - points[(i + 1) % n].x * points[i].y)
                    .sum();
                twice.abs() / 2.0
            }
            Shape::Empty | Shape::Text(..) => 0.0,
        }
    }

    /// Every length times `k`; a gradient turns by 90 degrees, so nested enums change too.
    fn scaled(self, k: f64) -> Shape {
        match self {
            Shape::Circle { r } => Shape::Circle { r: r * k },
            Shape::Rect { w, h } => Shape::Rect { w: w * k, h: h * k },
            Shape::Empty => Shape::Empty,
            Shape::Polygon { points, paint } => Shape::Polygon {
                points: points.into_iter().map(|p| Point { x: p.x * k, y: p.y * k }).collect(),
                paint: match paint {
                    Paint::Gradient { stops, angle } => {
                        Paint::Gradient { stops, angle: Some(angle.unwrap_or(0.0) + 90.0) }
                    }
                    other => other,
                },
            },
            Shape::Text(text, at) => Shape::Text(text, at.map(|p| Point { x: p.x * k, y: p.y * k })),
        }
    }
}

/// A Rust side that breaks its own declaration, as a hand-written module or one whose support crate
/// disagrees with the host could: declared `fn bad_shape(case: u32) -> Shape` (the line below), it returns
/// bytes that are no `Shape`, so the tests can see how Java refuses them. Written without `export!`, which
/// cannot produce a malformed value: 0 is an unknown variant index, 1 a `Circle` cut short, anything else
/// an `Empty` with a byte left over.
#[unsafe(no_mangle)]
pub extern "C" fn bad_shape(case: u32) -> i64 {
    let bytes: Vec<u8> = match case {
        0 => 9u32.to_le_bytes().to_vec(),
        1 => vec![0, 0, 0, 0, 1, 2, 3],
        _ => vec![2, 0, 0, 0, 0],
    };
    let len = bytes.len() as u64;
    // Handed to the host, which frees it with wasmbridge_free(ptr, len, 1): the layout of the box.
    let ptr = Box::leak(bytes.into_boxed_slice()).as_mut_ptr() as usize as u64;
    ((len << 32) | ptr) as i64
}

/// The signature line `export!` would have written for `bad_shape`.
#[used]
#[unsafe(link_section = "wasmbridge.signatures")]
static BAD_SHAPE_LINE: [u8; 33] = *b"fn bad_shape(case: u32) -> Shape\n";

thread_local! {
    /// The number of `Counter`s alive, so the host can see objects being dropped.
    static LIVE_COUNTERS: Cell<i32> = const { Cell::new(0) };
}

/// A Rust object the host holds by handle.
pub struct Counter {
    count: i64,
    name: String,
}

impl Counter {
    fn make(name: String, count: i64) -> Counter {
        LIVE_COUNTERS.with(|live| live.set(live.get() + 1));
        Counter { count, name }
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        LIVE_COUNTERS.with(|live| live.set(live.get() - 1));
    }
}

thread_local! {
    /// The number of `Guard`s dropped, so the host can see destructors run when a callback throws.
    static DROPS: Cell<i32> = const { Cell::new(0) };
}

/// Counts its drop in `DROPS`.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        DROPS.with(|drops| drops.set(drops.get() + 1));
    }
}

wasmbridge::class! {
    impl Counter {
        pub fn new(name: &str, start: i64) -> Counter {
            Counter::make(name.to_owned(), start)
        }

        /// Adds `by` and returns the new count.
        pub fn increment(&mut self, by: i64) -> i64 {
            self.count += by;
            self.count
        }

        pub fn get(&self) -> i64 {
            self.count
        }

        pub fn name(&self) -> String {
            self.name.clone()
        }

        /// Consumes the counter.
        pub fn into_total(self) -> i64 {
            self.count
        }

        /// Consumes both counters: the name is `a+b`, the count the sum.
        pub fn merged(self, other: Counter) -> Counter {
            Counter::make(format!("{}+{}", self.name, other.name), self.count + other.count)
        }

        /// Adds the other counter's count and returns the new count.
        pub fn add_from(&mut self, other: &Counter) -> i64 {
            self.count += other.count;
            self.count
        }

        /// Calls the host while `self` is mutably borrowed: a call back into this object conflicts.
        pub fn poke_host(&mut self) -> i64 {
            poke();
            self.count
        }

        /// Counts the call, then panics with `message`.
        pub fn fail(&mut self, message: &str) -> i64 {
            self.count += 1;
            panic!("{message}")
        }

        /// Steps `steps` times, calling `f` with the new count after each step; returns the count.
        pub fn each_step(&mut self, steps: i32, f: Callback<(i64,), ()>) -> i64 {
            for _ in 0..steps {
                self.count += 1;
                f.call((self.count,));
            }
            self.count
        }
    }
}

wasmbridge::export! {
    fn u32_add(a: u32, b: u32) -> u32 { a.wrapping_add(b) }
    fn u64_max() -> u64 { u64::MAX }
    fn u64_half(x: u64) -> u64 { x / 2 }
    fn u8_next(x: u8) -> u8 { x.wrapping_add(1) }
    fn u16_next(x: u16) -> u16 { x.wrapping_add(1) }
    fn i8_neg(x: i8) -> i8 { x.wrapping_neg() }
    fn i16_neg(x: i16) -> i16 { x.wrapping_neg() }

    fn ints_sum(values: &[i32]) -> i64 { values.iter().map(|&v| v as i64).sum() }
    fn ints_doubled(values: Vec<i32>) -> Vec<i32> { values.into_iter().map(|v| v.wrapping_mul(2)).collect() }
    fn ints_range(n: i32) -> Vec<i32> { (0..n.max(0)).collect() }
    fn longs_reversed(values: &[i64]) -> Vec<i64> { values.iter().rev().copied().collect() }
    fn floats_scaled(values: &[f32], factor: f32) -> Vec<f32> { values.iter().map(|v| v * factor).collect() }
    fn doubles_prefix_sums(values: &[f64]) -> Vec<f64> {
        values.iter().scan(0.0, |sum, v| { *sum += v; Some(*sum) }).collect()
    }
    fn shorts_echo(values: &[i16]) -> Vec<i16> { values.to_vec() }
    fn bytes_xor(bytes: &[u8], key: u8) -> Vec<u8> { bytes.iter().map(|b| b ^ key).collect() }

    fn opt_int_double(x: Option<i32>) -> Option<i32> { x.map(|v| v.wrapping_mul(2)) }
    fn opt_long_echo(x: Option<i64>) -> Option<i64> { x }
    fn opt_double_echo(x: Option<f64>) -> Option<f64> { x }
    fn opt_string_upper(x: Option<String>) -> Option<String> { x.map(|s| s.to_uppercase()) }
    fn opt_u32_echo(x: Option<u32>) -> Option<u32> { x }
    /// The byte index of the first occurrence of `word` in `text`.
    fn find_word(text: &str, word: &str) -> Option<u32> { text.find(word).map(|i| i as u32) }
    fn opt_point(x: f64) -> Option<Point> { (x >= 0.0).then_some(Point { x, y: -x }) }
    fn opt_words(text: Option<String>) -> Option<Vec<String>> {
        text.map(|t| t.split_whitespace().map(str::to_owned).collect())
    }

    fn parse_int(text: &str) -> Result<i64, std::num::ParseIntError> { text.parse() }
    fn checked_sqrt(x: f64) -> Result<f64, String> {
        if x < 0.0 { Err(format!("negative input: {x}")) } else { Ok(x.sqrt()) }
    }
    fn validate(name: &str) -> Result<(), String> {
        if name.is_empty() { Err("name is empty".into()) } else { Ok(()) }
    }
    fn parse_color(text: &str) -> Result<Color, String> {
        match text.to_ascii_lowercase().as_str() {
            "red" => Ok(Color::Red),
            "green" => Ok(Color::Green),
            "blue" => Ok(Color::Blue),
            _ => Err(format!("unknown color: {text}")),
        }
    }

    fn next_color(c: Color) -> Color {
        match c { Color::Red => Color::Green, Color::Green => Color::Blue, Color::Blue => Color::Red }
    }
    fn color_name(c: Color) -> String {
        match c { Color::Red => "red", Color::Green => "green", Color::Blue => "blue" }.to_owned()
    }
    fn all_colors() -> Vec<Color> { vec![Color::Red, Color::Green, Color::Blue] }
    fn split_words(text: &str) -> Vec<String> { text.split_whitespace().map(str::to_owned).collect() }
    fn join_words(words: Vec<String>, sep: &str) -> String { words.join(sep) }

    fn point_add(a: Point, b: Point) -> Point { Point { x: a.x + b.x, y: a.y + b.y } }
    fn point_len(p: Point) -> f64 { (p.x * p.x + p.y * p.y).sqrt() }
    fn centroid(points: Vec<Point>) -> Option<Point> {
        if points.is_empty() {
            return None;
        }
        let n = points.len() as f64;
        let (x, y) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
        Some(Point { x: x / n, y: y / n })
    }
    fn labeled_echo(l: Labeled) -> Labeled { l }
    fn describe_labeled(l: Labeled) -> String {
        format!(
            "{}@({},{}) tags={} weight={:?} color={:?}",
            l.label, l.point.x, l.point.y, l.tags.join("|"), l.weight, l.color
        )
    }

    fn counter_sum(a: &Counter, b: &Counter) -> i64 { a.count + b.count }
    /// Takes the counter: the host's object is unusable afterwards.
    fn counter_consume(c: Counter) -> i64 { c.count }
    fn maybe_counter(make: bool) -> Option<Counter> { make.then(|| Counter::new("maybe", 1)) }
    fn live_counters() -> i32 { LIVE_COUNTERS.with(|live| live.get()) }

    /// Each calls the import of the same shape, so the host sees every type in the import direction.
    fn call_host_ints(values: &[i32]) -> Vec<i32> { host_ints(values) }
    fn call_host_opt(x: Option<String>) -> Option<String> { host_opt(x) }
    fn call_host_point(p: Point) -> Point { host_point(p) }
    fn call_host_color(c: Color) -> Color { host_color(c) }
    fn call_host_words(words: Vec<String>) -> Vec<String> { host_words(words) }
    fn call_host_u32(x: u32) -> u32 { host_u32(x) }
    fn call_host_doubles(values: &[f64]) -> Vec<f64> { host_doubles(values) }

    /// Rust's own view of the shape it received.
    fn shape_debug(s: Shape) -> String { format!("{s:?}") }
    fn shape_area(s: Shape) -> f64 { s.area() }
    fn shape_scaled(s: Shape, k: f64) -> Shape { s.scaled(k) }
    /// One shape of each variant, made by Rust.
    fn sample_shapes() -> Vec<Shape> {
        vec![
            Shape::Circle { r: 1.5 },
            Shape::Rect { w: 2.0, h: 3.0 },
            Shape::Empty,
            Shape::Polygon {
                points: vec![Point { x: 0.0, y: 0.0 }, Point { x: 4.0, y: 0.0 }, Point { x: 0.0, y: 3.0 }],
                paint: Paint::Gradient { stops: vec![Color::Blue, Color::Red], angle: None },
            },
            Shape::Text("é☀".to_owned(), Some(Point { x: -1.0, y: 2.0 })),
        ]
    }
    /// The shape with the largest area, the first of equals; `None` for no shapes.
    fn largest_shape(shapes: Vec<Shape>) -> Option<Shape> {
        shapes.into_iter().reduce(|best, s| if s.area() > best.area() { s } else { best })
    }
    fn shape_or_empty(s: Option<Shape>) -> Shape { s.unwrap_or(Shape::Empty) }
    fn layer_echo(l: Layer) -> Layer { l }
    fn layer_debug(l: Layer) -> String { format!("{l:?}") }
    /// `circle R`, `rect W H` or `empty`.
    fn parse_shape(text: &str) -> Result<Shape, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let number = |word: &str| word.parse::<f64>().map_err(|e| format!("{word}: {e}"));
        match words.as_slice() {
            ["circle", r] => Ok(Shape::Circle { r: number(r)? }),
            ["rect", w, h] => Ok(Shape::Rect { w: number(w)?, h: number(h)? }),
            ["empty"] => Ok(Shape::Empty),
            _ => Err(format!("not a shape: {text}")),
        }
    }
    /// Calls `f(shape, index)` for each shape and collects what it returns.
    fn map_shapes(shapes: Vec<Shape>, f: Callback<(Shape, u32), Shape>) -> Vec<Shape> {
        shapes.into_iter().enumerate().map(|(i, s)| f.call((s, i as u32))).collect()
    }
    fn expr_eval(e: Expr) -> f64 { e.eval() }
    fn expr_debug(e: Expr) -> String { format!("{e:?}") }
    fn expr_simplified(e: Expr) -> Expr { e.simplified() }
    /// `Num(depth)` under `depth` negations.
    fn expr_chain(depth: u32) -> Expr {
        (0..depth).fold(Expr::Num(depth as f64), |e, _| Expr::Neg(Box::new(e)))
    }
    fn tree_echo(t: Tree) -> Tree { t }
    /// The labels of the leaves, left to right.
    fn tree_leaves(t: Tree) -> Vec<String> { t.leaves() }
    fn call_host_shape(s: Shape) -> Shape { host_shape(s) }
    fn call_host_layer(l: Layer) -> Option<Shape> { host_layer(l) }

    /// `f(f(x))`.
    fn apply_twice(f: Callback<(i32,), i32>, x: i32) -> i32 { f.call((f.call((x,)),)) }
    /// Calls `f(word, index)` for each word; counts the calls that returned true.
    fn count_matching(words: Vec<String>, f: Callback<(String, u32), bool>) -> u32 {
        let mut count = 0;
        for (index, word) in words.into_iter().enumerate() {
            if f.call((word, index as u32)) {
                count += 1;
            }
        }
        count
    }
    fn map_points(points: Vec<Point>, f: Callback<(Point,), Point>) -> Vec<Point> {
        points.into_iter().map(|p| f.call((p,))).collect()
    }
    /// Calls `f(i)` for `i` in `0..n` and returns `n`, with a `Guard` alive across the calls.
    fn call_n_times(n: i32, f: Callback<(i32,), ()>) -> i32 {
        let _guard = Guard;
        for i in 0..n {
            f.call((i,));
        }
        n
    }
    /// The number of `Guard`s dropped so far.
    fn guard_drops() -> i32 { DROPS.with(|drops| drops.get()) }
    /// Calls `f`, then panics.
    fn callback_then_panic(f: Callback<(), ()>) {
        f.call(());
        panic!("after the callback")
    }
}

wasmbridge::import! {
    module "host";
    fn host_ints(values: &[i32]) -> Vec<i32>;
    fn host_opt(x: Option<String>) -> Option<String>;
    fn host_point(p: Point) -> Point;
    fn host_color(c: Color) -> Color;
    fn host_words(words: Vec<String>) -> Vec<String>;
    fn host_u32(x: u32) -> u32;
    fn host_doubles(values: &[f64]) -> Vec<f64>;
    fn host_shape(s: Shape) -> Shape;
    fn host_layer(l: Layer) -> Option<Shape>;
    fn poke();
}
