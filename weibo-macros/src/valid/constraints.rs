//! Rules between parameters and with the response: exactly-one-of / at-least-one-of groups,
//! conditional requirements and paging.

use super::{key, yaml_scalar, Validator};
use crate::diag::{choices_help, did_you_mean};
use crate::ir::*;
use crate::locate::Seg;
use crate::names;
use crate::spec::{RawEndpoint, RawEndpointShell};
use crate::types::{Scalar, TypeRef};

/// The most members a group may have: at-least-one-of emits one impl per non-empty subset.
const MAX_GROUP: usize = 6;

impl Validator<'_, '_> {
    /// `exactly_one_of` and `at_least_one_of`: marks the members and returns the groups.
    pub(super) fn groups(
        &mut self,
        i: usize,
        e: &RawEndpointShell,
        params: &mut [Param],
    ) -> Vec<Group> {
        let type_ident = names::pascal(&e.name);
        let mut out = Vec::new();
        for (exactly, field, lists) in [
            (true, "exactly_one_of", &e.exactly_one_of),
            (false, "at_least_one_of", &e.at_least_one_of),
        ] {
            for (g, members) in lists.iter().enumerate() {
                let at = vec![key("endpoints"), Seg::Index(i), key(field), Seg::Index(g)];
                if members.len() < 2 || members.len() > MAX_GROUP {
                    self.error(
                        &at,
                        format!(
                            "`{field}` of endpoint `{}` lists {} parameters",
                            e.name,
                            members.len()
                        ),
                        format!("a group names 2 to {MAX_GROUP} optional parameters, e.g. `[[uid, screen_name]]`"),
                    );
                    continue;
                }
                let mut indices = Vec::new();
                for (k, name) in members.iter().enumerate() {
                    let mut mat = at.clone();
                    mat.push(Seg::Index(k));
                    let Some(index) = params.iter().position(|p| &p.name == name) else {
                        let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
                        let help = match did_you_mean(name, names.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "list parameters declared under `params`".to_string(),
                        };
                        self.error(&mat, format!("`{field}` of endpoint `{}` names `{name}`, which is not one of its parameters", e.name), help);
                        continue;
                    };
                    let p = &params[index];
                    let problem = if p.credential.is_some() {
                        Some("is a credential (the client supplies it)")
                    } else if p.required {
                        Some("is required on its own")
                    } else if p.location == Location::Path {
                        Some("is a path parameter")
                    } else if p.group.is_some() || indices.contains(&index) {
                        Some("is already in a group")
                    } else {
                        None
                    };
                    if let Some(problem) = problem {
                        self.error(
                            &mat,
                            format!("`{name}` in `{field}` of endpoint `{}` {problem}", e.name),
                            "groups hold optional parameters the caller sets, each in one group",
                        );
                        continue;
                    }
                    indices.push(index);
                }
                if indices.len() != members.len() {
                    continue;
                }
                let group = out.len();
                for &index in &indices {
                    params[index].group = Some(group);
                }
                let joined: String = members.iter().map(|m| names::pascal(m)).collect();
                let kind = if exactly { "OneOf" } else { "AnyOf" };
                let [guard] = self.idents(
                    &at,
                    &format!("`{field}` of endpoint `{}`", e.name),
                    [&format!("{type_ident}{kind}{joined}")],
                );
                out.push(Group {
                    exactly,
                    members: indices,
                    guard,
                });
            }
        }
        out
    }

    /// `required_if: { visible: 3 }`.
    pub(super) fn required_if(
        &mut self,
        i: usize,
        endpoint: &RawEndpoint,
        params: &mut [Param],
        enums: &[Enum],
    ) {
        for (j, raw) in endpoint.params.iter().enumerate() {
            let Some(raw) = raw else { continue };
            let Some(condition) = &raw.required_if else {
                continue;
            };
            let at = vec![
                key("endpoints"),
                Seg::Index(i),
                key("params"),
                Seg::Index(j),
                key("required_if"),
            ];
            let entries: Vec<(&serde_yaml::Value, &serde_yaml::Value)> = condition.iter().collect();
            let [(other, value)] = entries.as_slice() else {
                self.error(
                    &at,
                    format!(
                        "`required_if` of `{}` must name one parameter and its value",
                        raw.name
                    ),
                    "write e.g. `required_if: { visible: 3 }`",
                );
                continue;
            };
            let (Some(other), Some(value)) = (other.as_str(), yaml_scalar(value)) else {
                self.error(
                    &at,
                    format!(
                        "`required_if` of `{}` must name one parameter and its value",
                        raw.name
                    ),
                    "write e.g. `required_if: { visible: 3 }`",
                );
                continue;
            };
            let Some(target) = params.iter().find(|p| p.name == other) else {
                let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
                self.value_error(&at, format!("`required_if` of `{}` names `{other}`, which is not a parameter of this endpoint", raw.name), choices_help(other, &names));
                continue;
            };
            let wire = match &target.ty {
                TypeRef::Enum(name) => {
                    let values: Vec<&str> = enums
                        .iter()
                        .find(|en| &en.name == name)
                        .map(|en| en.values.iter().map(|v| v.wire.as_str()).collect())
                        .unwrap_or_default();
                    if !values.contains(&value.as_str()) {
                        self.value_error(&at, format!("`required_if` of `{}` compares `{other}` with `{value}`, which is not a value of the enum `{name}`", raw.name), choices_help(&value, &values));
                        continue;
                    }
                    value
                }
                TypeRef::Scalar(Scalar::Bool) if !target.bool_words => match value.as_str() {
                    "true" => "1".to_string(),
                    "false" => "0".to_string(),
                    _ => value,
                },
                _ => value,
            };
            let Some(param) = params.iter_mut().find(|p| p.name == raw.name) else {
                continue;
            };
            if param.required {
                self.error(&at, format!("`{}` is required already; `required_if` makes sense only on an optional parameter", raw.name), "remove `required: true` or `required_if`");
                continue;
            }
            param.required_if = Some((other.to_string(), wire));
        }
    }

