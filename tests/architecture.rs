//! The shape of the crate: the pipeline's modules depend on each other in one direction only.
//!
//! Two import circles had grown before (`engine ↔ audit ↔ model::bundled`, and `finding → policy →
//! vault → recognizer::compiled → finding`), each a sign of a fact kept in the wrong place. This
//! test reads `src/` and fails on any cycle among the modules (top-level modules, and the
//! submodules of `model` and the shared parts of `recognizer`, which are homes of their own).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a path of `src/` (split at `::`) belongs to, at the granularity of this test.
fn home(parts: &[&str]) -> Option<String> {
    let (&first, rest) = parts.split_first()?;
    let split = match first {
        "model" => rest.first().is_some_and(|s| !s.is_empty()),
        "recognizer" => rest.first().is_some_and(|s| matches!(*s, "compiled" | "registry" | "prefilter" | "checksum")),
        _ => false,
    };
    Some(if split { format!("{first}::{}", rest[0]) } else { first.to_string() })
}

/// Source without comments (doc links are not dependencies) and without the tests at the end.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_modules_have_no_import_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // What `lib.rs` re-exports at the top (`crate::Scrim` is `engine`).
    let lib = code(&src.join("lib.rs"));
    let reexport = regex::Regex::new(r"pub use ([a-z_]+)::(?:\{([^}]*)\}|([A-Za-z_]+));").unwrap();
    let mut item_home: BTreeMap<String, String> = BTreeMap::new();
    for c in reexport.captures_iter(&lib) {
        let items = c.get(2).or(c.get(3)).unwrap().as_str();
        for item in items.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            item_home.insert(item.to_string(), c[1].to_string());
        }
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let use_path = regex::Regex::new(r"crate::(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)").unwrap();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<&str> = rel.iter().map(|p| p.to_str().unwrap()).collect();
        if parts.last() == Some(&"mod") {
            parts.pop();
        }
        if matches!(parts.first(), Some(&"lib") | Some(&"bin")) {
            continue;
        }
        let from = home(&parts).unwrap();
        for c in use_path.captures_iter(&code(file)) {
            let target = c[1].trim_start_matches('{').trim_end_matches('}').to_string();
            for path in target.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let segments: Vec<&str> = path.split("::").collect();
                let to = match item_home.get(segments[0]) {
                    Some(m) => m.clone(),
                    None => match home(&segments) {
                        Some(m) => m,
                        None => continue,
                    },
                };
                // A submodule and its parent module are one home (`recognizer::checksum` uses the
                // `Validation` of `recognizer`).
                let family = to == from || to.starts_with(&format!("{from}::")) || from.starts_with(&format!("{to}::"));
                if !family {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn find_cycle(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = find_cycle(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = find_cycle(node, &edges, &mut Vec::new(), &mut done) {
            panic!("import circle: {}\nall edges: {edges:#?}", cycle.join(" -> "));
        }
    }
    // The stages named in the README's diagram are where the test looks for them.
    for stage in ["analyze", "judge", "operator", "report", "vault", "normalize"] {
        assert!(edges.contains_key(stage), "no module {stage}");
    }
}
