//! Weibo's error codes: what each means and what an application can do about it. The one place
//! the crate keeps them; [`ApiError`](crate::ApiError)'s `Display`, `is_auth`,
//! `is_rate_limited` and `is_retryable` all read this table.
//!
//! Sources: Weibo's `Error_code` wiki page (open.weibo.com/wiki/Error_code) in the revision
//! the v2 API uses, for the system-level codes (10xxx) and the authentication codes
//! (21301–21327); Weibo's OAuth2 error table for 21322–21331. The page's earliest revision
//! (2011) numbered the 10xxx codes differently (10022 was "Password error" there); its texts are
//! not used. The service-level codes (20xxx and up: "target weibo does not exist", ...) are
//! left out: Weibo's own `error` text, which every error body carries, says the same.
//!
//! ```
//! use weibo_api::error_codes::{lookup, Category};
//!
//! let expired = lookup(21327).unwrap();
//! assert_eq!((expired.en, expired.zh, expired.category), ("Expired token", "token过期", Category::Auth));
//! assert_eq!(lookup(10023).unwrap().category, Category::RateLimit);
//! assert!(lookup(99999).is_none());
//! ```

/// What kind of failure a code reports, i.e. what the application can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The credentials or the token are missing, bad, expired or revoked: fix the
    /// configuration, or have the user authorise the application again.
    Auth,
    /// A request-rate limit: slow down; retrying at once only makes it worse.
    RateLimit,
    /// A transient failure on Weibo's side: the same request may succeed later.
    Transient,
    /// The request is wrong (a parameter, the method, the format): retrying cannot help.
    Request,
    /// Anything else: permissions, limits on the application, the OAuth2 flow's refusals.
    Other,
}

/// One documented code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    /// The number Weibo sends as `error_code`.
    pub code: u32,
    /// The documented English meaning (`%s` where Weibo fills in details).
    pub en: &'static str,
    /// The documented Chinese meaning.
    pub zh: &'static str,
    /// What kind of failure it is.
    pub category: Category,
}

/// The documented meaning of `code`, if the table has it.
pub fn lookup(code: u32) -> Option<&'static ErrorCode> {
    TABLE
        .binary_search_by_key(&code, |e| e.code)
        .ok()
        .map(|i| &TABLE[i])
}

/// The category of `code`; `None` for codes the table does not have.
pub fn category(code: u32) -> Option<Category> {
    lookup(code).map(|e| e.category)
}

const fn row(code: u32, en: &'static str, zh: &'static str, category: Category) -> ErrorCode {
    ErrorCode {
        code,
        en,
        zh,
        category,
    }
}

use Category::{Auth, Other, RateLimit, Request, Transient};