    /// `paging: { style, items }`, checked against the parameters and the response model.
    pub(super) fn paging(
        &mut self,
        i: usize,
        e: &RawEndpointShell,
        params: &[Param],
        response: &TypeRef,
        models: &[Model],
    ) -> Option<Paging> {
        let raw = e.paging.as_ref()?;
        let at = |k: &str| vec![key("endpoints"), Seg::Index(i), key("paging"), key(k)];
        let style = match raw.style.as_str() {
            "page" => PagingStyle::Page,
            "max_id" => PagingStyle::MaxId,
            "cursor" => PagingStyle::Cursor,
            other => {
                self.value_error(&at("style"), format!("unknown paging style `{other}` in endpoint `{}`", e.name), choices_help(other, &["page", "max_id", "cursor"]) + " (`page`: page=1,2,…; `max_id`: below the last item's id; `cursor`: the response's next_cursor)");
                return None;
            }
        };
        let cursor_param = style.name();
        let integer = |ty: &TypeRef| matches!(ty, TypeRef::Scalar(Scalar::Int | Scalar::Int64));
        if !params.iter().any(|p| {
            p.name == cursor_param && p.credential.is_none() && !p.required && integer(&p.ty)
        }) {
            self.error(&at("style"), format!("paging style `{}` needs an optional integer parameter `{cursor_param}` on endpoint `{}`", style.name(), e.name), format!("declare `- {{ name: {cursor_param}, type: int64 }}` under `params`, or choose the style the endpoint documents"));
            return None;
        }
        let fields = match response {
            TypeRef::Model(name) => models
                .iter()
                .find(|m| &m.name == name)
                .and_then(|m| match &m.kind {
                    ModelKind::Local(fields) => Some(fields.as_slice()),
                    ModelKind::Extern(_) => None,
                }),
            _ => None,
        };
        let (items, item) = match (&raw.items, response, fields) {
            // The response is the list of items itself.
            (None, TypeRef::List(item), _) => (None, item),
            (None, _, _) => {
                self.error(&at("style"), format!("endpoint `{}` pages, but names no `items` field and its response `{response}` is not a list", e.name), "add `items: <the response field holding the list>`");
                return None;
            }
            (Some(_), _, None) => {
                self.error(&at("items"), format!("endpoint `{}` pages, but its response `{response}` is not a model of this spec holding the items", e.name), "page endpoints whose response is an object such as `{ statuses: [...], total_number: … }`, or a list (then leave out `items`)");
                return None;
            }
            (Some(wanted), _, Some(fields)) => {
                let Some(field) = fields.iter().find(|f| &f.wire == wanted) else {
                    let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
                    self.value_error(
                        &at("items"),
                        format!("paging `items: {wanted}` is not a field of `{response}`"),
                        choices_help(wanted, &names),
                    );
                    return None;
                };
                let TypeRef::List(item) = &field.ty else {
                    self.value_error(
                        &at("items"),
                        format!("paging `items: {wanted}` of `{response}` is not a list"),
                        "name the field that holds the list of items",
                    );
                    return None;
                };
                (Some(field), item)
            }
        };
        let fields = fields.unwrap_or_default();
        if style == PagingStyle::MaxId {
            let has_id = match &**item {
                TypeRef::Model(name) => models.iter().any(|m| {
                    &m.name == name
                        && matches!(&m.kind, ModelKind::Local(f) if f.iter().any(|f| f.wire == "id" && f.required && integer(&f.ty)))
                }),
                _ => false,
            };
            if !has_id {
                self.error(&at("style"), format!("paging style `max_id` needs items with a required integer `id`; `{item}` has none"), "mark `id` of the item model `required: true`, or use `style: page`");
                return None;
            }
        }
        if style == PagingStyle::Cursor
            && !fields
                .iter()
                .any(|f| f.wire == "next_cursor" && integer(&f.ty))
        {
            self.error(
                &at("style"),
                format!(
                    "paging style `cursor` needs an integer `next_cursor` field in `{response}`"
                ),
                "declare `next_cursor: int64` in the response model",
            );
            return None;
        }
        let total_number = fields
            .iter()
            .any(|f| f.wire == "total_number" && integer(&f.ty) && !f.required);
        Some(Paging {
            style,
            items: items.map(|f| f.ident.clone()),
            items_wire: items.map(|f| f.wire.clone()),
            item: (**item).clone(),
            total_number,
        })
    }
}
