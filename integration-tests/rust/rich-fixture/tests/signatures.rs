//! Checks the committed `rich_fixture.*.wasm` (rebuilt by scripts/build-wasm.sh, which `--check` keeps
//! in step with src/lib.rs): its `wasmbridge.signatures` custom section holds exactly the expected lines,
//! every line follows the grammar of docs/ABI.md ("Signatures section"), every `fn` line is an export
//! and every `import` line an import of the module.
//!
//! Run with `cargo test -p rich-fixture --offline` (native; it only reads the .wasm files).

use std::collections::BTreeSet;
use std::path::PathBuf;

/// The section, one line per declaration, in any order (the linker decides).
const EXPECTED: &str = "\
enum Color { Red = 0, Green = 1, Blue = 7 }
record Point { x: f64, y: f64 }
record Labeled { label: String, point: Point, tags: Vec<String>, weight: Option<u32>, color: Color }
enum Paint { Solid(Color), Gradient { stops: Vec<Color>, angle: Option<f32> }, Clear }
enum Shape { Circle { r: f64 }, Rect { w: f64, h: f64 }, Empty, Polygon { points: Vec<Point>, paint: Paint }, Text(String, Option<Point>) }
record Layer { name: String, shapes: Vec<Shape>, focus: Option<Shape> }
enum Expr { Num(f64), Neg(Expr), Sum { terms: Vec<Expr> }, Product { left: Expr, right: Expr } }
record Tree { label: String, children: Vec<Tree> }
fn bad_shape(case: u32) -> Shape
class Counter
fn Counter::new(name: &str, start: i64) -> Counter
fn Counter::increment(self: &mut Counter, by: i64) -> i64
fn Counter::get(self: &Counter) -> i64
fn Counter::name(self: &Counter) -> String
fn Counter::into_total(self: Counter) -> i64
fn Counter::merged(self: Counter, other: Counter) -> Counter
fn Counter::add_from(self: &mut Counter, other: &Counter) -> i64
fn Counter::poke_host(self: &mut Counter) -> i64
fn Counter::fail(self: &mut Counter, message: &str) -> i64
fn Counter::each_step(self: &mut Counter, steps: i32, f: Fn(i64) -> ()) -> i64
fn u32_add(a: u32, b: u32) -> u32
fn u64_max() -> u64
fn u64_half(x: u64) -> u64
fn u8_next(x: u8) -> u8
fn u16_next(x: u16) -> u16
fn i8_neg(x: i8) -> i8
fn i16_neg(x: i16) -> i16
fn ints_sum(values: &[i32]) -> i64
fn ints_doubled(values: Vec<i32>) -> Vec<i32>
fn ints_range(n: i32) -> Vec<i32>
fn longs_reversed(values: &[i64]) -> Vec<i64>
fn floats_scaled(values: &[f32], factor: f32) -> Vec<f32>
fn doubles_prefix_sums(values: &[f64]) -> Vec<f64>
fn shorts_echo(values: &[i16]) -> Vec<i16>
fn bytes_xor(bytes: &[u8], key: u8) -> Vec<u8>
fn opt_int_double(x: Option<i32>) -> Option<i32>
fn opt_long_echo(x: Option<i64>) -> Option<i64>
fn opt_double_echo(x: Option<f64>) -> Option<f64>
fn opt_string_upper(x: Option<String>) -> Option<String>
fn opt_u32_echo(x: Option<u32>) -> Option<u32>
fn find_word(text: &str, word: &str) -> Option<u32>
fn opt_point(x: f64) -> Option<Point>
fn opt_words(text: Option<String>) -> Option<Vec<String>>
fn parse_int(text: &str) -> Result<i64, _>
fn checked_sqrt(x: f64) -> Result<f64, _>
fn validate(name: &str) -> Result<(), _>
fn parse_color(text: &str) -> Result<Color, _>
fn next_color(c: Color) -> Color
fn color_name(c: Color) -> String
fn all_colors() -> Vec<Color>
fn split_words(text: &str) -> Vec<String>
fn join_words(words: Vec<String>, sep: &str) -> String
fn point_add(a: Point, b: Point) -> Point
fn point_len(p: Point) -> f64
fn centroid(points: Vec<Point>) -> Option<Point>
fn labeled_echo(l: Labeled) -> Labeled
fn describe_labeled(l: Labeled) -> String
fn counter_sum(a: &Counter, b: &Counter) -> i64
fn counter_consume(c: Counter) -> i64
fn maybe_counter(make: bool) -> Option<Counter>
fn live_counters() -> i32
fn call_host_ints(values: &[i32]) -> Vec<i32>
fn call_host_opt(x: Option<String>) -> Option<String>
fn call_host_point(p: Point) -> Point
fn call_host_color(c: Color) -> Color
fn call_host_words(words: Vec<String>) -> Vec<String>
fn call_host_u32(x: u32) -> u32
fn call_host_doubles(values: &[f64]) -> Vec<f64>
fn shape_debug(s: Shape) -> String
fn shape_area(s: Shape) -> f64
fn shape_scaled(s: Shape, k: f64) -> Shape
fn sample_shapes() -> Vec<Shape>
fn largest_shape(shapes: Vec<Shape>) -> Option<Shape>
fn shape_or_empty(s: Option<Shape>) -> Shape
fn layer_echo(l: Layer) -> Layer
fn layer_debug(l: Layer) -> String
fn parse_shape(text: &str) -> Result<Shape, _>
fn map_shapes(shapes: Vec<Shape>, f: Fn(Shape, u32) -> Shape) -> Vec<Shape>
fn expr_eval(e: Expr) -> f64
fn expr_debug(e: Expr) -> String
fn expr_simplified(e: Expr) -> Expr
fn expr_chain(depth: u32) -> Expr
fn tree_echo(t: Tree) -> Tree
fn tree_leaves(t: Tree) -> Vec<String>
fn call_host_shape(s: Shape) -> Shape
fn call_host_layer(l: Layer) -> Option<Shape>
fn apply_twice(f: Fn(i32) -> i32, x: i32) -> i32
fn count_matching(words: Vec<String>, f: Fn(String, u32) -> bool) -> u32
fn map_points(points: Vec<Point>, f: Fn(Point) -> Point) -> Vec<Point>
fn call_n_times(n: i32, f: Fn(i32) -> ()) -> i32
fn guard_drops() -> i32
fn callback_then_panic(f: Fn() -> ()) -> ()
import host.host_ints(values: &[i32]) -> Vec<i32>
import host.host_opt(x: Option<String>) -> Option<String>
import host.host_point(p: Point) -> Point
import host.host_color(c: Color) -> Color
import host.host_words(words: Vec<String>) -> Vec<String>
import host.host_u32(x: u32) -> u32
import host.host_doubles(values: &[f64]) -> Vec<f64>
import host.host_shape(s: Shape) -> Shape
import host.host_layer(l: Layer) -> Option<Shape>
import host.poke() -> ()
";

