//! The layers of the crate, checked from the source: a module may use its own layer and the
//! ones below it, never one above, and no two top-level modules use each other (no cycles).
//!
//! Reads every `src/**/*.rs`, finds each `crate::NAME` (also inside `use crate::{a, b::c}`),
//! and compares the layers of the two files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first. A module not listed fails the test, so a new one gets a place.
const LAYERS: &[(&str, &[&str])] = &[
    // Plain types and pure rules (and how counts read in words, and the interface long work
    // reports its progress through): nothing of ours below them.
    ("domain", &["domain", "words", "progress"]),
    // Text measuring, wrapping and cleaning; handing a long text to the person's own editor.
    ("foundation", &["text", "external"]),
    ("vocabulary", &["content", "error"]),
    ("config", &["config"]),
    ("store", &["store"]),
    // What works on a journal without a screen: the command line's subcommands, exports,
    // imports, checks, copies, sample data.
    (
        "services",
        &[
            "review", "backup", "health", "demo", "exchange", "share", "generate", "cli",
        ],
    ),
    ("app", &["app"]),
    ("ui", &["ui"]),
    // Where the terminal program is put together: the loop, and the command that starts it.
    ("entry", &["tui", "main", "lib", "cli::launch"]),
];

/// The node a file belongs to: its top-level module, except the files that start the
/// terminal program, which are the entry point even where they sit inside `cli`.
fn node_of(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.len() >= 2 && parts[0] == "cli" && parts[1] == "launch" {
        return "cli::launch".into();
    }
    parts[0].clone()
}

fn layer_of(node: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, mods)| mods.contains(&node))
        .unwrap_or_else(|| {
            panic!("the module `{node}` has no layer: add it to LAYERS in tests/layers.rs")
        })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments (doc examples name `mentorlog::`, not `crate::`,
/// but a comment may mention a path it does not use), and without its unit tests: a test may
/// build its data with a module of any layer (the journal generator, say), which the built
/// program never does.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> Option<&str> {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

/// The top-level modules a piece of code names through `crate::` (with `cli::launch` told
/// apart from the rest of `cli`).
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `mycrate::` and the like
        }
        let r = rest.trim_start();
        if let Some(group) = r.strip_prefix('{') {
            // `crate::{a::x, b, c::{..}}`: the names at the top level of the braces.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 0 => {
                        start = false;
                        if let Some(id) = ident_at(&group[j..]) {
                            out.insert(qualify(id, &group[j + id.len()..]));
                        }
                    }
                    _ => {}
                }
            }
        } else if let Some(id) = ident_at(r) {
            out.insert(qualify(id, &r[id.len()..]));
        }
    }
    out
}

fn qualify(id: &str, after: &str) -> String {
    if id == "cli"
        && after
            .strip_prefix("::")
            .is_some_and(|a| ident_at(a) == Some("launch"))
    {
        "cli::launch".into()
    } else {
        id.to_string()
    }
}

/// (file, its node, the nodes it uses) for every source file.
fn graph() -> Vec<(String, String, BTreeSet<String>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&src).unwrap();
            let code = code_of(&fs::read_to_string(f).unwrap());
            let node = node_of(rel);
            let mut used = used_modules(&code);
            used.remove(&node);
            (format!("src/{}", rel.display()), node, used)
        })
        .collect()
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    for (file, node, used) in graph() {
        let own = layer_of(&node);
        for u in used {
            let theirs = layer_of(&u);
            if theirs > own {
                wrong.push(format!(
                    "{file} ({}) uses `{u}` ({})",
                    LAYERS[own].0, LAYERS[theirs].0
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a layer reaches up (the order, bottom first, is {:?}):\n{}",
        LAYERS.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        wrong.join("\n")
    );
}

#[test]
fn no_two_modules_use_each_other() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, node, used) in graph() {
        edges.entry(node).or_default().extend(used);
    }
    // A cycle of any length: walk from each module and see whether it comes back.
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut path = vec![start.clone()];
        if let Some(cycle) = back_to(start, start, &edges, &mut path, &mut BTreeSet::new()) {
            cycles.push(cycle.join(" -> "));
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

fn back_to(
    start: &str,
    at: &str,
    edges: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    for next in edges.get(at).into_iter().flatten() {
        if next == start {
            let mut p = path.clone();
            p.push(start.to_string());
            return Some(p);
        }
        if seen.insert(next.clone()) {
            path.push(next.clone());
            if let Some(c) = back_to(start, next, edges, path, seen) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn the_reader_finds_grouped_and_plain_paths() {
    let code = "use crate::{app::{App, x}, ui::widgets::wrap, text};\nlet a = crate::store::Store::open();\nuse crate::cli::launch::run;\nlet b = mycrate::ui::x;";
    let used = used_modules(code);
    let want: BTreeSet<String> = ["app", "ui", "text", "store", "cli::launch"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(used, want);
    assert_eq!(code_of("let x = 1; // crate::ui"), "let x = 1; ");
    let with_tests = "use crate::store::Store;\n#[cfg(test)]\nmod tests {\n    use crate::generate::generate;\n}\n";
    let used = used_modules(&code_of(with_tests));
    assert_eq!(used, BTreeSet::from(["store".to_string()]));
}
