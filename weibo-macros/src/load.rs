//! Reading a spec file into the raw model, reporting every problem with its position.

use crate::diag::{choices_help, did_you_mean, Diagnostics, SpecError};
use crate::locate::{render_path, Locator, Path, Seg};
use crate::spec::*;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

/// Parses spec text. Parts that fail are reported in `diags` and left as `None`, so the rest is
/// still checked.
pub fn parse(text: &str, diags: &mut Diagnostics) -> RawSpec {
    let mut root: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let position = e.location().map(|l| (l.line(), l.column()));
            diags.push(syntax_error(text, &e.to_string(), position));
            return RawSpec::default();
        }
    };
    let locator = Locator::new(text);
    // YAML merge keys (`<<: *defaults`), which serde_yaml reads as a plain key. Most specs
    // have none: the walk (a path per node) is skipped when no `<<` is written.
    let merges = text.contains("<<");
    if let Some(mut at) = merges.then(|| bad_merge(&root)).flatten() {
        at.push(Seg::key("<<"));
        diags.push(
            SpecError::new(
                locator.find_value(&at),
                "a merge key `<<` must merge a mapping",
            )
            .help("write `<<: *anchor` for one mapping, or `<<: [*a, *b]` for several"),
        );
        return RawSpec::default();
    }
    if merges && root.apply_merge().is_err() {
        // Not reached: `bad_merge` found nothing that serde_yaml refuses to merge.
        diags.push(SpecError::new(None, "a merge key `<<` cannot be merged"));
        return RawSpec::default();
    }
    let loader = Loader { locator, diags };
    loader.root(root)
}

/// Where a merge key `<<` holds something other than a mapping or a list of mappings (what
/// `Value::apply_merge` refuses), as the path of the mapping that holds it. Iterative: the
/// depth of a spec is bounded by serde_yaml, not by this walk.
fn bad_merge(root: &Value) -> Option<Path> {
    let mut stack: Vec<(Path, &Value)> = vec![(Vec::new(), root)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::Mapping(map) => {
                if let Some(merge) = map.get("<<") {
                    let ok = match merge {
                        Value::Mapping(_) => true,
                        Value::Sequence(items) => items.iter().all(Value::is_mapping),
                        _ => false,
                    };
                    if !ok {
                        return Some(path);
                    }
                }
                for (k, v) in map {
                    let mut p = path.clone();
                    p.push(match k.as_str() {
                        Some(k) => Seg::key(k),
                        None => Seg::key(""),
                    });
                    stack.push((p, v));
                }
            }
            Value::Sequence(items) => {
                for (i, v) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Seg::Index(i));
                    stack.push((p, v));
                }
            }
            Value::Tagged(tagged) => stack.push((path, &tagged.value)),
            _ => {}
        }
    }
    None
}

