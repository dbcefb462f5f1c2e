//! Enums with data (ABI.md, "Encoded values"): [`data_enum!`](crate::data_enum!) declares a Rust enum whose
//! variants carry fields, which crosses by value in the value encoding: the variant's `u32` index in
//! declaration order, then its fields in order. The Java side is a sealed interface whose permitted
//! subtypes are records, one per variant.
//!
//! It is a macro of its own rather than more of [`enumeration!`](crate::enumeration!) because the two cross
//! differently: an `enumeration!` is its `i32` discriminant in one Wasm value, which Java reads as an enum
//! constant; an enum with data is an encoded slice, which Java reads as a record. If `enumeration!` switched
//! form when a variant gained a field, that one edit would silently change the wire of every function using
//! the enum (and what its explicit discriminants mean); with two macros the form is the author's choice,
//! visible where the enum is declared.
//!
//! The macro works in three steps, all `macro_rules!`: `__data_enum_variants!` reads the variants one by
//! one into a uniform shape (`{ Name [definition] [(member binding type) ...] [kind] }`), with
//! `__data_enum_tuple!` naming the fields of tuple variants from a fixed pool; then `__data_enum_emit!`
//! writes the enum, its encoding and its signature line from that shape. Every variant, whatever its kind,
//! is matched and built with the braced syntax (`Circle { r: r }`, `Text { 0: f0, 1: f1 }`, `Empty {}`),
//! which Rust accepts for unit, tuple and struct variants alike.

