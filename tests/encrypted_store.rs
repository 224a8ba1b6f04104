//! The encrypted journal at the store: made encrypted, opened only with its passphrase,
//! converted both ways, and every copy of it encrypted too.

use std::fs;

use chrono::Utc;
use mentorlog::domain::{Passphrase, Reflection};
use mentorlog::error::Error;
use mentorlog::store::{Store, is_encrypted};

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.into()).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

const MARKER: &str = "zebra-quartz-lantern";

fn with_marker(store: &mut Store) {
    let r = Reflection::new(&format!("what I told no one: {MARKER}"), Utc::now());
    store.save_reflection(&r, Utc::now()).unwrap();
    store.checkpoint().unwrap();
}

#[test]
fn an_encrypted_journal_opens_only_with_its_passphrase_and_a_wrong_try_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    {
        let mut store = Store::create_encrypted(&path, &pass("right one")).unwrap();
        assert!(store.is_encrypted());
        with_marker(&mut store);
    }
    mentorlog::store::forget(&path);
    assert!(is_encrypted(&path));
    assert!(!contains(&fs::read(&path).unwrap(), MARKER.as_bytes()));
    let before = fs::read(&path).unwrap();
    let err = Store::open_existing(&path).err().expect("no passphrase");
    assert!(matches!(err, Error::Locked { .. }), "{err}");
    let err = Store::unlock(&path, &pass("wrong one"))
        .err()
        .expect("wrong");
    assert!(matches!(err, Error::WrongPassphrase { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "untouched by the tries");
    let store = Store::unlock(&path, &pass("right one")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    // Remembered for this process: later opens need no passphrase.
    let again = Store::open_read_only(&path).unwrap();
    assert_eq!(again.counts().unwrap().0[3], ("reflections", 1));
}

#[test]
fn converting_keeps_everything_and_each_form_opens_its_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    {
        let mut store = Store::open(&path).unwrap();
        with_marker(&mut store);
    }
    assert!(contains(&fs::read(&path).unwrap(), MARKER.as_bytes()));
    let done = mentorlog::store::convert(&path, Some(&pass("first"))).unwrap();
    assert!(done.encrypted);
    assert!(is_encrypted(&path));
    for side in ["", "-wal", "-shm"] {
        let p = format!("{}{side}", path.display());
        if let Ok(bytes) = fs::read(&p) {
            assert!(!contains(&bytes, MARKER.as_bytes()), "{p}");
        }
    }
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("journal.db")),
        "no temporary left: {names:?}"
    );
    mentorlog::store::convert(&path, Some(&pass("second"))).unwrap();
    mentorlog::store::forget(&path);
    assert!(matches!(
        Store::unlock(&path, &pass("first")).err(),
        Some(Error::WrongPassphrase { .. })
    ));
    let store = Store::unlock(&path, &pass("second")).unwrap();
    let backup = dir.path().join("copy.db");
    store.backup_to(&backup).unwrap();
    assert!(is_encrypted(&backup));
    assert!(!contains(&fs::read(&backup).unwrap(), MARKER.as_bytes()));
    drop(store);
    let back = mentorlog::store::convert(&path, None).unwrap();
    assert!(!back.encrypted);
    assert!(!is_encrypted(&path));
    let plain = Store::open_existing(&path).unwrap();
    assert_eq!(plain.integrity_check().unwrap(), "ok");
    assert_eq!(plain.counts().unwrap(), back.counts);
    assert!(contains(&fs::read(&path).unwrap(), MARKER.as_bytes()));
}
