//! Resources in what leaves the journal from the shell: the pair review (Markdown and JSON)
//! and the Markdown export show shared resources, and private ones only with
//! --include-private.

use mentorlog::domain::{Resource, ResourceKind, ResourceState, Side};
use mentorlog::store::Store;

mod common;

use common::cli::*;

#[test]
fn private_resources_leave_only_with_include_private() {
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let mut shared = Resource::new(
        sam.id,
        ResourceKind::Book,
        "SHARED-BOOK",
        Side::Other,
        now(),
    );
    shared.detail = "An *author* with [a link](http://example.com)".into();
    shared.state = ResourceState::Done;
    store.save_resource(&shared, now()).unwrap();
    let mut kept = Resource::new(sam.id, ResourceKind::Link, "SECRET-LINK", Side::Me, now());
    kept.note = "SECRET-NOTE".into();
    kept.private = true;
    store.save_resource(&kept, now()).unwrap();
    drop(store);

    for args in [
        vec!["review", "--with", "Sam"],
        vec!["review", "--with", "Sam", "--format", "json"],
        vec!["export", "--format", "markdown"],
    ] {
        let out = stdout(&env.run(&args).success());
        assert!(out.contains("SHARED-BOOK"), "{args:?}:\n{out}");
        assert!(
            !out.contains("SECRET-LINK") && !out.contains("SECRET-NOTE"),
            "{args:?} leaked:\n{out}"
        );
        let mut all = args.clone();
        all.push("--include-private");
        let out = stdout(&env.run(&all).success());
        assert!(
            out.contains("SECRET-LINK") && out.contains("SECRET-NOTE"),
            "{all:?}:\n{out}"
        );
    }
    let md = stdout(&env.run(&["review", "--with", "Sam"]).success());
    assert!(md.contains("## Resources and introductions"), "{md}");
    assert!(
        md.contains("An \\*author\\* with \\[a link\\](http\\://example.com)"),
        "typed text stays text:\n{md}"
    );
}
