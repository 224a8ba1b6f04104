//! Store tests that run against a plain journal and an encrypted one: `each_way(|way| ...)`
//! runs the test body once each way, and `Way` makes and opens the journal as that way does.

use std::path::Path;

use mentorlog::domain::Passphrase;
use mentorlog::store::{Store, forget, remember};

/// The passphrase of every encrypted journal these tests make.
pub const PASSPHRASE: &str = "both ways, one passphrase";

/// How a test's journal is kept on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Plain,
    Encrypted,
}

impl Way {
    pub const ALL: [Way; 2] = [Way::Plain, Way::Encrypted];

    pub fn passphrase() -> Passphrase {
        Passphrase::new(PASSPHRASE.into()).unwrap()
    }

    pub fn is_encrypted(self) -> bool {
        self == Way::Encrypted
    }

    /// A new journal at `path` (which must not exist), open; an encrypted one's passphrase is
    /// remembered for this process, as after `mentorlog encrypt`.
    pub fn create(self, path: &Path) -> Store {
        let store = match self {
            Way::Plain => Store::open(path),
            Way::Encrypted => Store::create_encrypted(path, &Way::passphrase()),
        }
        .unwrap_or_else(|e| panic!("{self:?} journal at {}: {e}", path.display()));
        assert_eq!(store.is_encrypted(), self.is_encrypted());
        store
    }

    /// `Store::open` for this way: the journal at `path`, made when missing.
    pub fn open(self, path: &Path) -> Store {
        if !path.exists() {
            return self.create(path);
        }
        self.knows(path);
        Store::open(path).unwrap_or_else(|e| panic!("{self:?}: {e}"))
    }

    /// Opens the existing journal at `path` as a new process would: nothing remembered
    /// beforehand, then the passphrase given for an encrypted one.
    pub fn reopen(self, path: &Path) -> Store {
        forget(path);
        match self {
            Way::Plain => Store::open_existing(path),
            Way::Encrypted => Store::unlock(path, &Way::passphrase()),
        }
        .unwrap_or_else(|e| panic!("{self:?}: {e}"))
    }

    /// Remembers the passphrase of an encrypted journal at `path` for this process (as the
    /// command line does when it starts), so `Store::open_*` and the copies open it.
    pub fn knows(self, path: &Path) {
        if self == Way::Encrypted {
            remember(path, Way::passphrase());
        }
    }
}

/// Runs `test` against a plain journal, then an encrypted one; a failure names the way.
pub fn each_way(test: impl Fn(Way)) {
    for way in Way::ALL {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test(way)));
        if let Err(panic) = run {
            eprintln!("failed with a {way:?} journal");
            std::panic::resume_unwind(panic);
        }
    }
}