#[test]
fn every_flavour_has_exactly_the_expected_signatures() {
    let expected: Vec<&str> = sorted(EXPECTED.lines().collect());
    for flavour in ["exnref", "legacy", "abort"] {
        let module = Module::read(flavour);
        let sections: Vec<&Vec<u8>> = module
            .custom
            .iter()
            .filter(|(name, _)| name == "wasmbridge.signatures")
            .map(|(_, p)| p)
            .collect();
        assert_eq!(sections.len(), 1, "{flavour}: one wasmbridge.signatures section");
        let text = std::str::from_utf8(sections[0]).expect("the section is UTF-8");
        assert!(text.ends_with('\n'), "{flavour}: every line ends in \\n");
        let actual = sorted(text.split_terminator('\n').collect());
        assert_eq!(actual, expected, "{flavour}: wasmbridge.signatures");

        let abi: Vec<&Vec<u8>> =
            module.custom.iter().filter(|(name, _)| name == "wasmbridge.abi").map(|(_, p)| p).collect();
        assert_eq!(abi, [&wasmbridge::ABI_VERSION.to_string().into_bytes()], "{flavour}: wasmbridge.abi");
    }
}

#[test]
fn every_line_follows_the_grammar_and_matches_the_module() {
    for flavour in ["exnref", "legacy", "abort"] {
        let module = Module::read(flavour);
        let (_, payload) = module.custom.iter().find(|(name, _)| name == "wasmbridge.signatures").unwrap();
        let text = std::str::from_utf8(payload).unwrap();
        let mut declared = BTreeSet::new();
        let mut used = BTreeSet::new();
        for line in text.split_terminator('\n') {
            let mut parser = Parser { rest: line, used: &mut used };
            match parser.declaration() {
                Ok(Declaration::Type(name)) => {
                    assert!(declared.insert(name.clone()), "{flavour}: {name} declared twice");
                    if line.starts_with("class ") {
                        let drop = format!("{name}::drop");
                        assert!(module.exports.contains(&drop), "{flavour}: no export {drop}");
                    }
                }
                Ok(Declaration::Export(name)) => {
                    assert!(module.exports.contains(&name), "{flavour}: `{line}` is not an export")
                }
                Ok(Declaration::Import(name)) => {
                    assert!(module.imports.contains(&name), "{flavour}: `{line}` is not an import")
                }
                Err(problem) => panic!("{flavour}: `{line}` does not parse: {problem} at `{}`", parser.rest),
            }
        }
        let undeclared: Vec<_> = used.difference(&declared).collect();
        assert!(undeclared.is_empty(), "{flavour}: types used but not declared: {undeclared:?}");
        for export in &module.exports {
            let declared_fn = text.lines().any(|l| l.starts_with(&format!("fn {export}(")));
            let support = export == "memory"
                || export.starts_with("wasmbridge_")
                || export.starts_with("__")
                || export.ends_with("::drop");
            assert!(declared_fn || support, "{flavour}: export {export} has no signature line");
        }
    }
}

