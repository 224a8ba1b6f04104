//! The "who reached out" choice a meeting and a check-in share: not said, me, or the other
//! person by name. Not said is the default, so nothing is claimed that was not told.

use super::{FieldId, Fields, Value};
use crate::domain::Side;

/// The label of the field, the same on every form.
pub const LABEL: &str = "Reached out";

/// The hint under it.
pub const HINT: &str = "← → to change";

/// The choice with `chosen` picked; `other` is the other person's name.
pub fn pick(chosen: Option<Side>, other: &str) -> Value {
    let options = vec![
        (String::new(), "not said".to_string()),
        (Side::Me.id().to_string(), "me".to_string()),
        (Side::Other.id().to_string(), other.to_string()),
    ];
    let at = chosen.map_or(0, |s| {
        options.iter().position(|o| o.0 == s.id()).unwrap_or(0)
    });
    Value::Pick { options, at }
}

/// What the field holds: `None` when not said.
pub fn read(fields: &Fields) -> Option<Side> {
    Side::from_id(&fields.string(FieldId::ReachedOut))
}

/// Puts the other person's name on their option (after a change of person).
pub fn rename_other(fields: &mut Fields, other: &str) {
    if let Some(Value::Pick { options, .. }) = fields.get_mut(FieldId::ReachedOut)
        && let Some(o) = options.iter_mut().find(|o| o.0 == Side::Other.id())
    {
        o.1 = other.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_said_is_the_default_and_each_side_reads_back() {
        let mut f = Fields::default();
        f.push(FieldId::ReachedOut, LABEL, pick(None, "Sam"), Some(HINT));
        assert_eq!(read(&f), None);
        for side in [Side::Me, Side::Other] {
            if let Some(v) = f.get_mut(FieldId::ReachedOut) {
                *v = pick(Some(side), "Sam");
            }
            assert_eq!(read(&f), Some(side));
        }
        rename_other(&mut f, "Kim");
        assert!(matches!(
            f.get(FieldId::ReachedOut),
            Some(Value::Pick { options, at: 2 }) if options[2].1 == "Kim"
        ));
    }
}
