//! The macro's argument: the spec path, relative to the invoking crate's manifest directory.

use proc_macro2::TokenStream;
use syn::LitStr;

pub struct MacroInput {
    pub path: LitStr,
}

pub fn parse(tokens: TokenStream) -> syn::Result<MacroInput> {
    let path: LitStr = syn::parse2(tokens).map_err(|e| {
        syn::Error::new(e.span(), "expected the spec path as a string literal, e.g. `weibo_api::generate!(\"spec/weibo.yaml\");`")
    })?;
    Ok(MacroInput { path })
}
