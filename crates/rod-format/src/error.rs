//! One error type for every decoding failure.

use std::fmt;

/// What went wrong, by category. The first four mirror Nim's own `RodFileError`
/// reasons; the rest are ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The cookie is not a rod cookie, or is for another word size, byte order or
    /// RodVersion (Nim: `wrongHeader`).
    WrongHeader,
    /// A section tag other than the one the layout expects (Nim: `wrongSection`).
    WrongSection,
    /// A length or count that cannot fit in what is left of the file (Nim: `tooBig`).
    TooBig,
    /// The file ends inside a value (Nim: `ioFailure` on a short read).
    UnexpectedEnd,
    /// Bytes left over after the last section.
    TrailingBytes,
    /// A value that is structurally impossible (negative count, bad span, ...).
    InvalidValue,
    /// The file does not fit any known compiler's layout.
    UnknownLayout,
}

impl ErrorKind {
    /// A short stable name, used in JSON output and in tests.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::WrongHeader => "wrong-header",
            ErrorKind::WrongSection => "wrong-section",
            ErrorKind::TooBig => "too-big",
            ErrorKind::UnexpectedEnd => "unexpected-end",
            ErrorKind::TrailingBytes => "trailing-bytes",
            ErrorKind::InvalidValue => "invalid-value",
            ErrorKind::UnknownLayout => "unknown-layout",
        }
    }
}

/// A decoding error: kind, message, absolute byte offset and the section it was in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    offset: usize,
    section: Option<&'static str>,
}

/// Result alias for this crate and its users.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error at an absolute file offset.
    pub fn new(kind: ErrorKind, message: impl Into<String>, offset: usize) -> Self {
        Error { kind, message: message.into(), offset, section: None }
    }

    /// The same error, naming the section it occurred in (kept if already set).
    pub fn in_section(mut self, section: &'static str) -> Self {
        if self.section.is_none() {
            self.section = Some(section);
        }
        self
    }

    /// The category of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The human-readable message, without offset or section.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The absolute byte offset in the file.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// The section being read, if known.
    pub fn section(&self) -> Option<&'static str> {
        self.section
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = self.section {
            write!(f, " in section {s}")?;
        }
        write!(f, " (at offset {:#x})", self.offset)
    }
}

impl std::error::Error for Error {}
