//! JSON objects field by field, without `serde_json::json!`.

use serde_json::{Map, Value};

/// A JSON object of `fields`, in order given (serde_json sorts them when written).
pub fn object<const N: usize>(mut fields: [(&str, Value); N]) -> Value {
    object_of(&mut fields)
}

/// [`object`] for any number of fields (compiled once), taking the values out of `fields`.
fn object_of(fields: &mut [(&str, Value)]) -> Value {
    let mut object = Map::new();
    for (name, value) in fields {
        object.insert((*name).to_owned(), std::mem::take(value));
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    #[test]
    fn fields_become_an_object_a_repeated_name_keeping_the_last() {
        let built = object([
            ("text", "hi".into()),
            ("n", 3.into()),
            ("none", Value::Null),
            ("nested", object([("ok", true.into())])),
            ("n", 4.into()),
        ]);
        assert_eq!(
            built,
            json!({"text": "hi", "n": 4, "none": null, "nested": {"ok": true}})
        );
        assert_eq!(object([]), json!({}));
    }
}