/// Every documented code, sorted by number.
#[rustfmt::skip]
pub static TABLE: &[ErrorCode] = &[
    // System-level errors.
    row(10001, "System error", "系统错误", Transient),
    row(10002, "Service unavailable", "服务暂停", Transient),
    row(10003, "Remote service error", "远程服务错误", Transient),
    row(10004, "IP limit", "IP限制不能请求该资源", Other),
    row(10005, "Permission denied, need a high level appkey", "该资源需要appkey拥有授权", Other),
    // The AppKey identifies the application: without it the credentials are incomplete.
    row(10006, "Source paramter (appkey) is missing", "缺少source (appkey) 参数", Auth),
    row(10007, "Unsupport mediatype (%s)", "不支持的MediaType (%s)", Request),
    row(10008, "Param error, see doc for more info", "参数错误，请参考API文档", Request),
    row(10009, "Too many pending tasks, system is busy", "任务过多，系统繁忙", Transient),
    row(10010, "Job expired", "任务超时", Transient),
    row(10011, "RPC error", "RPC错误", Transient),
    row(10012, "Illegal request", "非法请求", Request),
    row(10013, "Invalid weibo user", "不合法的微博用户", Other),
    row(10014, "Insufficient app permissions", "应用的接口访问权限受限", Other),
    row(10016, "Miss required parameter (%s) , see doc for more info", "缺失必选参数 (%s)，请参考API文档", Request),
    row(10017, "Parameter (%s)'s value invalid, expect (%s) , but get (%s) , see doc for more info", "参数值非法，需为 (%s)，实际为 (%s)，请参考API文档", Request),
    row(10018, "Request body length over limit", "请求长度超过限制", Request),
    row(10020, "Request api not found", "接口不存在", Request),
    row(10021, "HTTP method is not suported for this request", "请求的HTTP METHOD不支持，请检查是否选择了正确的POST/GET方式", Request),
    row(10022, "IP requests out of rate limit", "IP请求频次超过上限", RateLimit),
    row(10023, "User requests out of rate limit", "用户请求频次超过上限", RateLimit),
    row(10024, "User requests for (%s) out of rate limit", "用户请求特殊接口 (%s) 频次超过上限", RateLimit),
    // Authentication (OAuth1, HTTP Basic, OAuth2 tokens).
    row(21301, "Auth faild", "认证失败", Auth),
    row(21302, "Username or password error", "用户名或密码不正确", Auth),
    row(21303, "Username and pwd auth out of rate limit", "用户名密码认证超过请求限制", RateLimit),
    row(21304, "Version rejected", "版本号错误", Request),
    row(21305, "Parameter absent", "缺少必要的参数", Request),
    row(21306, "Parameter rejected", "OAuth参数被拒绝", Request),
    row(21307, "Timestamp refused", "时间戳不正确", Request),
    row(21308, "Nonce used", "参数nonce已经被使用", Request),
    row(21309, "Signature method rejected", "签名算法不支持", Request),
    row(21310, "Signature invalid", "签名值不合法", Auth),
    // The consumer key is OAuth1's name for the AppKey.
    row(21311, "Consumer key unknown", "参数consumer_key不存在", Auth),
    row(21312, "Consumer key refused", "参数consumer_key不合法", Auth),
    row(21313, "Miss consumer key", "参数consumer_key缺失", Auth),
    row(21314, "Token used", "Token已经被使用", Auth),
    row(21315, "Token expired", "Token已经过期", Auth),
    row(21316, "Token revoked", "Token不合法", Auth),
    row(21317, "Token rejected", "Token不合法", Auth),
    row(21318, "Verifier fail", "Pin码认证失败", Auth),
    row(21319, "Accessor was revoked", "授权关系已经被解除", Auth),
    row(21320, "OAuth2 must use https", "使用OAuth2必须使用https", Request),
    row(21321, "Applications over the unaudited use restrictions", "未审核的应用使用人数超过限制", Other),
    // OAuth2 (the `error` keyword is the English text).
    row(21322, "redirect_uri_mismatch", "重定向地址不匹配", Request),
    row(21323, "invalid_request", "请求不合法", Request),
    row(21324, "invalid_client", "client_id或client_secret参数无效", Auth),
    row(21325, "invalid_grant", "提供的Access Grant是无效的、过期的或已撤销的", Auth),
    row(21326, "unauthorized_client", "客户端没有权限", Other),
    row(21327, "Expired token", "token过期", Auth),
    row(21328, "unsupported_grant_type", "不支持的 GrantType", Request),
    row(21329, "unsupported_response_type", "不支持的 ResponseType", Request),
    row(21330, "access_denied", "用户或授权服务器拒绝授予数据访问权限", Other),
    // Only the token endpoint answers this, and its authorization codes are single use: not
    // a failure to repeat blindly.
    row(21331, "temporarily_unavailable", "服务暂时无法访问", Other),
    // In none of the stored copies of the tables; an invalid access token as this crate has
    // always classified it.
    row(21332, "", "", Auth),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_without_duplicates() {
        assert!(TABLE.windows(2).all(|w| w[0].code < w[1].code));
        for e in TABLE {
            assert_eq!(lookup(e.code).map(|f| f.code), Some(e.code));
        }
    }

    #[test]
    fn categories_match_what_the_client_promises() {
        let codes = |c: Category| -> Vec<u32> {
            TABLE
                .iter()
                .filter(|e| e.category == c)
                .map(|e| e.code)
                .collect()
        };
        assert_eq!(codes(Transient), [10001, 10002, 10003, 10009, 10010, 10011]);
        assert_eq!(codes(RateLimit), [10022, 10023, 10024, 21303]);
        assert_eq!(
            codes(Auth),
            [
                10006, 21301, 21302, 21310, 21311, 21312, 21313, 21314, 21315, 21316, 21317, 21318,
                21319, 21324, 21325, 21327, 21332
            ]
        );
    }
}
