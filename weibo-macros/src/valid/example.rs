//! JSON examples checked against the declared response type, so that the spec cannot claim a
//! shape its own example contradicts. Each problem points at the offending part of the example.

use super::{key, Validator};
use crate::diag::SpecError;
use crate::ir::*;
use crate::locate::{Seg, Style};
use crate::types::{Scalar, TypeRef};
use std::collections::HashSet;

/// Fields whose declaration is broken (already reported): the example may hold anything there.
pub type Broken = HashSet<(String, String)>;

impl Validator<'_, '_> {
    /// Checks a JSON example against the declared response type, so the spec cannot claim a
    /// shape its own example contradicts. Each problem points at the offending part of the
    /// example.
    pub(super) fn check_example(
        &mut self,
        i: usize,
        json: &str,
        ty: &TypeRef,
        models: &[Model],
        broken: &Broken,
    ) {
        let path = [
            key("endpoints"),
            Seg::Index(i),
            key("examples"),
            key("json"),
        ];
        let value: serde_json::Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(err) => {
                let position = self
                    .example_position(&path, err.line(), err.column())
                    .or_else(|| self.locator.find(&path));
                let message = strip_json_location(&err.to_string());
                self.diags.push(
                    SpecError::new(
                        position,
                        format!("the JSON example is not valid JSON: {message}"),
                    )
                    .help("fix the example; escape quotes inside strings as \\\""),
                );
                return;
            }
        };
        let mut problems = Vec::new();
        check_value(&value, ty, models, broken, &mut Vec::new(), &mut problems);
        for problem in problems {
            let position = json_offset(json, &problem.at)
                .map(|offset| line_col(json, offset))
                .and_then(|(line, col)| self.example_position(&path, line, col))
                .or_else(|| self.locator.find(&path));
            self.diags.push(
                SpecError::new(
                    position,
                    format!(
                        "the JSON example does not match the response type `{ty}`: {}",
                        problem.message
                    ),
                )
                .help(problem.help),
            );
        }
    }

    /// Where 1-based `line`/`col` of the example stored at `path` are in the spec file: below
    /// a `json: |` block key, or after the opening quote of a one-line `json: '...'`.
    fn example_position(&self, path: &[Seg], line: usize, col: usize) -> Option<(usize, usize)> {
        let place = self.locator.exact(path)?;
        let (value_line, value_col) = place.value;
        match place.style {
            // A literal block keeps lines as they are, minus the block's indentation.
            Style::Literal => Some((
                (value_line + line).saturating_sub(1),
                (value_col + col).saturating_sub(1),
            )),
            Style::Quoted if line == 1 => Some((value_line, value_col + col)),
            Style::Plain if line == 1 => Some((value_line, (value_col + col).saturating_sub(1))),
            _ => None,
        }
    }
}

/// serde_json appends " at line L column C"; the position is printed in front instead.
pub(super) fn strip_json_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// One step into a JSON value: an object member or an array element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum JsonSeg {
    Key(String),
    Index(usize),
}