/// A YAML syntax error, explained. serde_yaml's message names where the parser gave up and,
/// after ", while ...", the construct it was reading; for an unclosed `[`, `{` or quote the
/// place to fix is where that construct starts, so the error points there.
fn syntax_error(text: &str, message: &str, position: Option<(usize, usize)>) -> SpecError {
    let (problem, context) = match message.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (message, None),
    };
    let started = context.and_then(location_in);
    let problem = strip_location(problem);
    let context_what = context.map(strip_location).unwrap_or_default();
    let reached = position.map_or("the end of the file".to_string(), |(l, c)| {
        format!("line {l}, column {c}")
    });
    let unclosed = |what: &str, help: &str| {
        started.map(|start| {
            SpecError::new(
                Some(start),
                format!("YAML syntax error: {what} that starts here is not closed (the parser reached {reached} without finding its end)"),
            )
            .help(help)
        })
    };
    let explained = if problem.contains("did not find expected ',' or ']'") {
        unclosed(
            "the `[` list",
            "end the list with `]` on the same line, e.g. `methods: [GET, POST]`, and separate its items with `,`",
        )
    } else if problem.contains("did not find expected ',' or '}'") {
        unclosed(
            "the `{` mapping",
            "end the mapping with `}` on the same line, e.g. `{ name: id, type: int64 }`, and separate its entries with `,`",
        )
    } else if context_what.contains("quoted scalar") {
        unclosed(
            "the quoted text",
            "end it with the same quote it starts with (`'` or `\"`)",
        )
    } else {
        None
    };
    if let Some(error) = explained {
        return error;
    }
    if problem.contains("repetition limit exceeded") {
        // serde_yaml's guard against aliases that expand exponentially ("billion laughs").
        return SpecError::new(
            position,
            "YAML error: the spec's aliases (`*anchor`) expand into too many nodes",
        )
        .help("use fewer nested aliases; an alias of an alias of a list multiplies its size");
    }
    if let Some((_, rest)) = problem.split_once("duplicate entry with key \"") {
        let key = rest.strip_suffix('"').unwrap_or(rest);
        return SpecError::new(
            // serde_yaml names where the mapping starts, not the second key.
            position
                .and_then(|start| Locator::new(text).duplicate_key(key, start))
                .or(position),
            format!("YAML error: the key `{key}` appears twice in the same mapping"),
        )
        .help("keep one of the two (merge their contents if both are needed)");
    }
    let tab = position
        .and_then(|(line, _)| text.lines().nth(line.saturating_sub(1)))
        .is_some_and(|line| line.contains('\t'));
    let help = if tab {
        "YAML indentation must use spaces, not tabs"
    } else if problem.contains("mapping values are not allowed") {
        "a `key: value` is not expected here: check the indentation, or quote a value that contains `: `"
    } else {
        "fix the YAML at this position (check indentation, colons and quotes)"
    };
    let message = match (context, started) {
        (Some(_), Some((line, col))) => format!(
            "YAML syntax error: {problem} (while {context_what} that starts at line {line}, column {col})"
        ),
        (Some(_), None) => format!("YAML syntax error: {problem} (while {context_what})"),
        _ => format!("YAML syntax error: {problem}"),
    };
    SpecError::new(position, message).help(help)
}

