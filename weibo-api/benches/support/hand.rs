//! The same request and models written by hand, as a user of plain reqwest + serde would:
//! the fields the generated `Status`, `User` and `StatusTimeline` declare, typed as Weibo's JSON
//! carries them (ids sent as strings and `""` as `String`, dates and `source` left as text).
//! The generated models do more with the same bytes (dates parsed, the `source` link parsed,
//! numbers accepted as strings), which is part of what the comparison measures.
//!
//! Two variants: `same` keeps undeclared members in a flattened `extra` map like the generated
//! models (the same fields); `declared` ignores them (the fastest thing a user could write).

macro_rules! models {
    ($module:ident, $($extra:tt)*) => {
        pub mod $module {
            use serde::Deserialize;
            use serde_json::Value;

            #[derive(Debug, Deserialize)]
            pub struct Timeline {
                #[serde(default)]
                pub statuses: Vec<Status>,
                #[serde(default)]
                pub ad: Vec<StatusAd>,
                pub previous_cursor: Option<i64>,
                pub next_cursor: Option<i64>,
                pub total_number: Option<i64>,
            }

            #[derive(Debug, Deserialize)]
            pub struct StatusAd {
                pub id: Option<i64>,
                pub mark: Option<String>,
            }

            #[derive(Debug, Deserialize)]
            pub struct Status {
                $($extra)*
                pub id: i64,
                pub idstr: Option<String>,
                pub mid: Option<String>,
                pub created_at: Option<String>,
                pub text: Option<String>,
                pub source: Option<String>,
                pub favorited: Option<bool>,
                pub truncated: Option<bool>,
                pub in_reply_to_status_id: Option<String>,
                pub in_reply_to_user_id: Option<String>,
                pub in_reply_to_screen_name: Option<String>,
                pub thumbnail_pic: Option<String>,
                pub bmiddle_pic: Option<String>,
                pub original_pic: Option<String>,
                pub geo: Option<Box<Geo>>,
                pub user: Option<Box<User>>,
                #[serde(default)]
                pub annotations: Vec<Value>,
                pub reposts_count: Option<i64>,
                pub comments_count: Option<i64>,
                pub mlevel: Option<i64>,
                pub retweeted_status: Option<Box<Status>>,
                pub attitudes_count: Option<i64>,
                pub visible: Option<Box<Visible>>,
                pub uid: Option<i64>,
                #[serde(default)]
                pub tags: Vec<String>,
                #[serde(default)]
                pub pic_urls: Vec<PicUrl>,
                pub state: Option<i64>,
            }

            #[derive(Debug, Deserialize)]
            pub struct User {
                $($extra)*
                pub id: i64,
                pub idstr: Option<String>,
                pub screen_name: Option<String>,
                pub name: Option<String>,
                pub province: Option<String>,
                pub city: Option<String>,
                pub location: Option<String>,
                pub description: Option<String>,
                pub url: Option<String>,
                pub profile_image_url: Option<String>,
                pub domain: Option<String>,
                pub gender: Option<String>,
                pub followers_count: Option<i64>,
                pub friends_count: Option<i64>,
                pub statuses_count: Option<i64>,
                pub favourites_count: Option<i64>,
                pub created_at: Option<String>,
                pub following: Option<bool>,
                pub allow_all_act_msg: Option<bool>,
                pub geo_enabled: Option<bool>,
                pub verified: Option<bool>,
                pub verified_type: Option<i64>,
                pub verified_reason: Option<String>,
                pub status: Option<Box<Status>>,
                pub allow_all_comment: Option<bool>,
                pub avatar_large: Option<String>,
                pub follow_me: Option<bool>,
                pub online_status: Option<i64>,
                pub bi_followers_count: Option<i64>,
                pub lang: Option<String>,
                pub remark: Option<String>,
                pub profile_url: Option<String>,
                pub weihao: Option<String>,
                pub class: Option<i64>,
                pub status_id: Option<i64>,
                pub star: Option<i64>,
                pub mbtype: Option<i64>,
                pub mbrank: Option<i64>,
                pub block_word: Option<i64>,
                pub level: Option<i64>,
                #[serde(rename = "type")]
                pub kind: Option<i64>,
                pub ulevel: Option<i64>,
                pub badge: Option<Value>,
            }

            #[derive(Debug, Deserialize)]
            pub struct Geo {
                #[serde(rename = "type")]
                pub kind: Option<String>,
                #[serde(default)]
                pub coordinates: Vec<f64>,
            }

            #[derive(Debug, Deserialize)]
            pub struct Visible {
                #[serde(rename = "type")]
                pub kind: Option<i32>,
                pub list_id: Option<i64>,
            }

            #[derive(Debug, Deserialize)]
            pub struct PicUrl {
                pub thumbnail_pic: Option<String>,
            }
        }
    };
}

models!(same, #[serde(flatten)] pub extra: indexmap::IndexMap<String, Value>,);
models!(declared,);