/// `$.user.id`, `$[0].geo`.
pub(super) fn render_json_path(path: &[JsonSeg]) -> String {
    let mut out = String::from("$");
    for seg in path {
        match seg {
            JsonSeg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            JsonSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset in valid JSON `text` of the member name (for a key) or the element (for an
/// index) that `path` leads to; the start of the whole value for an empty path.
pub(super) fn json_offset(text: &str, path: &[JsonSeg]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, 0);
    for (n, seg) in path.iter().enumerate() {
        match seg {
            JsonSeg::Key(wanted) => {
                if bytes.get(i) != Some(&b'{') {
                    return None;
                }
                i = skip_ws(bytes, i + 1);
                loop {
                    let start = i;
                    let end = skip_json_value(bytes, i)?;
                    let name: String = serde_json::from_str(text.get(start..end)?).ok()?;
                    i = skip_ws(bytes, end);
                    if bytes.get(i) != Some(&b':') {
                        return None;
                    }
                    i = skip_ws(bytes, i + 1);
                    if &name == wanted {
                        if n + 1 == path.len() {
                            return Some(start);
                        }
                        break;
                    }
                    i = skip_ws(bytes, skip_json_value(bytes, i)?);
                    match bytes.get(i) {
                        Some(b',') => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
            }
            JsonSeg::Index(wanted) => {
                if bytes.get(i) != Some(&b'[') {
                    return None;
                }
                i = skip_ws(bytes, i + 1);
                for _ in 0..*wanted {
                    i = skip_ws(bytes, skip_json_value(bytes, i)?);
                    match bytes.get(i) {
                        Some(b',') => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
            }
        }
    }
    Some(i)
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The end of the JSON value that starts at `i` (a string, number, literal, object or array).
fn skip_json_value(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *bytes.get(i)? {
            b'"' => {
                i += 1;
                loop {
                    match *bytes.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            _ if depth == 0 => {
                while bytes
                    .get(i)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    i += 1;
                }
                return Some(i);
            }
            _ => i += 1,
        }
        if depth == 0 {
            return Some(i);
        }
    }
}

/// Where an example contradicts its type, what is wrong and how to fix it.
struct ExampleProblem {
    at: Vec<JsonSeg>,
    message: String,
    help: String,
}

fn check_value(
    value: &serde_json::Value,
    ty: &TypeRef,
    models: &[Model],
    broken: &Broken,
    at: &mut Vec<JsonSeg>,
    problems: &mut Vec<ExampleProblem>,
) {
    use serde_json::Value as J;
    let ok = match (ty, value) {
        (_, J::Null) => true,
        (
            TypeRef::Scalar(Scalar::String | Scalar::Secret),
            J::String(_) | J::Number(_) | J::Bool(_),
        ) => true,
        (TypeRef::Scalar(Scalar::Link), J::String(_)) => true,
        (TypeRef::Scalar(Scalar::Int | Scalar::Int64), J::Number(n)) => n.is_i64() || n.is_u64(),
        (TypeRef::Scalar(Scalar::Int | Scalar::Int64), J::String(s)) => {
            s.trim().is_empty() || s.trim().parse::<i64>().is_ok()
        }
        (TypeRef::Scalar(Scalar::Float), J::Number(_)) => true,
        (TypeRef::Scalar(Scalar::Float), J::String(s)) => {
            s.trim().is_empty() || s.trim().parse::<f64>().is_ok()
        }
        (TypeRef::Scalar(Scalar::Bool), J::Bool(_)) => true,
        (TypeRef::Scalar(Scalar::Bool), J::Number(n)) => n.as_u64().is_some_and(|n| n <= 1),
        (TypeRef::Scalar(Scalar::Bool), J::String(s)) => {
            matches!(s.as_str(), "" | "true" | "false" | "0" | "1")
        }
        (TypeRef::Scalar(Scalar::DateTime), J::String(_)) => true,
        (TypeRef::List(inner), J::Array(items)) => {
            for (k, item) in items.iter().enumerate() {
                at.push(JsonSeg::Index(k));
                check_value(item, inner, models, broken, at, problems);
                at.pop();
            }
            true
        }
        (TypeRef::Map(inner), J::Object(map)) => {
            for (k, v) in map {
                at.push(JsonSeg::Key(k.clone()));
                check_value(v, inner, models, broken, at, problems);
                at.pop();
            }
            true
        }
        // Free-form JSON is whatever the server sends; enums decode leniently (an undocumented
        // value is kept, not refused).
        (TypeRef::Scalar(Scalar::Json), _) => true,
        (TypeRef::Enum(_), J::String(_) | J::Number(_)) => true,
        (TypeRef::Model(name), J::Object(map)) => {
            match models.iter().find(|m| &m.name == name).map(|m| &m.kind) {
                Some(ModelKind::Local(fields)) => {
                    for (k, v) in map {
                        at.push(JsonSeg::Key(k.clone()));
                        let rest = fields
                            .iter()
                            .find(|f| f.flatten)
                            .map(|f| f.ty.item_of_map());
                        match fields.iter().find(|f| &f.wire == k && !f.flatten) {
                            Some(f) => check_value(v, &f.ty, models, broken, at, problems),
                            None if broken.contains(&(name.clone(), k.clone())) => {}
                            None if rest.is_some() => {
                                if let Some(Some(value_ty)) = rest {
                                    check_value(v, value_ty, models, broken, at, problems);
                                }
                            }
                            None => problems.push(ExampleProblem {
                                at: at.clone(),
                                message: format!(
                                    "`{}` is not a field of model `{name}`",
                                    render_json_path(at)
                                ),
                                help: format!(
                                    "declare `{k}` under `models.{name}.fields`, or remove it from the example"
                                ),
                            }),
                        }
                        at.pop();
                    }
                    for f in fields
                        .iter()
                        .filter(|f| f.required && !map.contains_key(&f.wire))
                    {
                        problems.push(ExampleProblem {
                            at: at.clone(),
                            message: format!(
                                "`{}` has no `{}`, which model `{name}` requires",
                                render_json_path(at),
                                f.wire
                            ),
                            help: format!(
                                "add `{}` to the example, or remove `required: true` from `models.{name}.fields.{}`",
                                f.wire, f.wire
                            ),
                        });
                    }
                }
                Some(ModelKind::Extern(_)) | None => {}
            }
            true
        }
        _ => false,
    };
    if !ok {
        problems.push(ExampleProblem {
            at: at.clone(),
            message: format!(
                "`{}` is {value}, which is not a valid `{ty}`",
                render_json_path(at)
            ),
            help: "fix the value in the example, or the type declared for it".to_string(),
        });
    }
}
