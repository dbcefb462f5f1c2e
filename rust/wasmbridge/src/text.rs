//! Compile-time text: the canonical Rust type names and the lines of the `wasmbridge.signatures` custom
//! section (ABI.md, "Signatures section").
//!
//! Stable Rust cannot size an array by a generic constant expression, so names are built in a buffer of
//! fixed capacity ([`Text`]) by `const fn` concatenation; only the final line is copied into a `static` of
//! its exact length.

/// A UTF-8 string built at compile time in a buffer of `N` bytes.
///
/// Every `push` panics (at compile time, when used in a constant) if the text would not fit.
#[derive(Clone, Copy)]
pub struct Text<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

/// The canonical name of a type, as [`Describe::NAME`] spells it.
pub type TypeName = Text<256>;

/// One line of the signatures section.
pub type Line = Text<4096>;

impl<const N: usize> Text<N> {
    /// The empty text.
    pub const fn new() -> Self {
        Text { bytes: [0; N], len: 0 }
    }

    /// The text `s`.
    pub const fn of(s: &str) -> Self {
        Self::new().push(s)
    }

    /// This text followed by `s`.
    pub const fn push(mut self, s: &str) -> Self {
        let tail = s.as_bytes();
        if tail.len() > N - self.len {
            panic!("wasmbridge: a type name or signature line is too long for its compile-time buffer");
        }
        let mut i = 0;
        while i < tail.len() {
            self.bytes[self.len + i] = tail[i];
            i += 1;
        }
        self.len += tail.len();
        self
    }

    /// This text followed by `other`.
    pub const fn push_text<const M: usize>(self, other: &Text<M>) -> Self {
        self.push(other.as_str())
    }

    /// This text followed by `value` in decimal.
    pub const fn push_i32(self, value: i32) -> Self {
        let mut digits = [0u8; 11];
        let mut start = digits.len();
        // Work on the magnitude as i64 so that i32::MIN has one.
        let mut rest = if value < 0 { -(value as i64) } else { value as i64 };
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if value < 0 {
            start -= 1;
            digits[start] = b'-';
        }
        match core::str::from_utf8(digits.split_at(start).1) {
            Ok(s) => self.push(s),
            Err(_) => panic!("unreachable: digits are ASCII"),
        }
    }

    /// The number of bytes.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes of the text.
    pub const fn as_bytes(&self) -> &[u8] {
        self.bytes.split_at(self.len).0
    }

    /// The text.
    pub const fn as_str(&self) -> &str {
        // Only whole `&str`s are ever appended, so the bytes are valid UTF-8.
        match core::str::from_utf8(self.as_bytes()) {
            Ok(s) => s,
            Err(_) => panic!("unreachable: a Text holds whole UTF-8 strings"),
        }
    }

    /// The text as an array of exactly its length (`M` must equal [`Text::len`]): what a `static` in a
    /// custom section holds.
    pub const fn to_array<const M: usize>(&self) -> [u8; M] {
        if M != self.len {
            panic!("wasmbridge: Text::to_array called with a length other than the text's");
        }
        let mut out = [0u8; M];
        let mut i = 0;
        while i < M {
            out[i] = self.bytes[i];
            i += 1;
        }
        out
    }
}

impl<const N: usize> Default for Text<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> std::fmt::Debug for Text<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<const N: usize> std::fmt::Display for Text<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Line {
    /// A declaration line that starts with `keyword`, a space and `name`: `fn greet`, `enum Color`, ...
    pub const fn declaration(keyword: &str, name: &str) -> Line {
        Line::new().push(keyword).push(" ").push(name)
    }

    /// Appends a parameter to a `fn` or `import` line: `(name: type` for the first one, `, name: type` for
    /// the others.
    pub const fn param(self, name: &str, ty: &TypeName) -> Line {
        let with_separator =
            if self.len > 0 && self.bytes[self.len - 1] == b'(' { self } else { self.push(", ") };
        with_separator.push(name).push(": ").push_text(ty)
    }

    /// Appends a member of an `enum` or `record` line: ` { member` for the first one, `, member` for
    /// the others; [`Line::close_members`] ends the list.
    pub const fn member(self, member: &str) -> Line {
        if self.len > 0 && self.bytes[self.len - 1] == b'{' {
            self.push(" ").push(member)
        } else {
            self.push(", ").push(member)
        }
    }

