//! Float text as Nim's `addFloat` writes it (shortest round-trip digits, laid out
//! by dragonbox's `formatDigits` with a forced `.0`), with `e` → `E` as NIF27 does.

use std::fmt::Write;

/// Appends `f` in NIF27 float syntax. Infinities and NaN are the compounds
/// `(inf)`, `(neginf)`, `(nan)`; `-0.0` stays signed.
pub(crate) fn write_float(out: &mut Vec<u8>, f: f64) {
    if f.is_nan() {
        out.extend_from_slice(b"(nan)");
        return;
    }
    if f.is_infinite() {
        out.extend_from_slice(if f < 0.0 { b"(neginf)" } else { b"(inf)" });
        return;
    }
    if f.is_sign_negative() {
        out.push(b'-');
    }
    let a = f.abs();
    if a == 0.0 {
        out.extend_from_slice(b"0.0");
        return;
    }
    // Shortest round-trip digits and exponent from Rust's `{:e}`: "d.ddde-7".
    let mut s = String::with_capacity(32);
    let _ = write!(s, "{a:e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let n = digits.len() as i32;
    let point = exp + 1; // the decimal point follows the first `point` digits
    if (-6..=17).contains(&point) {
        if point <= 0 {
            out.extend_from_slice(b"0.");
            out.resize(out.len() + (-point) as usize, b'0');
            out.extend_from_slice(&digits);
        } else if point < n {
            let (int, frac) = digits.split_at((point as usize).min(digits.len()));
            out.extend_from_slice(int);
            out.push(b'.');
            out.extend_from_slice(frac);
        } else {
            out.extend_from_slice(&digits);
            out.resize(out.len() + (point - n) as usize, b'0');
            out.extend_from_slice(b".0");
        }
    } else {
        let (first, rest) = digits.split_first().map_or((b'0', &[][..]), |(f, r)| (*f, r));
        out.push(first);
        if !rest.is_empty() {
            out.push(b'.');
            out.extend_from_slice(rest);
        }
        let e = point - 1;
        out.push(b'E');
        out.push(if e < 0 { b'-' } else { b'+' });
        let _ = write!(VecWriter(out), "{}", e.unsigned_abs());
    }
}

struct VecWriter<'a>(&'a mut Vec<u8>);

impl Write for VecWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::write_float;
    fn t(f: f64) -> String {
        let mut v = Vec::new();
        write_float(&mut v, f);
        String::from_utf8(v).unwrap_or_default()
    }
    #[test]
    fn layouts() {
        assert_eq!(t(3.25), "3.25");
        assert_eq!(t(-0.5), "-0.5");
        assert_eq!(t(1e100), "1E+100");
        assert_eq!(t(1.0), "1.0");
        assert_eq!(t(-0.0), "-0.0");
        assert_eq!(t(0.0), "0.0");
        assert_eq!(t(1e-7), "0.0000001");
        assert_eq!(t(1e-8), "1E-8");
        assert_eq!(t(2.5e-300), "2.5E-300");
        assert_eq!(t(1.5e-6), "0.0000015");
        assert_eq!(t(1e16), "10000000000000000.0");
        assert_eq!(t(1e17), "1E+17");
        assert_eq!(t(1e18), "1E+18");
        assert_eq!(t(123456.789), "123456.789");
    }
}
