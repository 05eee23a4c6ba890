#![no_main]
//! Arbitrary bytes as a CSV file: decoding and reading never panic, and every
//! cell survives the export protections exactly.

use libfuzzer_sys::fuzz_target;
use qianqi::csvio::{export_id, guard, import_cell, unguard, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(source) =
        Source::from_reader("fuzz", Box::new(std::io::Cursor::new(data.to_vec())), None)
    else {
        return;
    };
    let (mut reader, _hash) = source.into_csv();
    let mut record = csv::StringRecord::new();
    while let Ok(true) = reader.read_record(&mut record) {
        for cell in record.iter() {
            assert_eq!(unguard(&guard(cell)), cell);
            assert_eq!(import_cell(&export_id(cell)), cell);
        }
    }
});