    /// Appends a record field, `name: type` (see [`Line::member`]).
    pub const fn field(self, name: &str, ty: &TypeName) -> Line {
        self.member(name).push(": ").push_text(ty)
    }

    /// Appends an enum variant, `Name = discriminant` (see [`Line::member`]).
    pub const fn variant(self, name: &str, discriminant: i32) -> Line {
        self.member(name).push(" = ").push_i32(discriminant)
    }

    /// Appends a field of a tuple variant of an enum with data: its type alone, after the `(` the caller
    /// pushed for the first one, after `, ` for the others (`Text(String, Option<Point>)`).
    pub const fn positional(self, ty: &TypeName) -> Line {
        let with_separator =
            if self.len > 0 && self.bytes[self.len - 1] == b'(' { self } else { self.push(", ") };
        with_separator.push_text(ty)
    }

    /// Ends the member list of an `enum` or `record` line (` }`) and the line.
    pub const fn close_members(self) -> Line {
        self.push(" }\n")
    }

    /// Ends a `fn` or `import` line with its result type: `) -> type` and the newline.
    pub const fn returns(self, ty: &TypeName) -> Line {
        self.push(") -> ").push_text(ty).push("\n")
    }
}

/// A type's canonical name in the signatures section (ABI.md, "Signatures section"): no lifetimes, no
/// paths, no aliases. Implemented for every type that can cross the boundary, composing for generic
/// types, and by `class!`, `record!` and `enumeration!` for the types they declare.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot cross between Rust and Java",
    label = "not a type Wasmbridge can pass",
    note = "what crosses: bool, i8-i64, u8-u64, isize, usize, f32, f64, &str, String, Vec<T>, &[T] of numbers, \
            Option<T>, record!/enumeration! types, class! objects, wasmbridge::Callback (README, \"Type mapping\")"
)]
pub trait Describe {
    /// The canonical name, computed at compile time.
    const NAME: TypeName;
}

macro_rules! describe_as_written {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        impl Describe for $t {
            const NAME: TypeName = TypeName::of($name);
        }
    )*};
}

describe_as_written! {
    () => "()",
    bool => "bool",
    i8 => "i8",
    i16 => "i16",
    i32 => "i32",
    i64 => "i64",
    u8 => "u8",
    u16 => "u16",
    u32 => "u32",
    u64 => "u64",
    usize => "usize",
    isize => "isize",
    f32 => "f32",
    f64 => "f64",
    &str => "&str",
    String => "String",
}

impl<T: Describe> Describe for &[T] {
    const NAME: TypeName = TypeName::of("&[").push_text(&T::NAME).push("]");
}

impl<T: Describe> Describe for Vec<T> {
    const NAME: TypeName = TypeName::of("Vec<").push_text(&T::NAME).push(">");
}

impl<T: Describe> Describe for Option<T> {
    const NAME: TypeName = TypeName::of("Option<").push_text(&T::NAME).push(">");
}

/// A box is written as its content: on the wire it is the same value (ABI.md, "Signatures section").
impl<T: Describe> Describe for Box<T> {
    const NAME: TypeName = T::NAME;
}

impl<T: Describe, E> Describe for Result<T, E> {
    const NAME: TypeName = TypeName::of("Result<").push_text(&T::NAME).push(", _>");
}

// Symbols that the code linked into every wasm32 module already defines or expects (the C memory and
// string functions and libm of `compiler_builtins`, the C allocator, program entry points, the personality
// routine of unwinding), and `memory`, the name of the exported linear memory. An export shim's symbol is
// its Wasm export name (ABI.md, "Names"), so an export of one of these names would replace the runtime's
// function for the whole module (`sin` calling itself, `memcpy` taking Java's arguments) or fail to link.

/// The C memory and string functions of `compiler_builtins`, and the C allocator, separated by spaces.
const MEMORY_NAMES: &str =
    "memcpy memmove memset memcmp bcmp strlen malloc free calloc realloc aligned_alloc posix_memalign";

/// Entry points, the process, unwinding, and `memory`, the exported linear memory.
const RUNTIME_NAMES: &str =
    "main _start _initialize abort exit memory rust_eh_personality rust_begin_unwind rust_panic";

