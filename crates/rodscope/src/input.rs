//! Reading input files.
//!
//! A regular file of 64 KiB or more is memory-mapped: nothing is copied, and a
//! command that skips sections (e.g. `view`, which never builds the trees) never
//! reads their pages. Measured on system.rod (4.6 MB): `std::fs::read` costs about
//! 1.3 ms of the process's wall time (a fresh buffer takes one page fault per
//! 4 KiB), mapping and touching every page about 0.2 ms. Smaller files, files that
//! cannot be mapped, and every file when `RODSCOPE_NO_MMAP` is set are read into
//! memory with a buffer of the file's exact size.

use std::fs::File;
use std::io::Read;
use std::ops::Deref;
use std::path::Path;

/// Files below this size are read, not mapped.
const MAP_AT_LEAST: u64 = 64 * 1024;

/// The bytes of one input file.
pub enum Bytes {
    /// A read-only mapping of the whole file.
    Mapped(memmap2::Mmap),
    /// The file read into memory.
    Owned(Vec<u8>),
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// The bytes of the file at `path`.
pub fn read(path: &Path) -> std::io::Result<Bytes> {
    let mut f = File::open(path)?;
    let meta = f.metadata()?;
    if meta.is_file() && meta.len() >= MAP_AT_LEAST && std::env::var_os("RODSCOPE_NO_MMAP").is_none() {
        // SAFETY: `Mmap::map` is unsafe because the bytes behind the returned slice
        // must not change while it is used. The mapping is read-only; its bytes change
        // only if another process rewrites the file in place while rodscope reads it
        // (the compiler writes a nimcache only while it compiles, and rodscope reads
        // finished caches). Then the decoder, which checks every length and offset
        // against the slice length fixed here, reports a damaged file, or the process
        // ends with SIGBUS if the file shrank, as for any program that maps its input.
        // `RODSCOPE_NO_MMAP=1` avoids the mapping.
        if let Ok(m) = unsafe { memmap2::Mmap::map(&f) } {
            return Ok(Bytes::Mapped(m));
        }
    }
    let mut v = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    f.read_to_end(&mut v)?;
    Ok(Bytes::Owned(v))
}