/// "... at line L column C" → (L, C).
fn location_in(message: &str) -> Option<(usize, usize)> {
    let (_, at) = message.rsplit_once(" at line ")?;
    let (line, col) = at.split_once(" column ")?;
    let col: String = col.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
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

    /// Deserializes one part (`label` names it in messages: "endpoint `statuses/destroy`"); a
    /// serde error is reported at the offending key where possible.
    fn leaf<T: DeserializeOwned>(
        &mut self,
        path: &Path,
        value: Value,
        label: &str,
        what: &str,
        known: &[&str],
    ) -> Option<T> {
        let before = self.diags.len();
        let mut value = self.without_unknown_keys(path, value, label, what, known);
        let stripped = self.diags.len() > before;
        // Each broken key is reported and left out, so that the rest of this part (and the
        // parts below it, such as an endpoint's parameters) is still checked in this build.
        for _ in 0..known.len().max(1) {
            match serde_yaml::from_value::<T>(value.clone()) {
                Ok(v) => return Some(v),
                // A misspelt key (`typ:`) was reported already; that the part now lacks `type`
                // is the same mistake, not a second one.
                Err(e) if stripped && e.to_string().starts_with("missing field") => return None,
                Err(e) => {
                    let culprit = culprit_key::<T>(&value);
                    self.report_serde(path, &e.to_string(), label, what, known, culprit.clone());
                    let (Some(key), Value::Mapping(map)) = (culprit, &mut value) else {
                        return None;
                    };
                    map.remove(key.as_str());
                    if serde_yaml::from_value::<T>(value.clone())
                        .is_err_and(|e| e.to_string().starts_with("missing field"))
                    {
                        // A required key was broken: reported once, as what it is.
                        return None;
                    }
                }
            }
        }
        None
    }

    /// Reports the keys of a mapping that `what` does not have, and returns it without them.
    /// A key with no value that reads like prose is the YAML trap of an unquoted text with
    /// `, ` in a `{ … }` mapping: YAML ends the text at the comma and makes the rest a key.
    fn without_unknown_keys(
        &mut self,
        path: &Path,
        value: Value,
        label: &str,
        what: &str,
        known: &[&str],
    ) -> Value {
        let Value::Mapping(mut map) = value else {
            return value;
        };
        if known.is_empty() {
            return Value::Mapping(map);
        }
        let unknown: Vec<(String, bool)> = map
            .iter()
            .filter_map(|(k, v)| {
                let k = k.as_str()?;
                (!known.contains(&k)).then(|| (k.to_string(), v.is_null()))
            })
            .collect();
        for (key, no_value) in unknown {
            let Some(value) = map.remove(key.as_str()) else {
                continue;
            };
            let mut at = path.clone();
            at.push(Seg::Key(key.clone()));
            if no_value && looks_like_prose(&key) {
                self.error(
                    &at,
                    format!("`{key}` in {label} is not a key: it is the end of a text that YAML cut at `, ` (an unquoted text inside `{{ … }}` ends at its first comma)"),
                    "quote this text: write `description: \"…, …\"`, or put it on its own line as a block mapping",
                );
                continue;
            }
            let best = did_you_mean(&key, known.iter().copied());
            let help = match best {
                Some(best) => format!("did you mean `{best}`? ({what} keys: {})", list(known)),
                None => format!("remove it; {what} keys are: {}", list(known)),
            };
            self.error(&at, format!("unknown key `{key}` in {label}"), help);
            // Read on as if it were spelt as suggested, so the one mistake is not reported
            // again as a missing key.
            if let Some(best) = best.filter(|b| !map.contains_key(*b)) {
                map.insert(Value::String(best.to_string()), value);
            }
        }
        Value::Mapping(map)
    }

    fn report_serde(
        &mut self,
        path: &Path,
        message: &str,
        label: &str,
        what: &str,
        known: &[&str],
        culprit: Option<String>,
    ) {
        let message = strip_location(message);
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('`'))
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string)
        };
        if let Some(field) = quoted("unknown field ") {
            let mut at = path.clone();
            at.push(Seg::Key(field.clone()));
            let help = match did_you_mean(&field, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? ({what} keys: {})", list(known)),
                None => format!("remove it; {what} keys are: {}", list(known)),
            };
            self.error(&at, format!("unknown key `{field}` in {label}"), help);
        } else if let Some(field) = quoted("missing field ") {
            self.error(
                path,
                format!("{label} has no `{field}`"),
                format!("add `{field}: ...` to it"),
            );
        } else {
            let mut at = path.clone();
            let message = match &culprit {
                Some(key) => {
                    at.push(Seg::Key(key.clone()));
                    format!("invalid `{key}` in {label}: {message}")
                }
                None => format!("invalid {label}: {message}"),
            };
            let help = if message.contains("quote this text") {
                "quote this text: write `description: \"…, …\"`, or put `en:` and `zh:` on lines of their own"
            } else if message.contains("expected a sequence") {
                "write a list, e.g. `[GET, POST]` or one `- item` per line"
            } else if message.contains("expected a boolean") {
                "write `true` or `false`"
            } else if message.contains("expected a string") {
                "write text; quote it if YAML would read it as a number, a date or a boolean"
            } else if message.contains("expected i64") {
                "write a whole number"
            } else {
                "see README.md, \"The spec language\""
            };
            // The value is what is wrong: point at it (at the key when it is a collection).
            let position = self.locator.find_value(&at);
            self.diags
                .push(SpecError::new(position, message).help(help));
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
                "enums" => spec.enums = self.enums(&path, value),
                "extern_models" => {
                    spec.extern_models = self
                        .leaf::<serde_yaml::Mapping>(
                            &path,
                            value,
                            "`extern_models`",
                            "extern_models",
                            &[],
                        )
                        .map(|m| self.string_pairs(&path, m))
                        .unwrap_or_default()
                }
                "endpoints" => spec.endpoints = self.endpoints(&path, value),
                // The spec author's own keys, e.g. to hold YAML anchors: `x-common: &common`.
                other if other.starts_with("x-") => {}
                other => {
                    let help = choices_help(other, TOP_LEVEL_KEYS)
                        + "; keys of your own (to hold YAML anchors) start with `x-`";
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
                let label = format!("API version `{name}`");
                let version = self.leaf(&p, v, &label, "API version", KEYS);
                (name, version)
            })
            .collect()
    }

    fn enums(&mut self, path: &Path, value: Value) -> Vec<(String, Option<RawEnum>)> {
        const KEYS: &[&str] = &["type", "description", "values"];
        self.mapping(path, value, "enums")
            .into_iter()
            .map(|(name, v)| {
                let mut p = path.clone();
                p.push(Seg::Key(name.clone()));
                let label = format!("enum `{name}`");
                let parsed = self.leaf(&p, v, &label, "enum", KEYS);
                (name, parsed)
            })
            .collect()
    }

    fn models(&mut self, path: &Path, value: Value) -> Vec<Option<RawModel>> {
        self.mapping(path, value, "models")
            .into_iter()
            .map(|(name, v)| {
                let mut p = path.clone();
                p.push(Seg::Key(name.clone()));
                let label = format!("model `{name}`");
                let shell: RawModelShell =
                    self.leaf(&p, v, &label, "model", &["description", "fields"])?;
                p.push(Seg::key("fields"));
                let mut fields = Vec::new();
                let mut broken = Vec::new();
                for (field, fv) in shell.fields {
                    let Some(field) = field.as_str().map(str::to_string) else {
                        self.error(&p, "a field name is not a string", "quote the field name");
                        continue;
                    };
                    let mut fp = p.clone();
                    fp.push(Seg::Key(field.clone()));
                    let label = format!("field `{field}` of model `{name}`");
                    let parsed = match fv {
                        // `name: string`, the shorthand.
                        Value::String(_) => RawField::from_value(fv).ok(),
                        // Unknown keys and the YAML trap are reported like everywhere else.
                        other => self.leaf::<RawField>(
                            &fp,
                            other,
                            &label,
                            "model field",
                            &["type", "required", "flatten", "rust_name", "description"],
                        ),
                    };
                    match parsed {
                        Some(f) => fields.push((field, f)),
                        None => broken.push(field),
                    }
                }
                Some(RawModel {
                    name,
                    description: shell.description,
                    fields,
                    broken,
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
            "doc",
            "base_url",
            "exactly_one_of",
            "at_least_one_of",
            "paging",
            "idempotent",
            "response",
            "examples",
            "curl",
        ];
        const PARAM_KEYS: &[&str] = &[
            "name",
            "rust_name",
            "in",
            "type",
            "required",
            "credential",
            "min_items",
            "max_items",
            "min",
            "max",
            "default",
            "server_default",
            "list_format",
            "bool_format",
            "max_size",
            "max_length",
            "required_if",
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
                let name = match item.get("name").and_then(Value::as_str) {
                    Some(name) => name.to_string(),
                    None => format!("endpoints[{i}]"),
                };
                // The parameters are checked even when the rest of the endpoint is broken, so
                // that their problems are reported in the same build.
                let raw_params = match item.get("params") {
                    Some(Value::Sequence(params)) => params.clone(),
                    _ => Vec::new(),
                };
                let label = format!("endpoint `{name}`");
                let shell: Option<RawEndpointShell> = self.leaf(&p, item, &label, "endpoint", KEYS);
                let params = shell
                    .as_ref()
                    .map_or(raw_params, |shell| shell.params.clone())
                    .into_iter()
                    .enumerate()
                    .map(|(j, pv)| {
                        let mut pp = p.clone();
                        pp.extend([Seg::key("params"), Seg::Index(j)]);
                        let label = match pv.get("name").and_then(Value::as_str) {
                            Some(param) => format!("parameter `{param}` of endpoint `{name}`"),
                            None => format!("parameter params[{j}] of endpoint `{name}`"),
                        };
                        self.leaf(&pp, pv, &label, "parameter", PARAM_KEYS)
                    })
                    .collect();
                Some(RawEndpoint {
                    shell: shell?,
                    params,
                })
            })
            .collect()
    }
}

/// The key of `value` (a mapping) whose value makes it fail to deserialize as `T`: the first
/// one without which the error goes away or becomes "missing field" for that key. serde_yaml
/// names no key for an invalid value ("invalid type: string \"GET\", expected a sequence").
fn culprit_key<T: DeserializeOwned>(value: &Value) -> Option<String> {
    let Value::Mapping(map) = value else {
        return None;
    };
    map.keys().filter_map(Value::as_str).find_map(|key| {
        let mut without = map.clone();
        without.remove(key);
        match serde_yaml::from_value::<T>(Value::Mapping(without)) {
            Ok(_) => Some(key.to_string()),
            Err(e) if e.to_string().starts_with(&format!("missing field `{key}`")) => {
                Some(key.to_string())
            }
            Err(_) => None,
        }
    })
}

/// Whether a key reads like the rest of a sentence rather than a key (`only yours`, `默认为0`).
fn looks_like_prose(key: &str) -> bool {
    key.contains(' ') || !key.is_ascii() || key.contains('.')
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

    /// The rendered errors, in file order (as the macro reports them).
    fn errors(text: &str) -> Vec<String> {
        let mut diags = Diagnostics::default();
        parse(text, &mut diags);
        let mut errors = diags.errors().to_vec();
        errors.sort_by_key(|e| e.position.unwrap_or((0, 0)));
        errors.iter().map(|e| e.render("s.yaml")).collect()
    }

    #[test]
    fn anchors_live_under_x_keys_and_merge_keys_merge() {
        let text = "versions:\n  v2: { base_url: https://a/2 }\nx-common: &common\n  version: v2\n  methods: [GET]\nx-params: &params\n  - { name: count, type: int }\nendpoints:\n  - name: a\n    <<: *common\n    path: a\n    params: *params\n    response: json\n  - name: b\n    <<: [*common]\n    methods: [POST]\n    path: b\n    response: json\n";
        let mut diags = Diagnostics::default();
        let spec = parse(text, &mut diags);
        assert!(diags.is_empty(), "{:#?}", diags.errors());
        let endpoints: Vec<_> = spec.endpoints.iter().flatten().collect();
        assert_eq!(endpoints.len(), 2);
        assert_eq!(endpoints[0].shell.version, "v2");
        assert_eq!(
            endpoints[0].shell.methods.as_deref(),
            Some(&["GET".to_string()][..])
        );
        assert_eq!(endpoints[0].params.len(), 1);
        // A key written beside the merge wins over the merged one, as YAML says.
        assert_eq!(
            endpoints[1].shell.methods.as_deref(),
            Some(&["POST".to_string()][..])
        );
        // The whole pipeline accepts it.
        assert!(crate::expand::expand_text(text, "s.yaml").is_ok());
    }

    #[test]
    fn a_merge_of_something_else_than_mappings_is_an_error_at_its_value() {
        let e = errors("versions: {}\nendpoints:\n  - name: a\n    <<: 5\n");
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].starts_with("s.yaml:4:9: a merge key `<<` must merge a mapping"),
            "{e:#?}"
        );
        let e = errors("x-a: &a [1]\nendpoints:\n  - name: a\n    <<: [*a]\n");
        // A list is a collection: the key.
        assert!(
            e[0].starts_with("s.yaml:4:5: a merge key `<<` must merge a mapping"),
            "{e:#?}"
        );
        // Other keys of one's own are still typos.
        let e = errors("versionz: {}\n");
        assert!(
            e[0].contains("did you mean `versions`?") && e[0].contains("start with `x-`"),
            "{e:#?}"
        );
    }

    #[test]
    fn aliases_that_expand_exponentially_are_refused_quickly() {
        let mut text = String::from("x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("x-a{i}: &a{i} [{refs}]\n"));
        }
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].contains("aliases (`*anchor`) expand into too many nodes"),
            "{e:#?}"
        );
    }

    #[test]
    fn reports_yaml_syntax_errors_with_position() {
        let e = errors("versions:\n  v1: [unclosed\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("s.yaml:2:7: YAML syntax error: the `[` list that starts here is not closed (the parser reached line 3, column 1"),
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
            e[1].contains("s.yaml:5:5: unknown key `pathh` in endpoint `a`")
                && e[1].contains("`path`")
        );
        assert!(
            e[2].contains("s.yaml:12:20: unknown key `typ`")
                && e[2].contains("did you mean `type`"),
            "{}",
            e[2]
        );
    }

    #[test]
    fn explains_unclosed_mappings_quotes_tabs_and_stray_colons() {
        let e = errors("endpoints:\n  - name: a\n    params:\n      - { name: id, type: int64\n    response: T\n");
        assert!(
            e[0].starts_with(
                "s.yaml:4:9: YAML syntax error: the `{` mapping that starts here is not closed"
            ) && e[0].contains("end the mapping with `}`"),
            "{e:#?}"
        );
        let e = errors("versions:\n  v1:\n    base_url: 'http://a\n");
        assert!(
            e[0].starts_with(
                "s.yaml:3:15: YAML syntax error: the quoted text that starts here is not closed"
            ),
            "{e:#?}"
        );
        let e = errors("versions:\n\tv1: {}\n");
        assert!(e[0].contains("must use spaces, not tabs"), "{e:#?}");
        let e = errors("versions:\n  v1:\n    base_url: a: b\n");
        assert!(
            e[0].starts_with(
                "s.yaml:3:16: YAML syntax error: mapping values are not allowed in this context"
            ) && e[0].contains("quote a value that contains `: `"),
            "{e:#?}"
        );
    }

    #[test]
    fn points_at_the_second_of_two_equal_keys() {
        let e = errors("endpoints:\n  - name: a\n    path: a\n  - name: b\n    path: b\n    response: T\n    path: c\n");
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].starts_with(
                "s.yaml:7:5: YAML error: the key `path` appears twice in the same mapping"
            ),
            "{e:#?}"
        );
        // In a flow mapping, and spelt once quoted.
        let e = errors("endpoints:\n  - { name: a, path: a, 'name': b }\n");
        assert!(
            e[0].starts_with("s.yaml:2:25: YAML error: the key `name` appears twice"),
            "{e:#?}"
        );
        let e = errors("versions: {}\nendpoints: []\nversions: {}\n");
        assert!(
            e[0].starts_with("s.yaml:3:1: YAML error: the key `versions` appears twice"),
            "{e:#?}"
        );
    }

    #[test]
    fn names_the_endpoint_the_parameter_and_the_key_at_fault() {
        let text = "endpoints:\n  - name: statuses/show\n    version: v1\n    path: a\n    methods: GET\n    response: T\n    params:\n      - { name: id, typ: int64 }\n  - version: v1\n    path: b\n    response: T\n";
        let e = errors(text);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(
            e[0].starts_with("s.yaml:5:14: invalid `methods` in endpoint `statuses/show`: invalid type: string \"GET\", expected a sequence")
                && e[0].contains("write a list"),
            "{e:#?}"
        );
        // Reported although the endpoint itself is broken.
        assert!(
            e[1].starts_with(
                "s.yaml:8:21: unknown key `typ` in parameter `id` of endpoint `statuses/show`"
            ),
            "{e:#?}"
        );
        assert!(
            e[2].starts_with("s.yaml:9:3: endpoint `endpoints[1]` has no `name`"),
            "{e:#?}"
        );
    }
}