/// libm, which `compiler_builtins` provides on wasm32.
const LIBM_NAMES: &str =
    "acos acosf acosh acoshf asin asinf asinh asinhf atan atan2 atan2f atanf atanh atanhf cbrt cbrtf ceil \
     ceilf copysign copysignf cos cosf cosh coshf erf erfc erfcf erff exp exp10 exp10f exp2 exp2f expf \
     expm1 expm1f fabs fabsf fdim fdimf floor floorf fma fmaf fmax fmaxf fmin fminf fmod fmodf frexp \
     frexpf hypot hypotf ilogb ilogbf j0 j0f j1 j1f jn jnf ldexp ldexpf lgamma lgamma_r lgammaf lgammaf_r \
     log log10 log10f log1p log1pf log2 log2f logf modf modff nextafter nextafterf pow powf remainder \
     remainderf remquo remquof rint rintf round roundeven roundevenf roundf scalbn scalbnf sin sincos \
     sincosf sinf sinh sinhf sqrt sqrtf tan tanf tanh tanhf tgamma tgammaf trunc truncf y0 y0f y1 y1f yn \
     ynf";

/// On `wasm32-wasip1`, the other functions and variables of the C library Rust links (Debian's wasi-libc,
/// `/usr/share/wasm32-wasi/defined-symbols.txt`, without the names that start with `_`, which are refused
/// anyway), separated by spaces. std calls some of them itself (`write` for standard output, `open`,
/// `getenv`): an export named `write` would receive std's own calls.
const WASI_LIBC_NAMES: &str =
    "a64l abs accept accept4 access acoshl acosl alphasort alphasort64 arc4random arc4random_buf \
     arc4random_uniform asctime asctime_r asinhl asinl asprintf at_quick_exit atan2l atanhl atanl atexit \
     atof atoi atol atoll basename bcopy bsd_signal bsearch btowc bzero c16rtomb c32rtomb cabs cabsf cabsl \
     cacos cacosf cacosh cacoshf cacoshl cacosl carg cargf cargl casin casinf casinh casinhf casinhl \
     casinl catan catanf catanh catanhf catanhl catanl catclose catgets catopen cbrtl ccos ccosf ccosh \
     ccoshf ccoshl ccosl ceill cexp cexpf cexpl chdir cimag cimagf cimagl clearenv clearerr \
     clearerr_unlocked clock clock_getres clock_gettime clock_nanosleep clog clogf clogl close closedir \
     confstr conj conjf conjl copysignl coshl cosl cpow cpowf cpowl cproj cprojf cprojl creal crealf \
     creall creat creat64 crypt crypt_r csin csinf csinh csinhf csinhl csinl csqrt csqrtf csqrtl ctan \
     ctanf ctanh ctanhf ctanhl ctanl ctime ctime_r difftime dirfd dirname div dprintf drand48 drem dremf \
     duplocale ecvt encrypt environ erand48 erfcl erfl errno exp10l exp2l expl explicit_bzero expm1l fabsl \
     faccessat fclose fcntl fcvt fdatasync fdclosedir fdiml fdopen fdopendir feclearexcept fegetenv \
     fegetexceptflag fegetround feholdexcept feof feof_unlocked feraiseexcept ferror ferror_unlocked \
     fesetenv fesetexceptflag fesetround fetestexcept feupdateenv fflush fflush_unlocked ffs ffsl ffsll \
     fgetc fgetc_unlocked fgetln fgetpos fgetpos64 fgets fgets_unlocked fgetwc fgetwc_unlocked fgetws \
     fgetws_unlocked fileno fileno_unlocked finite finitef floorl fmal fmaxl fmemopen fminl fmodl fmtmsg \
     fnmatch fopen fopen64 fopencookie fpathconf fprintf fpurge fputc fputc_unlocked fputs fputs_unlocked \
     fputwc fputwc_unlocked fputws fputws_unlocked fread fread_unlocked freelocale freopen freopen64 \
     frexpl fscanf fseek fseeko fseeko64 fsetpos fsetpos64 fstat fstatat fsync ftell ftello ftello64 ftime \
     ftruncate futimens futimesat fwide fwprintf fwrite fwrite_unlocked fwscanf gcvt get_avphys_pages \
     get_nprocs get_nprocs_conf get_phys_pages getc getc_unlocked getchar getchar_unlocked getcwd getdate \
     getdate_err getdelim getdomainname getentropy getenv gethostid getline getopt getopt_long \
     getopt_long_only getpid getrusage getsockopt getsubopt gettimeofday getw getwc getwc_unlocked \
     getwchar getwchar_unlocked glob glob64 globfree globfree64 gmtime gmtime_r hcreate hcreate_r hdestroy \
     hdestroy_r hsearch hsearch_r htonl htons hypotl iconv iconv_close iconv_open ilogbl imaxabs imaxdiv \
     in6addr_any in6addr_loopback index inet_aton inet_ntop inet_pton initstate insque ioctl iprintf \
     isalnum isalnum_l isalpha isalpha_l isascii isatty isblank isblank_l iscntrl iscntrl_l isdigit \
     isdigit_l isgraph isgraph_l islower islower_l isprint isprint_l ispunct ispunct_l isspace isspace_l \
     isupper isupper_l iswalnum iswalnum_l iswalpha iswalpha_l iswblank iswblank_l iswcntrl iswcntrl_l \
     iswctype iswctype_l iswdigit iswdigit_l iswgraph iswgraph_l iswlower iswlower_l iswprint iswprint_l \
     iswpunct iswpunct_l iswspace iswspace_l iswupper iswupper_l iswxdigit iswxdigit_l isxdigit isxdigit_l \
     jrand48 l64a labs lcong48 ldexpl ldiv lfind lgammal lgammal_r link linkat llabs lldiv llrint llrintf \
     llrintl llround llroundf llroundl localeconv localtime localtime_r log10l log1pl log2l logb logbf \
     logbl logl lrand48 lrint lrintf lrintl lround lroundf lroundl lsearch lseek lstat malloc_usable_size \
     mblen mbrlen mbrtoc16 mbrtoc32 mbrtowc mbsinit mbsnrtowcs mbsrtowcs mbstowcs mbtowc memccpy memchr \
     memmem mempcpy memrchr mkdir mkdirat mktime mmap modfl mrand48 munmap nan nanf nanl nanosleep \
     nearbyint nearbyintf nearbyintl newlocale nextafterl nexttoward nexttowardf nexttowardl nftw nftw64 \
     nl_langinfo nl_langinfo_l nrand48 ntohl ntohs open open_memstream open_wmemstream openat opendir \
     opendirat optarg opterr optind optopt optreset pathconf perror poll posix_close posix_fadvise \
     posix_fallocate pow10 pow10f pow10l powl pread preadv printf program_invocation_name \
     program_invocation_short_name pselect psignal putc putc_unlocked putchar putchar_unlocked putenv puts \
     putw putwc putwc_unlocked putwchar putwchar_unlocked pwrite pwritev qsort quick_exit raise rand \
     rand_r random read readdir readlink readlinkat readv reallocarray recv regcomp regerror regexec \
     regfree remainderl remove remque remquol rename renameat rewind rewinddir rindex rintl rmdir roundl \
     sbrk scalb scalbf scalbln scalblnf scalblnl scalbnl scandir scandirat scanf sched_yield seed48 \
     seekdir select send setbuf setbuffer setenv setkey setlinebuf setlocale setstate setvbuf shutdown \
     signal signgam significand significandf sincosl sinhl sinl sleep snprintf sprintf sqrtl srand srand48 \
     srandom sscanf stat stderr stdin stdout stpcpy stpncpy strcasecmp strcasecmp_l strcasestr strcat \
     strchr strchrnul strcmp strcoll strcoll_l strcpy strcspn strdup strerror strerror_l strerror_r \
     strfmon strfmon_l strftime strftime_l strlcat strlcpy strncasecmp strncasecmp_l strncat strncmp \
     strncpy strndup strnlen strpbrk strptime strrchr strsep strsignal strspn strstr strtod strtod_l \
     strtof strtof_l strtoimax strtok strtok_r strtol strtold strtold_l strtoll strtoul strtoull strtoumax \
     strverscmp strxfrm strxfrm_l swab swprintf swscanf symlink symlinkat sysconf tanhl tanl tdelete \
     tdestroy telldir tfind tgammal time timegm times timespec_get toascii tolower tolower_l toupper \
     toupper_l towctrans towctrans_l towlower towlower_l towupper towupper_l truncate truncl tsearch twalk \
     uname ungetc ungetwc unlink unlinkat unsetenv uselocale usleep utime utimensat utimes vasprintf \
     vdprintf versionsort versionsort64 vfprintf vfscanf vfwprintf vfwscanf vprintf vscanf vsnprintf \
     vsprintf vsscanf vswprintf vswscanf vwprintf vwscanf wcpcpy wcpncpy wcrtomb wcscasecmp wcscasecmp_l \
     wcscat wcschr wcscmp wcscoll wcscoll_l wcscpy wcscspn wcsdup wcsftime wcsftime_l wcslen wcsncasecmp \
     wcsncasecmp_l wcsncat wcsncmp wcsncpy wcsnlen wcsnrtombs wcspbrk wcsrchr wcsrtombs wcsspn wcsstr \
     wcstod wcstof wcstoimax wcstok wcstol wcstold wcstoll wcstombs wcstoul wcstoull wcstoumax wcswcs \
     wcswidth wcsxfrm wcsxfrm_l wctob wctomb wctrans wctrans_l wctype wctype_l wcwidth wmemchr wmemcmp \
     wmemcpy wmemmove wmemset wprintf write writev wscanf";