fn sorted(mut lines: Vec<&str>) -> Vec<&str> {
    lines.sort_unstable();
    lines
}

/// The parts of a module the tests look at.
struct Module {
    custom: Vec<(String, Vec<u8>)>,
    exports: BTreeSet<String>,
    imports: BTreeSet<String>,
}

impl Module {
    fn read(flavour: &str) -> Module {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../src/test/resources/wasm")
            .join(format!("rich_fixture.{flavour}.wasm"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&bytes[..8], b"\0asm\x01\0\0\0", "{}: a Wasm module", path.display());
        let mut module = Module { custom: Vec::new(), exports: BTreeSet::new(), imports: BTreeSet::new() };
        let mut input = Bytes { bytes: &bytes, at: 8 };
        while input.at < bytes.len() {
            let id = input.byte();
            let size = input.leb() as usize;
            let mut section = Bytes { bytes: &bytes[..input.at + size], at: input.at };
            input.at += size;
            match id {
                0 => {
                    let name = section.name();
                    module.custom.push((name, section.bytes[section.at..].to_vec()));
                }
                2 => {
                    for _ in 0..section.leb() {
                        let name = format!("{}.{}", section.name(), section.name());
                        match section.byte() {
                            0 => {
                                section.leb();
                            }
                            kind => panic!("import {name} of kind {kind}: only functions expected"),
                        }
                        module.imports.insert(name);
                    }
                }
                7 => {
                    for _ in 0..section.leb() {
                        let name = section.name();
                        section.byte();
                        section.leb();
                        module.exports.insert(name);
                    }
                }
                _ => {}
            }
        }
        module
    }
}

struct Bytes<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        self.bytes[self.at - 1]
    }

    fn leb(&mut self) -> u64 {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte();
            value |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return value;
            }
            shift += 7;
        }
    }

    fn name(&mut self) -> String {
        let len = self.leb() as usize;
        self.at += len;
        String::from_utf8(self.bytes[self.at - len..self.at].to_vec()).expect("UTF-8 name")
    }
}

enum Declaration {
    /// `class`, `enum` or `record`: the name it declares.
    Type(String),
    /// `fn`: the export name.
    Export(String),
    /// `import`: `module.field`.
    Import(String),
}

/// A parser for one line of the grammar in docs/ABI.md, "Signatures section".
struct Parser<'a, 'u> {
    rest: &'a str,
    used: &'u mut BTreeSet<String>,
}

