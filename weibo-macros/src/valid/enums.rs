//! Enumerations: a closed set of documented values, each with a Rust name.

use super::{key, Validator};
use crate::diag::choices_help;
use crate::ir::*;
use crate::locate::Seg;
use crate::names;
use crate::spec::RawSpec;
use std::collections::HashMap;

impl Validator<'_, '_> {
    pub(super) fn enums(&mut self, raw: &RawSpec) -> Vec<Enum> {
        let mut out = Vec::new();
        let models: Vec<&str> = raw
            .models
            .iter()
            .flatten()
            .map(|m| m.name.as_str())
            .collect();
        for (name, parsed) in &raw.enums {
            let Some(e) = parsed else { continue };
            let at = [key("enums"), key(name)];
            if !names::is_plain_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                self.error(
                    &at,
                    format!("enum name `{name}` is not a CamelCase identifier"),
                    format!("rename it, e.g. `{}`", names::pascal(name)),
                );
                continue;
            }
            if models.contains(&name.as_str()) {
                self.error(
                    &at,
                    format!("`{name}` is both a model and an enum"),
                    "rename one of them: models and enums share one namespace",
                );
                continue;
            }
            let numeric = match e.ty.as_str() {
                "int" | "int32" | "int64" => true,
                "string" => false,
                other => {
                    let mut p = at.to_vec();
                    p.push(key("type"));
                    self.value_error(
                        &p,
                        format!("enum `{name}` has the type `{other}`"),
                        choices_help(other, &["int", "string"]),
                    );
                    continue;
                }
            };
            if e.values.is_empty() {
                let mut p = at.to_vec();
                p.push(key("values"));
                self.error(
                    &p,
                    format!("enum `{name}` has no values"),
                    "list its documented values: `- { value: 0, name: all }`",
                );
                continue;
            }
            let mut values = Vec::new();
            let mut wires = HashMap::new();
            let mut idents = HashMap::new();
            for (k, v) in e.values.iter().enumerate() {
                let vp = |field: &str| {
                    let mut p = at.to_vec();
                    p.extend([key("values"), Seg::Index(k), key(field)]);
                    p
                };
                let wire = match (&v.value, numeric) {
                    (serde_yaml::Value::Number(n), true) if n.as_i64().is_some() => n.to_string(),
                    (serde_yaml::Value::String(s), false) => s.clone(),
                    (other, _) => {
                        let shown = serde_yaml::to_string(other).unwrap_or_default();
                        self.value_error(
                            &vp("value"),
                            format!(
                                "value `{}` of enum `{name}` is not {}",
                                shown.trim(),
                                if numeric { "a whole number" } else { "text" }
                            ),
                            if numeric {
                                "write a whole number, or make the enum `type: string`"
                            } else {
                                "quote it, or make the enum `type: int`"
                            },
                        );
                        continue;
                    }
                };
                if let Some(first) = wires.insert(wire.clone(), k) {
                    self.value_error(
                        &vp("value"),
                        format!("value `{wire}` of enum `{name}` is listed twice (also as item {first})"),
                        "list each value once",
                    );
                    continue;
                }
                let rust = names::pascal(&v.name);
                if let Some(other) = idents.insert(rust.clone(), v.name.clone()) {
                    self.value_error(
                        &vp("name"),
                        format!(
                            "values `{other}` and `{}` of enum `{name}` both become `{rust}`",
                            v.name
                        ),
                        "give them distinct names",
                    );
                    continue;
                }
                let what = format!("value `{}` of enum `{name}`", v.name);
                let [ident] = self.idents(&vp("name"), &what, [&rust]);
                values.push(EnumValue {
                    wire,
                    ident,
                    description: v.description.clone(),
                });
            }
            let [ident] = self.idents(&at, &format!("enum `{name}`"), [name]);
            out.push(Enum {
                name: name.clone(),
                ident,
                description: e.description.clone(),
                numeric,
                values,
            });
        }
        out
    }
}