/// Declares an enum with data that crosses the boundary by value (ABI.md, "Encoded values"): the index of
/// its variant in declaration order as a `u32` (the first variant is `0`), then the variant's fields in
/// declaration order, each in the value encoding.
///
/// Variants may be unit (`Empty`), struct (`Circle { r: f64 }`) or tuple (`Text(String, Option<Point>)`,
/// up to 16 fields) variants; their fields may be of any encodable type: scalars, `String`, `Vec`,
/// `Option`, enums, records and other enums with data, and the enum itself in a `Vec`, an `Option` or a
/// `Box` (`Neg(Box<Expr>)`: a `Box<T>` field crosses as a `T`). Explicit discriminants (`= 1`), generic enums and
/// class objects in fields are not supported. The enum can be a parameter or result of
/// [`export!`](crate::export!) and [`import!`](crate::import!) functions and of [`Callback`](crate::Callback)s,
/// and can be used in `Option`, `Vec`, records and other enums with data. Decoding an unknown variant
/// index panics.
///
/// On the Java side it is a sealed interface marked `@WasmEnum`, whose permitted subtypes are records,
/// one per variant (matched by name, ignoring case and underscores): `Circle(double r)` for `Circle { r:
/// f64 }`, components in any order and matched by name for a struct variant, in order for a tuple variant.
///
/// An enum whose variants are all unit variants and that should cross as an `i32` (a Java `enum`) is
/// declared with [`enumeration!`](crate::enumeration!) instead.
///
/// ```ignore
/// wasmbridge::data_enum! {
///     #[derive(Clone, Debug, PartialEq)]
///     pub enum Shape {
///         Circle { r: f64 },
///         Rect { w: f64, h: f64 },
///         Text(String, Option<Point>),
///         Empty,
///     }
/// }
/// ```
///
/// ```java
/// @WasmEnum
/// public sealed interface Shape {
///     record Circle(double r) implements Shape {}
///     record Rect(double w, double h) implements Shape {}
///     record Text(String text, Optional<Point> at) implements Shape {}
///     record Empty() implements Shape {}
/// }
/// ```
#[macro_export]
macro_rules! data_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($body:tt)* }
    ) => {
        $crate::__private::data_enum_variants! { [$(#[$meta])* $vis enum $name] [] $($body)* }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident < $($rest:tt)*
    ) => {
        ::core::compile_error!(::core::concat!(
            "wasmbridge::data_enum!: `", ::core::stringify!($name), "` is generic; an enum that crosses the \
             boundary has fixed field types. Declare one enum per field type."
        ));
    };
}

/// Reads the variants of a [`data_enum!`](crate::data_enum!) one by one into the uniform shape that
/// `__data_enum_emit!` writes out. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __data_enum_variants {
    // All read: write the enum out.
    ([$($head:tt)*] []) => {
        ::core::compile_error!(
            "wasmbridge::data_enum!: the enum has no variants, so no value of it could cross the boundary. \
             Add a variant."
        );
    };
    ([$($head:tt)*] [$($done:tt)+]) => {
        $crate::__private::data_enum_emit! { [$($head)*] $($done)+ }
    };
    // `Name = 1`: discriminants belong to unit-only enums, which `enumeration!` declares.
    ([$($head:tt)*] [$($done:tt)*] $(#[$vm:meta])* $v:ident = $d:expr $(, $($rest:tt)*)?) => {
        ::core::compile_error!(::core::concat!(
            "wasmbridge::data_enum!: variant `", ::core::stringify!($v), "` has an explicit discriminant. \
             An enum with data crosses as the index of its variant in declaration order; remove the \
             discriminant, or declare an enum of unit variants with wasmbridge::enumeration! to cross as \
             its i32 discriminant."
        ));
    };
    // `Name {}` and `Name()`: no fields, on the wire like a unit variant.
    ([$($head:tt)*] [$($done:tt)*] $(#[$vm:meta])* $v:ident {} $(, $($rest:tt)*)?) => {
        $crate::__private::data_enum_variants! {
            [$($head)*] [$($done)* { $v [$(#[$vm])* $v {}] [] [unit] }] $($($rest)*)?
        }
    };
    ([$($head:tt)*] [$($done:tt)*] $(#[$vm:meta])* $v:ident () $(, $($rest:tt)*)?) => {
        $crate::__private::data_enum_variants! {
            [$($head)*] [$($done)* { $v [$(#[$vm])* $v ()] [] [unit] }] $($($rest)*)?
        }
    };
    // `Name { field: Type, ... }`: each field is its own binding.
    (
        [$($head:tt)*] [$($done:tt)*]
        $(#[$vm:meta])* $v:ident { $($(#[$fm:meta])* $f:ident : $t:ty),+ $(,)? } $(, $($rest:tt)*)?
    ) => {
        $crate::__private::data_enum_variants! {
            [$($head)*]
            [$($done)* { $v [$(#[$vm])* $v { $($(#[$fm])* $f : $t),+ }] [$(($f $f $t))+] [named] }]
            $($($rest)*)?
        }
    };
    // `Name(Type, ...)`: the fields get names from a pool.
    ([$($head:tt)*] [$($done:tt)*] $(#[$vm:meta])* $v:ident ( $($t:ty),+ $(,)? ) $(, $($rest:tt)*)?) => {
        $crate::__private::data_enum_tuple! {
            [$($head)*] [$($done)*] [$(#[$vm])* $v] [$($t),+]
            [(0 f0) (1 f1) (2 f2) (3 f3) (4 f4) (5 f5) (6 f6) (7 f7)
             (8 f8) (9 f9) (10 f10) (11 f11) (12 f12) (13 f13) (14 f14) (15 f15)]
            [] [$($($rest)*)?]
        }
    };
    // `Name`.
    ([$($head:tt)*] [$($done:tt)*] $(#[$vm:meta])* $v:ident $(, $($rest:tt)*)?) => {
        $crate::__private::data_enum_variants! {
            [$($head)*] [$($done)* { $v [$(#[$vm])* $v] [] [unit] }] $($($rest)*)?
        }
    };
}

/// Pairs the fields of a tuple variant with a member index and a binding name from the pool, then goes
/// back to `__data_enum_variants!`. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __data_enum_tuple {
    (
        [$($head:tt)*] [$($done:tt)*] [$(#[$vm:meta])* $v:ident] []
        [$($pool:tt)*] [$(($i:tt $b:ident $mt:ty))+] [$($rest:tt)*]
    ) => {
        $crate::__private::data_enum_variants! {
            [$($head)*] [$($done)* { $v [$(#[$vm])* $v ($($mt),+)] [$(($i $b $mt))+] [tuple] }] $($rest)*
        }
    };
    (
        [$($head:tt)*] [$($done:tt)*] [$(#[$vm:meta])* $v:ident] [$t:ty $(, $more:ty)*]
        [($i:tt $b:ident) $($pool:tt)*] [$($members:tt)*] [$($rest:tt)*]
    ) => {
        $crate::__private::data_enum_tuple! {
            [$($head)*] [$($done)*] [$(#[$vm])* $v] [$($more),*] [$($pool)*] [$($members)* ($i $b $t)] [$($rest)*]
        }
    };
    (
        [$($head:tt)*] [$($done:tt)*] [$(#[$vm:meta])* $v:ident] [$($t:ty),+]
        [] [$($members:tt)*] [$($rest:tt)*]
    ) => {
        ::core::compile_error!(::core::concat!(
            "wasmbridge::data_enum!: the tuple variant `", ::core::stringify!($v), "` has more than 16 fields. \
             Make it a struct variant (`", ::core::stringify!($v), " { name: Type, ... }`)."
        ));
    };
}

/// Writes out a [`data_enum!`](crate::data_enum!) from the shape `__data_enum_variants!` read: the enum
/// itself, its value encoding, how it crosses in each direction and its signature line. Not for direct
/// use.
#[doc(hidden)]
#[macro_export]
macro_rules! __data_enum_emit {
    (
        [$(#[$meta:meta])* $vis:vis enum $name:ident]
        $({ $v:ident [$($def:tt)*] [$(($member:tt $binding:ident $ty:ty))*] [$kind:ident] })+
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($($def)*),+
        }
        const _: () = {
            /// The variants in declaration order: `as u32` is the index that crosses the boundary.
            #[allow(dead_code, non_camel_case_types, clippy::enum_variant_names)]
            enum __WasmbridgeVariantIndex {
                $($v),+
            }
            impl $crate::__private::Encode for $name {
                #[allow(clippy::redundant_field_names)]
                fn encode(&self, out: &mut ::std::vec::Vec<u8>) {
                    match self {
                        $($name::$v { $($member: $binding),* } => {
                            $crate::__private::Encode::encode(&(__WasmbridgeVariantIndex::$v as u32), out);
                            $($crate::__private::Encode::encode($binding, out);)*
                        })+
                    }
                }
            }
            impl $crate::__private::Decode for $name {
                fn decode(input: &mut $crate::__private::Reader<'_>) -> Self {
                    let index = <u32 as $crate::__private::Decode>::decode(input);
                    // Fields are read in the order they are written, which is declaration order.
                    $(if index == __WasmbridgeVariantIndex::$v as u32 {
                        return $name::$v { $($member: <$ty as $crate::__private::Decode>::decode(input)),* };
                    })+
                    input.malformed(::core::format_args!(
                        "unknown variant index {} for enum {} (it has {} variants)",
                        index,
                        ::core::stringify!($name),
                        [$(::core::stringify!($v)),+].len()
                    ))
                }
            }
        };
        impl $crate::__private::Describe for $name {
            const NAME: $crate::__private::TypeName = $crate::__private::TypeName::of(::core::stringify!($name));
        }
        $crate::__private::encoded_wire!($name);
        $crate::__private::signature! {{
            let line = $crate::__private::Line::declaration("enum", ::core::stringify!($name)).push(" {");
            $(let line = $crate::__private::data_enum_variant_line!(line, $kind, $v, [$(($member $ty))*]);)+
            line.close_members()
        }}
    };
}

/// Appends one variant to the `enum` line of an enum with data: `Empty`, `Circle { r: f64 }` or
/// `Text(String, Option<Point>)` (ABI.md, "Signatures section"). Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __data_enum_variant_line {
    ($line:expr, unit, $v:ident, []) => {
        $line.member(::core::stringify!($v))
    };
    ($line:expr, named, $v:ident, [$(($f:ident $t:ty))+]) => {
        $line
            .member(::core::stringify!($v))
            .push(" {")
            $(.field(::core::stringify!($f), &<$t as $crate::__private::Describe>::NAME))+
            .push(" }")
    };
    ($line:expr, tuple, $v:ident, [$(($i:tt $t:ty))+]) => {
        $line
            .member(::core::stringify!($v))
            .push("(")
            $(.positional(&<$t as $crate::__private::Describe>::NAME))+
            .push(")")
    };
}

#[cfg(test)]
mod tests {
    use crate::text::Describe;
    use crate::value::{decode_exact, encode_to_vec};

    crate::enumeration! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Hue { Red = 3, Green = 9 }
    }

    crate::record! {
        #[derive(Clone, Debug, PartialEq)]
        pub struct Spot { pub x: i16, pub y: i16 }
    }

    crate::data_enum! {
        /// Every kind of variant, and every kind of field.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Shape {
            /// A struct variant.
            Circle { r: f64 },
            Rect { w: u32, h: u32, },
            Empty,
            Text(String, Option<Spot>),
            Painted { hue: Hue, inner: Vec<Shape>, fill: Option<Fill> },
            Braces {},
            Parens(),
        }
    }

    crate::data_enum! {
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Fill { Solid(Hue), None }
    }

    crate::data_enum! {
        /// Private, with attributes on a variant and a field.
        #[derive(Debug, PartialEq)]
        enum Quiet {
            #[allow(dead_code)]
            Loud { #[allow(dead_code)] level: u8 },
        }
    }

    crate::record! {
        #[derive(Clone, Debug, PartialEq)]
        pub struct Layer { pub shapes: Vec<Shape>, pub focus: Option<Shape> }
    }

    crate::data_enum! {
        /// The most fields a tuple variant may have.
        pub enum Wide { Many(u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8) }
    }

    crate::data_enum! {
        /// An enum with data that contains itself, boxed or in a list.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Expr { Num(i8), Neg(Box<Expr>), Sum { terms: Vec<Expr> } }
    }

    fn round_trip<T: crate::value::Encode + crate::value::Decode + Describe + PartialEq + std::fmt::Debug>(
        value: T,
    ) -> Vec<u8> {
        let bytes = encode_to_vec(&value);
        assert_eq!(decode_exact::<T>(&bytes), value);
        bytes
    }

    #[test]
    fn the_variant_index_then_the_fields_in_order() {
        let mut circle = vec![0, 0, 0, 0];
        circle.extend(2.5f64.to_le_bytes());
        assert_eq!(round_trip(Shape::Circle { r: 2.5 }), circle);
        assert_eq!(round_trip(Shape::Rect { w: 3, h: 0x0102 }), [1, 0, 0, 0, 3, 0, 0, 0, 2, 1, 0, 0]);
        assert_eq!(round_trip(Shape::Empty), [2, 0, 0, 0]);
        assert_eq!(
            round_trip(Shape::Text("hi".to_owned(), Some(Spot { x: -1, y: 2 }))),
            [3, 0, 0, 0, 2, 0, 0, 0, b'h', b'i', 1, 0xff, 0xff, 2, 0]
        );
        assert_eq!(round_trip(Shape::Text(String::new(), None)), [3, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(round_trip(Shape::Braces {}), [5, 0, 0, 0]);
        assert_eq!(round_trip(Shape::Parens()), [6, 0, 0, 0]);
    }

    #[test]
    fn nested_freely() {
        let painted = Shape::Painted {
            hue: Hue::Green,
            inner: vec![Shape::Empty, Shape::Circle { r: 1.0 }],
            fill: Some(Fill::Solid(Hue::Red)),
        };
        let bytes = round_trip(painted.clone());
        let mut expected = vec![4, 0, 0, 0, 9, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0];
        expected.extend(1.0f64.to_le_bytes());
        expected.extend([1, 0, 0, 0, 0, 3, 0, 0, 0]);
        assert_eq!(bytes, expected);
        round_trip(Layer { shapes: vec![painted.clone(), Shape::Empty], focus: Some(painted) });
        round_trip(Layer { shapes: vec![], focus: None });
        round_trip(vec![Some(Fill::None), None]);
        assert_eq!(round_trip(Quiet::Loud { level: 7 }), [0, 0, 0, 0, 7]);
        let many = Wide::Many(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assert_eq!(encode_to_vec(&many), [0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    }

    #[test]
    fn recursive_enums_nest_their_values() {
        let expr = Expr::Sum { terms: vec![Expr::Num(1), Expr::Neg(Box::new(Expr::Num(-2)))] };
        assert_eq!(round_trip(expr), [2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0xfe]);
    }

    #[test]
    fn names_and_signature_lines() {
        assert_eq!(Shape::NAME.as_str(), "Shape");
        assert_eq!(<Option<Vec<Shape>> as Describe>::NAME.as_str(), "Option<Vec<Shape>>");
        let line = crate::__private::data_enum_variant_line!(
            crate::text::Line::declaration("enum", "Shape").push(" {"),
            named,
            Circle,
            [(r f64)]
        );
        let line =
            crate::__private::data_enum_variant_line!(line, tuple, Text, [(0 String) (1 Option<Spot>)]);
        let line = crate::__private::data_enum_variant_line!(line, unit, Empty, []);
        assert_eq!(
            line.close_members().as_str(),
            "enum Shape { Circle { r: f64 }, Text(String, Option<Spot>), Empty }\n"
        );
    }

    #[test]
    #[should_panic(
        expected = "malformed Shape from the host: unknown variant index 7 for enum Shape (it has 7 variants)"
    )]
    fn an_unknown_variant_index_panics() {
        decode_exact::<Shape>(&[7, 0, 0, 0]);
    }

    #[test]
    #[should_panic(expected = "malformed Vec<Fill> from the host: unknown variant index 2 for enum Fill")]
    fn an_unknown_variant_index_in_a_list_panics() {
        decode_exact::<Vec<Fill>>(&[1, 0, 0, 0, 2, 0, 0, 0]);
    }

    #[test]
    #[should_panic(expected = "malformed Shape from the host: needs 8 more bytes at offset 4, only 2 left")]
    fn a_missing_field_panics() {
        decode_exact::<Shape>(&[0, 0, 0, 0, 1, 2]);
    }
}