impl Parser<'_, '_> {
    fn declaration(&mut self) -> Result<Declaration, String> {
        let declaration = if self.eat("fn ") {
            let mut name = self.ident()?;
            if self.eat("::") {
                name = format!("{name}::{}", self.ident()?);
            }
            self.signature()?;
            Declaration::Export(name)
        } else if self.eat("import ") {
            let module = self.ident()?;
            self.expect(".")?;
            let field = self.ident()?;
            self.signature()?;
            Declaration::Import(format!("{module}.{field}"))
        } else if self.eat("class ") {
            Declaration::Type(self.type_name()?)
        } else if self.eat("enum ") {
            let name = self.type_name()?;
            // Unit variants with discriminants (enumeration!), or variants with data (data_enum!); not both.
            let mut discriminants = None;
            self.members(|p| {
                p.ident()?;
                let has_discriminant = p.rest.starts_with(" = ");
                if *discriminants.get_or_insert(has_discriminant) != has_discriminant {
                    return Err("variants with and without discriminants".into());
                }
                if has_discriminant {
                    p.expect(" = ")?;
                    let digits = p.rest.len()
                        - p.rest
                            .trim_start_matches(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
                            .len();
                    p.rest[..digits].parse::<i32>().map_err(|e| e.to_string())?;
                    p.rest = &p.rest[digits..];
                } else if p.eat("(") {
                    p.ty()?;
                    while !p.eat(")") {
                        p.expect(", ")?;
                        p.ty()?;
                    }
                } else if p.rest.starts_with(" { ") {
                    p.fields()?;
                }
                Ok(())
            })?;
            Declaration::Type(name)
        } else if self.eat("record ") {
            let name = self.type_name()?;
            self.fields()?;
            Declaration::Type(name)
        } else {
            return Err("unknown declaration".into());
        };
        if self.rest.is_empty() {
            Ok(declaration)
        } else {
            Err("text after the declaration".into())
        }
    }

    fn signature(&mut self) -> Result<(), String> {
        self.expect("(")?;
        let mut first = true;
        while !self.eat(")") {
            if !first {
                self.expect(", ")?;
            }
            first = false;
            self.ident()?;
            self.expect(": ")?;
            self.ty()?;
        }
        self.expect(" -> ")?;
        self.ty()
    }

    /// ` { name: type, ... }`: the fields of a record or of a struct variant.
    fn fields(&mut self) -> Result<(), String> {
        self.members(|p| {
            p.ident()?;
            p.expect(": ")?;
            p.ty()
        })
    }

    fn members(&mut self, mut member: impl FnMut(&mut Self) -> Result<(), String>) -> Result<(), String> {
        self.expect(" {")?;
        let mut first = true;
        while !self.eat(" }") {
            self.expect(if first { " " } else { ", " })?;
            first = false;
            member(self)?;
        }
        Ok(())
    }

    fn ty(&mut self) -> Result<(), String> {
        const WORDS: [&str; 12] =
            ["bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "String"];
        if self.eat("()") || self.eat("&str") {
            return Ok(());
        }
        if self.eat("&[") {
            self.ty()?;
            return self.expect("]");
        }
        for (open, close) in [("Vec<", ">"), ("Option<", ">"), ("Result<", ", _>")] {
            if self.eat(open) {
                self.ty()?;
                return self.expect(close);
            }
        }
        if self.eat("Fn(") {
            let mut first = true;
            while !self.eat(")") {
                if !first {
                    self.expect(", ")?;
                }
                first = false;
                self.ty()?;
            }
            self.expect(" -> ")?;
            return self.ty();
        }
        if self.eat("&mut ") || self.eat("&") {
            return self.type_name().map(drop);
        }
        let before = self.rest;
        let word = self.ident()?;
        if WORDS.contains(&word.as_str()) {
            return Ok(());
        }
        self.rest = before;
        self.type_name().map(drop)
    }

    /// A class, enum or record name: an identifier starting with an upper-case letter (not a word above).
    fn type_name(&mut self) -> Result<String, String> {
        let name = self.ident()?;
        if !name.starts_with(|c: char| c.is_ascii_uppercase()) || name == "String" {
            return Err(format!("`{name}` is not a declared type's name"));
        }
        self.used.insert(name.clone());
        Ok(name)
    }

    fn ident(&mut self) -> Result<String, String> {
        let len =
            self.rest.len() - self.rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_').len();
        if len == 0 || self.rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Err("an identifier expected".into());
        }
        let ident = self.rest[..len].to_owned();
        self.rest = &self.rest[len..];
        Ok(ident)
    }

    fn eat(&mut self, token: &str) -> bool {
        match self.rest.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(format!("`{token}` expected"))
        }
    }
}
