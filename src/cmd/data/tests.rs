//! The tests of the field tables: every kind's columns, their names in both languages and their order.

use super::*;

#[test]
fn headers_match_in_any_order_and_language() {
    let l = Layout::<VisitField>::new(["走访日期", "Cadre", "企业名称"]).unwrap();
    assert_eq!(l.position(VisitField::Cadre), Some(1));
    assert_eq!(l.position(VisitField::Enterprise), Some(2));
    assert_eq!(l.position(VisitField::VisitedOn), Some(0));
    assert_eq!(l.position(VisitField::Note), None);
    assert_eq!(l.key_at(2), Some("enterprise"));
}

#[test]
fn unknown_repeated_and_missing_columns_are_named() {
    let e = Layout::<UnitField>::new(["code", "name", "kind", "colour"]).unwrap_err();
    assert!(
        e.starts_with("unknown column \"colour\"; a units file has code"),
        "{e}"
    );
    let e =
        Layout::<VisitField>::new(["cadre", "企业名称", "统一社会信用代码", "日期"]).unwrap_err();
    assert!(
        e.contains("\"企业名称\" and \"统一社会信用代码\" both give enterprise"),
        "{e}"
    );
    let e = Layout::<UnitField>::new(["code", "kind"]).unwrap_err();
    assert!(e.starts_with("missing column name (名称)"), "{e}");
}

#[test]
fn every_kind_has_distinct_headers() {
    for kind in DataKind::ALL {
        let mut seen = std::collections::HashSet::new();
        for f in kind.fields() {
            assert!(seen.insert(f.key), "{kind}: {}", f.key);
            for zh in f.zh {
                assert!(seen.insert(zh), "{kind}: {zh}");
            }
        }
    }
}

/// The name of a field's variant is its key, in CamelCase.
fn names_match<F: Fields>() {
    assert_eq!(F::ALL.len(), F::KIND.fields().len(), "{}", F::KIND);
    for (i, f) in F::ALL.iter().enumerate() {
        assert_eq!(f.index(), i);
        let snake: String = format!("{f:?}")
            .chars()
            .enumerate()
            .flat_map(|(j, c)| {
                let sep = (j > 0 && c.is_ascii_uppercase()).then_some('_');
                sep.into_iter().chain(c.to_lowercase())
            })
            .collect();
        assert_eq!(snake, f.key(), "{}", F::KIND);
    }
}

#[test]
fn every_field_variant_names_its_key() {
    names_match::<UnitField>();
    names_match::<CadreField>();
    names_match::<EnterpriseField>();
    names_match::<PairingField>();
    names_match::<MeetingField>();
    names_match::<VisitField>();
    names_match::<TicketField>();
    names_match::<EventField>();
}
