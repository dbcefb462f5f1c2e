//! Test fixture for Java objects Rust holds (docs/GUIDE.md, "Rust holds Java"): stored event listeners,
//! an aborting callback, and a Java logger kept in a Rust static and in a `class!` object. Built as exnref,
//! legacy and abort flavours from this one source.

use std::cell::{Cell, RefCell};
use wasmbridge::{AbortingCallback, StoredCallback};

wasmbridge::java_interface! {
    /// A logger Java passes in: `@WasmInterface Logger` on the Java side.
    pub trait Logger {
        fn log(&self, level: i32, message: String);
        fn name(&self) -> String;
        fn count(&self) -> u32;
    }
}

/// An event listener: gets the event, returns a number the fixture adds up.
type Listener = StoredCallback<(String,), i32>;

thread_local! {
    /// The listeners, by the id `add_listener` returned.
    static LISTENERS: RefCell<Vec<(u32, Listener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Guards of `fire` dropped so far: each call of `fire` drops one, unwinding or not.
    static FIRE_GUARDS_DROPPED: Cell<u32> = const { Cell::new(0) };
    static ABORTING: RefCell<Option<AbortingCallback<(i32,), i32>>> = const { RefCell::new(None) };
    static LOGGER: RefCell<Option<Logger>> = const { RefCell::new(None) };
}

/// Counts its own drop: shows that a Java exception unwound `fire` with destructors running.
struct FireGuard;

impl Drop for FireGuard {
    fn drop(&mut self) {
        FIRE_GUARDS_DROPPED.with(|d| d.set(d.get() + 1));
    }
}

/// A service that keeps the Java logger it was made with, and logs through it on every call.
pub struct Service {
    logger: Logger,
    calls: u32,
}

wasmbridge::class! {
    impl Service {
        pub fn new(logger: Logger) -> Service {
            logger.log(0, "service created".to_owned());
            Service { logger, calls: 0 }
        }

        /// Logs `input` at level `calls`, and returns `<logger name>:<input>`.
        pub fn work(&mut self, input: String) -> String {
            self.calls += 1;
            self.logger.log(self.calls as i32, format!("work {input}"));
            format!("{}:{input}", self.logger.name())
        }

        /// The handle of the logger it holds.
        pub fn logger_handle(&self) -> i32 {
            self.logger.handle()
        }
    }
}

wasmbridge::export! {
    /// Stores `listener`; returns its id.
    fn add_listener(listener: StoredCallback<(String,), i32>) -> u32 {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        LISTENERS.with(|l| l.borrow_mut().push((id, listener)));
        id
    }

    /// Drops the listener `id`; false when there is none.
    fn remove_listener(id: u32) -> bool {
        LISTENERS.with(|l| {
            let mut listeners = l.borrow_mut();
            let before = listeners.len();
            listeners.retain(|(i, _)| *i != id);
            before != listeners.len()
        })
    }

    /// The handle of listener `id` (0 when there is none): equal for the same Java object.
    fn listener_handle(id: u32) -> i32 {
        LISTENERS.with(|l| l.borrow().iter().find(|(i, _)| *i == id).map_or(0, |(_, f)| f.handle()))
    }

    fn listener_count() -> u32 {
        LISTENERS.with(|l| l.borrow().len() as u32)
    }

    /// Drops every listener.
    fn clear_listeners() {
        LISTENERS.with(|l| l.borrow_mut().clear());
    }

    /// Calls every listener with `event`, in the order added: `ok <result>` or `gone` for each.
    fn fire(event: String) -> Vec<String> {
        let _guard = FireGuard;
        // The list stays borrowed during the calls: a listener must not add or remove listeners.
        LISTENERS.with(|l| {
            l.borrow()
                .iter()
                .map(|(_, listener)| match listener.call((event.clone(),)) {
                    Ok(n) => format!("ok {n}"),
                    Err(gone) => format!("gone: {gone}"),
                })
                .collect()
        })
    }

    /// How many times `fire` has dropped its guard.
    fn fire_guards_dropped() -> u32 {
        FIRE_GUARDS_DROPPED.with(Cell::get)
    }

    /// Whether `a` and `b` are the same Java object (same handle), both passed to this one call.
    fn same_handle(a: StoredCallback<(String,), i32>, b: StoredCallback<(String,), i32>) -> bool {
        a.handle() == b.handle()
    }

    /// Stores an aborting callback.
    fn set_aborting(callback: AbortingCallback<(i32,), i32>) {
        ABORTING.with(|a| *a.borrow_mut() = Some(callback));
    }

    /// Calls the aborting callback with `x`; -1 when it was revoked, -2 when there is none.
    fn call_aborting(x: i32) -> i32 {
        ABORTING.with(|a| match &*a.borrow() {
            Some(callback) => callback.call((x,)).unwrap_or(-1),
            None => -2,
        })
    }

    /// Keeps `logger` in a static, replacing (and so releasing) the one kept before.
    fn set_logger(logger: Logger) {
        LOGGER.with(|l| *l.borrow_mut() = Some(logger));
    }

    /// Logs through the kept logger; returns its count afterwards, or -1 without a logger.
    fn log_through(level: i32, message: String) -> i64 {
        LOGGER.with(|l| match &*l.borrow() {
            Some(logger) => {
                logger.log(level, message);
                i64::from(logger.count())
            }
            None => -1,
        })
    }

    /// Drops the kept logger.
    fn drop_logger() {
        LOGGER.with(|l| *l.borrow_mut() = None);
    }
}
