//! Reading a spec file into the raw model, reporting every problem with its position.

use crate::diag::{choices_help, did_you_mean, Diagnostics, SpecError};
use crate::locate::{render_path, Locator, Path, Seg};
use crate::spec::*;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

/// Parses spec text. Parts that fail are reported in `diags` and left as `None`, so the rest is
/// still checked.
pub fn parse(text: &str, diags: &mut Diagnostics) -> RawSpec {
    let root: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let position = e.location().map(|l| (l.line(), l.column()));
            diags.push(
                SpecError::new(
                    position,
                    format!("YAML syntax error: {}", strip_location(&e.to_string())),
                )
                .help("fix the YAML at this position (check indentation, colons and quotes)"),
            );
            return RawSpec::default();
        }
    };
    let loader = Loader {
        locator: Locator::new(text),
        diags,
    };
    loader.root(root)
}

/// serde_yaml appends " at line L column C"; we print the position ourselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

struct Loader<'a, 'd> {
    locator: Locator<'a>,
    diags: &'d mut Diagnostics,
}

impl Loader<'_, '_> {
    fn error(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let position = self.locator.find(path);
        self.diags
            .push(SpecError::new(position, message).help(help));
    }

    /// Deserializes one part; a serde error is reported at the offending key where possible.
    fn leaf<T: DeserializeOwned>(
        &mut self,
        path: &Path,
        value: Value,
        what: &str,
        known: &[&str],
    ) -> Option<T> {
        match serde_yaml::from_value(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report_serde(path, &e.to_string(), what, known);
                None
            }
        }
    }

    fn report_serde(&mut self, path: &Path, message: &str, what: &str, known: &[&str]) {
        let message = strip_location(message);
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('`'))
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string)
        };
        let where_ = render_path(path);
        if let Some(field) = quoted("unknown field ") {
            let mut at = path.clone();
            at.push(Seg::Key(field.clone()));
            let help = match did_you_mean(&field, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? ({} keys: {})", what, list(known)),
                None => format!("remove it; {} keys are: {}", what, list(known)),
            };
            self.error(
                &at,
                format!("unknown key `{field}` in {what} `{where_}`"),
                help,
            );
        } else if let Some(field) = quoted("missing field ") {
            self.error(
                path,
                format!("{what} `{where_}` has no `{field}`"),
                format!("add `{field}: ...` to it"),
            );
        } else {
            self.error(
                path,
                format!("invalid {what} `{where_}`: {message}"),
                "see README.md, \"The spec language\"",
            );
        }
    }

    fn root(mut self, root: Value) -> RawSpec {
        let mut spec = RawSpec::default();
        let Value::Mapping(map) = root else {
            self.error(
                &[],
                "the spec must be a YAML mapping",
                format!("start with the keys {}", list(TOP_LEVEL_KEYS)),
            );
            return spec;
        };
        for (key, value) in map {
            let Some(key) = key.as_str().map(str::to_string) else {
                self.error(
                    &[],
                    "a top-level key is not a string",
                    "use plain keys such as `endpoints:`",
                );
                continue;
            };
            let path = vec![Seg::Key(key.clone())];
            match key.as_str() {
                "versions" => spec.versions = self.versions(&path, value),
                "models" => spec.models = self.models(&path, value),
                "extern_models" => {
                    spec.extern_models = self
                        .leaf::<serde_yaml::Mapping>(&path, value, "extern_models", &[])
                        .map(|m| self.string_pairs(&path, m))
                        .unwrap_or_default()
                }
                "endpoints" => spec.endpoints = self.endpoints(&path, value),
                other => {
                    let help = choices_help(other, TOP_LEVEL_KEYS);
                    self.error(&path, format!("unknown top-level key `{other}`"), help);
                }
            }
        }
        spec
    }

    fn string_pairs(&mut self, path: &Path, map: serde_yaml::Mapping) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (k, v) in map {
            match (k.as_str(), v.as_str()) {
                (Some(k), Some(v)) => out.push((k.to_string(), v.to_string())),
                _ => self.error(
                    path,
                    "extern_models entries must be `Name: \"::crate::path::Name\"`",
                    "quote the Rust path",
                ),
            }
        }
        out
    }

    fn mapping(&mut self, path: &Path, value: Value, what: &str) -> Vec<(String, Value)> {
        let Value::Mapping(map) = value else {
            self.error(
                path,
                format!("`{}` must be a mapping of {what}", render_path(path)),
                "indent its entries below it as `name:` keys",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in map {
            match k.as_str() {
                Some(k) => out.push((k.to_string(), v)),
                None => self.error(
                    path,
                    format!("a key in `{}` is not a string", render_path(path)),
                    "use plain names as keys",
                ),
            }
        }
        out
    }

    fn versions(&mut self, path: &Path, value: Value) -> Vec<(String, Option<RawVersion>)> {
        const KEYS: &[&str] = &["base_url", "auth", "description"];
        self.mapping(path, value, "API versions")
            .into_iter()
            .map(|(name, v)| {
                let mut p = path.clone();
                p.push(Seg::Key(name.clone()));
                let version = self.leaf(&p, v, "API version", KEYS);
                (name, version)
            })
            .collect()
    }

    fn models(&mut self, path: &Path, value: Value) -> Vec<Option<RawModel>> {
        self.mapping(path, value, "models")
            .into_iter()
            .map(|(name, v)| {
                let mut p = path.clone();
                p.push(Seg::Key(name.clone()));
                let shell: RawModelShell = self.leaf(&p, v, "model", &["description", "fields"])?;
                p.push(Seg::key("fields"));
                let mut fields = Vec::new();
                for (field, fv) in shell.fields {
                    let Some(field) = field.as_str().map(str::to_string) else {
                        self.error(&p, "a field name is not a string", "quote the field name");
                        continue;
                    };
                    let mut fp = p.clone();
                    fp.push(Seg::Key(field.clone()));
                    match RawField::from_value(fv) {
                        Ok(f) => fields.push((field, f)),
                        Err(e) => self.report_serde(
                            &fp,
                            &e.to_string(),
                            "model field",
                            &["type", "required", "description"],
                        ),
                    }
                }
                Some(RawModel {
                    name,
                    description: shell.description,
                    fields,
                })
            })
            .collect()
    }

    fn endpoints(&mut self, path: &Path, value: Value) -> Vec<Option<RawEndpoint>> {
        const KEYS: &[&str] = &[
            "name",
            "version",
            "path",
            "formats",
            "default_format",
            "methods",
            "login_required",
            "rate_limited",
            "access_level",
            "format_suffix",
            "updated",
            "description",
            "notes",
            "params",
            "response",
            "examples",
            "curl",
        ];
        const PARAM_KEYS: &[&str] = &[
            "name",
            "in",
            "type",
            "required",
            "credential",
            "min_items",
            "max_items",
            "default",
            "description",
        ];
        let Value::Sequence(items) = value else {
            self.error(
                path,
                "`endpoints` must be a list",
                "write each endpoint as a `- name: ...` item",
            );
            return Vec::new();
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let mut p = path.clone();
                p.push(Seg::Index(i));
                let shell: RawEndpointShell = self.leaf(&p, item, "endpoint", KEYS)?;
                let params = shell
                    .params
                    .iter()
                    .enumerate()
                    .map(|(j, pv)| {
                        let mut pp = p.clone();
                        pp.extend([Seg::key("params"), Seg::Index(j)]);
                        self.leaf(&pp, pv.clone(), "parameter", PARAM_KEYS)
                    })
                    .collect();
                Some(RawEndpoint { shell, params })
            })
            .collect()
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        let mut diags = Diagnostics::default();
        parse(text, &mut diags);
        diags.errors().iter().map(|e| e.render("s.yaml")).collect()
    }

    #[test]
    fn reports_yaml_syntax_errors_with_position() {
        let e = errors("versions:\n  v1: [unclosed\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("s.yaml:3:1: YAML syntax error"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn reports_unknown_keys_with_suggestion_and_keeps_going() {
        let text = "versoins: {}\nendpoints:\n  - name: a\n    version: v1\n    pathh: a\n    response: User\n  - name: b\n    version: v1\n    path: b\n    response: User\n    params:\n      - { name: x, typ: string }\n";
        let e = errors(text);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(
            e[0].contains("s.yaml:1:1: unknown top-level key `versoins`")
                && e[0].contains("did you mean `versions`")
        );
        assert!(
            e[1].contains("s.yaml:5:5: unknown key `pathh` in endpoint `endpoints[0]`")
                && e[1].contains("`path`")
        );
        assert!(
            e[2].contains("s.yaml:12:20: unknown key `typ`")
                && e[2].contains("did you mean `type`"),
            "{}",
            e[2]
        );
    }
}