/// Whether `text` starts with `prefix`.
const fn starts_with(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    if text.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Refuses, at compile time, an `export!` function whose name cannot be a Wasm export: a name reserved
/// for the ABI (`wasmbridge_`), for the toolchain (`__`, `_Unwind_`), or one that the linked runtime
/// already uses (the C library, libm, entry points, `memory`; on `wasm32-wasip1`, all of wasi-libc). The user's
/// Rust item keeps its name; only the export would collide.
pub const fn check_export_name(name: &str) {
    let problem = if starts_with(name, "wasmbridge_") {
        "names starting with `wasmbridge_` are reserved for the ABI (docs/ABI.md, \"Names\")"
    } else if starts_with(name, "__") || starts_with(name, "_Unwind_") {
        "names starting with `__` or `_Unwind_` belong to the compiler and the linker"
    } else if is_linker_name(name) {
        "it is already a symbol of every wasm32 module (the C library or libm that Rust links, or the exported \
         memory), and an export's symbol is its name"
    } else if cfg!(target_os = "wasi") && is_one_of(name, WASI_LIBC_NAMES) {
        "on wasm32-wasip1 it is a symbol of the C library Rust links (wasi-libc), and an export's symbol is its \
         name: the library's own calls (std's among them) would reach the export"
    } else {
        return;
    };
    let message = Line::of("export!: `")
        .push(name)
        .push("` cannot be a Wasm export: ")
        .push(problem)
        .push(". Rename the Rust function (in Java, @WasmExport(name = \"...\") keeps any Java name).");
    panic!("{}", message.as_str())
}

const fn is_linker_name(name: &str) -> bool {
    is_one_of(name, MEMORY_NAMES) || is_one_of(name, RUNTIME_NAMES) || is_one_of(name, LIBM_NAMES)
}

/// Whether `name` is one of the space-separated words of `names`.
const fn is_one_of(name: &str, names: &str) -> bool {
    let (name, names) = (name.as_bytes(), names.as_bytes());
    let mut start = 0;
    while start < names.len() {
        let mut end = start;
        while end < names.len() && names[end] != b' ' {
            end += 1;
        }
        if end - start == name.len() {
            let mut i = 0;
            while i < name.len() && names[start + i] == name[i] {
                i += 1;
            }
            if i == name.len() {
                return true;
            }
        }
        start = end + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{check_export_name, Describe, Line, Text, TypeName};

    fn name<T: Describe>() -> &'static str {
        // Leaked so the test can compare plain strs.
        Box::leak(T::NAME.as_str().to_owned().into_boxed_str())
    }

    #[test]
    fn scalar_and_slice_names() {
        assert_eq!(name::<()>(), "()");
        assert_eq!(name::<bool>(), "bool");
        assert_eq!(name::<i8>(), "i8");
        assert_eq!(name::<u64>(), "u64");
        assert_eq!(name::<f32>(), "f32");
        assert_eq!(name::<&str>(), "&str");
        assert_eq!(name::<&'static str>(), "&str");
        assert_eq!(name::<String>(), "String");
        assert_eq!(name::<&[u8]>(), "&[u8]");
        assert_eq!(name::<&[f64]>(), "&[f64]");
    }

    #[test]
    fn generic_names_compose() {
        assert_eq!(name::<Vec<u8>>(), "Vec<u8>");
        assert_eq!(name::<Vec<String>>(), "Vec<String>");
        assert_eq!(name::<Option<i32>>(), "Option<i32>");
        assert_eq!(name::<Option<Vec<Option<String>>>>(), "Option<Vec<Option<String>>>");
        assert_eq!(name::<Result<i64, std::num::ParseIntError>>(), "Result<i64, _>");
        assert_eq!(name::<Result<(), String>>(), "Result<(), _>");
        assert_eq!(name::<Result<Option<Vec<u32>>, String>>(), "Result<Option<Vec<u32>>, _>");
        assert_eq!(name::<Option<Box<Vec<Box<u8>>>>>(), "Option<Vec<u8>>");
    }

    #[test]
    fn names_are_constants() {
        const NAME: TypeName = <Option<Vec<i16>> as Describe>::NAME;
        const LEN: usize = NAME.len();
        static BYTES: [u8; LEN] = NAME.to_array();
        assert_eq!(&BYTES, b"Option<Vec<i16>>");
    }

    #[test]
    fn decimal() {
        for v in [0, 7, -1, 99, i32::MAX, i32::MIN] {
            assert_eq!(Text::<16>::new().push_i32(v).as_str(), v.to_string());
        }
    }

    #[test]
    fn lines() {
        let f = Line::declaration("fn", "Counter::add")
            .push("(")
            .param("self", &TypeName::of("&mut Counter"))
            .param("by", &<i64 as Describe>::NAME)
            .returns(&<i64 as Describe>::NAME);
        assert_eq!(f.as_str(), "fn Counter::add(self: &mut Counter, by: i64) -> i64\n");
        let none = Line::declaration("import", "host.poke").push("(").returns(&<() as Describe>::NAME);
        assert_eq!(none.as_str(), "import host.poke() -> ()\n");
        let e = Line::declaration("enum", "Color")
            .push(" {")
            .variant("Red", 0)
            .variant("Blue", -7)
            .close_members();
        assert_eq!(e.as_str(), "enum Color { Red = 0, Blue = -7 }\n");
        let empty = Line::declaration("record", "Unit").push(" {").close_members();
        assert_eq!(empty.as_str(), "record Unit { }\n");
    }

    #[test]
    fn pointer_sized_names() {
        assert_eq!(name::<usize>(), "usize");
        assert_eq!(name::<Option<isize>>(), "Option<isize>");
    }

    #[test]
    fn ordinary_export_names_pass() {
        for name in ["greet", "free_slot", "sine", "memory_used", "wasmbridge", "_private", "evaluate"] {
            check_export_name(name);
        }
    }

    #[test]
    fn linker_and_abi_names_are_refused() {
        for name in ["free", "memcpy", "sin", "memory", "wasmbridge_malloc", "__heap_base", "_Unwind_Resume"]
        {
            let refused = std::panic::catch_unwind(|| check_export_name(name));
            assert!(refused.is_err(), "{name} must be refused");
        }
    }

    #[test]
    fn wasi_libc_names_are_listed_and_refused_on_wasi_only() {
        for name in ["write", "read", "open", "getenv", "time", "random", "strerror", "environ", "errno"] {
            assert!(super::is_one_of(name, super::WASI_LIBC_NAMES), "{name} is a wasi-libc name");
            let refused = std::panic::catch_unwind(|| check_export_name(name)).is_err();
            assert_eq!(refused, cfg!(target_os = "wasi"), "{name} is refused on wasm32-wasip1 only");
        }
        for name in ["greet", "read_file", "now_millis", "exit_with", "uuid_v4"] {
            assert!(!super::is_one_of(name, super::WASI_LIBC_NAMES), "{name} is not a wasi-libc name");
        }
    }

    #[test]
    #[should_panic(expected = "too long")]
    fn overflow_panics() {
        let _ = Text::<4>::of("abc").push("de");
    }
}
