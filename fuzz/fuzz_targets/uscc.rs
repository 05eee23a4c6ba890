#![no_main]
//! A code is accepted only if its check character is right, and an accepted
//! code is accepted again in its normalised form.

use libfuzzer_sys::fuzz_target;
use qianqi::domain::uscc::{check_char, Uscc};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(code) = Uscc::parse(s) {
        let c = code.as_str();
        assert_eq!(c.len(), 18);
        assert_eq!(check_char(&c[..17]), c.chars().nth(17));
        assert_eq!(Uscc::parse(c).as_ref(), Ok(&code));
    }
});
