//! Scratch directories for the end-to-end tests: one per test, removed when it ends.

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A fresh directory under the system's temporary directory, named for the test and the
/// process, removed (with everything in it) when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    /// Creates `faceid-rules-<name>-<pid>`, emptied first if an earlier run left it.
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("faceid-rules-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory can be created");
        Scratch(dir)
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
