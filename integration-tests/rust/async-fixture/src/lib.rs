//! The async fixture (issue 16, item 3): `async fn` exports Java sees as `CompletableFuture`s, and Java
//! futures Rust awaits. The integration tests compute every expected value in Java.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use wasmbridge::{JavaError, JavaFuture};

wasmbridge::import! {
    module "host";
    /// A Java future of a number, completed by Java (maybe on another thread, maybe exceptionally).
    fn later(key: i64) -> JavaFuture<i64>;
    /// A Java future of a text.
    fn fetch(key: &str) -> JavaFuture<String>;
}

/// Destructors run for cancelled and finished futures: counted here.
static DROPS: AtomicU32 = AtomicU32::new(0);

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

/// Pending once, then ready: a future that needs a second poll (through its own wake-up).
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

wasmbridge::export! {
    /// By `op % 5`: 0 a value at once; 1 `Err`; 2 a panic; 3 a value after yielding; 4 a value after
    /// awaiting the Java future `later(x)` (its value plus one, or `Err` with its exception).
    async fn compute(op: i32, x: i64) -> Result<i64, String> {
        let _guard = Guard;
        match op % 5 {
            0 => Ok(x * 3 + 1),
            1 => Err(format!("odd input {x}")),
            2 => panic!("compute panicked on {x}"),
            3 => {
                YieldOnce(false).await;
                Ok(x - 7)
            }
            _ => match later(x).await {
                Ok(value) => Ok(value + 1),
                Err(error) => Err(format!("{}|{}", error.class_name(), error.message())),
            },
        }
    }

    /// Never finishes: its guard is dropped when Java cancels it.
    async fn forever(tag: i32) -> i32 {
        let _guard = Guard;
        std::future::pending::<()>().await;
        tag
    }

    /// Awaits a Java future of a text and reports what Rust saw of a failure: `Ok` with the class and the
    /// message, so the test checks Rust handled the error itself.
    async fn fetch_report(key: String) -> String {
        match fetch(&key).await {
            Ok(text) => format!("ok:{text}"),
            Err(error) => describe(&error),
        }
    }

    /// The `?` operator on a Java error.
    async fn fetch_len(key: String) -> Result<u32, JavaError> {
        Ok(fetch(&key).await?.len() as u32)
    }

    /// No value: a `CompletableFuture<Void>`.
    async fn touch(times: u32) {
        for _ in 0..times {
            YieldOnce(false).await;
        }
    }

    /// A value in the value encoding: a list of texts.
    async fn words(text: String) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    /// Sync: asks Java for `later(key)` and drops the future unawaited. What Java's `later` does meanwhile
    /// (complete a future a pending task awaits) happens during a call that drives no task.
    fn ask_later(key: i64) -> u32 {
        drop(later(key));
        DROPS.load(Ordering::SeqCst)
    }

    /// The destructors run so far.
    fn drops() -> u32 {
        DROPS.load(Ordering::SeqCst)
    }

    /// Aborts the instance (a trap in every flavour).
    fn trap() {
        std::process::abort()
    }
}

fn describe(error: &JavaError) -> String {
    format!("err:{}:{}", error.class_name(), error.message())
}
