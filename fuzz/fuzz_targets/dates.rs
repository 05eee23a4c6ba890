#![no_main]
//! Any text given as a date either parses to a real day that prints back to
//! itself in ISO form, or is refused; never a panic.

use libfuzzer_sys::fuzz_target;
use qianqi::domain::date;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = date::parse(s) {
        assert_eq!(date::parse(&date::iso(d)), Ok(d));
    }
});
