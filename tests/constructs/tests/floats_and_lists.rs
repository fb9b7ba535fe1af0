//! Fractional ranges (`place/nearby/photos`: `lat` −90.0..90.0, `long` −180.0..180.0) and a
//! list sent as a repeated key (`short_url/shorten`: `url_long=a&url_long=b`, at most 20).

mod support;

use support::*;
use weibo_constructs::{models::NearbySort, v2};

#[tokio::test]
async fn nearby_photos_sends_floats_in_their_shortest_decimal_form() {
    let server = mock().await;
    let client = client(&server);
    for (lat, long) in [
        (39.98, 116.30),
        (-90.0, 180.0),
        (90.0, -180.0),
        (0.000001, -0.5),
    ] {
        let result = v2::place_nearby_photos()
            .lat(lat)
            .long(long)
            .send(&client)
            .await;
        // No documented example: the mock answers with the smallest body the response type
        // accepts once its checks passed.
        result.expect("the minimal body");
    }
    // Integers convert, and the optional parameters keep their own forms.
    let result = v2::place_nearby_photos()
        .lat(40)
        .long(116)
        .range(11132)
        .sort(NearbySort::Distance)
        .offset(true)
        .send(&client)
        .await;
    result.expect("the minimal body");

    let queries: Vec<Vec<(String, String)>> = server
        .requests()
        .iter()
        .map(|r| {
            assert_eq!((r.path(), r.status()), ("/2/place/nearby/photos.json", 200));
            r.query()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect();
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        queries,
        [
            pairs(&[("lat", "39.98"), ("long", "116.3")]),
            pairs(&[("lat", "-90"), ("long", "180")]),
            pairs(&[("lat", "90"), ("long", "-180")]),
            pairs(&[("lat", "0.000001"), ("long", "-0.5")]),
            pairs(&[
                ("lat", "40"),
                ("long", "116"),
                ("range", "11132"),
                ("sort", "1"),
                ("offset", "1")
            ]),
        ]
    );
}

#[tokio::test]
async fn coordinates_outside_their_ranges_are_refused_before_any_io() {
    let server = mock().await;
    let client = client(&server);
    for (lat, long, parameter, reason) in [
        (
            90.000001,
            0.0,
            "lat",
            "is 90.000001; expected a value from -90 to 90",
        ),
        (
            -90.5,
            0.0,
            "lat",
            "is -90.5; expected a value from -90 to 90",
        ),
        (
            0.0,
            180.25,
            "long",
            "is 180.25; expected a value from -180 to 180",
        ),
        (
            f64::NAN,
            0.0,
            "lat",
            "is NaN; expected a value of type float",
        ),
        (
            0.0,
            f64::NEG_INFINITY,
            "long",
            "is -inf; expected a value of type float",
        ),
    ] {
        let result = v2::place_nearby_photos()
            .lat(lat)
            .long(long)
            .send(&client)
            .await;
        assert_eq!(
            invalid(result, "place/nearby/photos"),
            (Some(parameter), reason.to_string()),
            "({lat}, {long})"
        );
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn the_mock_checks_float_ranges_with_10017() {
    let server = mock().await;
    for (query, expected) in [
        (
            "lat=91&long=0",
            "parameter (lat)'s value invalid,expect (a value from -90 to 90) , but get (91)",
        ),
        (
            "lat=0&long=-180.0001",
            "parameter (long)'s value invalid,expect (a value from -180 to 180) , but get (-180.0001)",
        ),
        (
            "lat=north&long=0",
            "parameter (lat)'s value invalid,expect (a value of type float) , but get (north)",
        ),
        (
            "lat=1e2&long=0",
            "parameter (lat)'s value invalid,expect (a value from -90 to 90) , but get (1e2)",
        ),
    ] {
        let target = format!("/2/place/nearby/photos.json?{query}");
        let answer = raw(&server, "GET", &target, None, b"").await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, Some(10017)),
            "{query}: {answer:?}"
        );
        assert!(answer.error().contains(expected), "{query}: {answer:?}");
    }
    let missing = raw(
        &server,
        "GET",
        "/2/place/nearby/photos.json?lat=1",
        None,
        b"",
    )
    .await;
    assert_eq!(
        (missing.status, missing.code()),
        (400, Some(10016)),
        "{missing:?}"
    );
    let edge = raw(
        &server,
        "GET",
        "/2/place/nearby/photos.json?lat=-90.0&long=180",
        None,
        b"",
    )
    .await;
    assert_eq!((edge.status, edge.code()), (200, None), "{edge:?}");
}

// ---------------------------------------------------------------------------------------
// list_format: repeat

const URLS: [&str; 2] = [
    "http://finance.sina.com.cn/",
    "http://example.com/a?x=1&y=2",
];

#[tokio::test]
async fn short_url_shorten_repeats_the_key_once_per_url() {
    let server = mock().await;
    let shortened = v2::short_url_shorten()
        .url_long(URLS)
        .send(&client(&server))
        .await
        .unwrap();

    let req = only_request(&server);
    assert_eq!(
        (req.method(), req.path(), req.status()),
        ("GET", "/2/short_url/shorten.json", 200)
    );
    assert_eq!(req.query(), [("url_long", URLS[0]), ("url_long", URLS[1])]);
    assert_eq!(req.params("url_long"), URLS);

    // Decoded into weibo-api's UrlShort, inside this crate's UrlShortList.
    assert_eq!(shortened.urls.len(), 2);
    let first = &shortened.urls[0];
    assert_eq!(first.url_short.as_deref(), Some("http://t.cn/h4DwT1"));
    assert_eq!(
        first.url_long.as_deref(),
        Some("http://finance.sina.com.cn/")
    );
    assert_eq!((first.r#type, first.result), (Some(0), Some(true)));
    let second = &shortened.urls[1];
    assert_eq!(second.url_short, None, "\"\" means absent");
    assert_eq!(second.result, Some(false), "the string \"false\"");
}

#[tokio::test]
async fn the_repeated_keys_are_percent_encoded_one_by_one_on_the_wire() {
    let recorder = Recorder::start(v2::SHORT_URL_SHORTEN.example_json.unwrap()).await;
    let client = weibo_api::Client::builder()
        .access_token(TOKEN)
        .api_root(&recorder.url)
        .build()
        .unwrap();
    v2::short_url_shorten()
        .url_long(URLS)
        .send(&client)
        .await
        .unwrap();
    let (head, body) = recorder.request().await;
    let request_line = head.lines().next().unwrap();
    assert_eq!(
        request_line,
        "GET /2/short_url/shorten.json?url_long=http%3A%2F%2Ffinance.sina.com.cn%2F&url_long=http%3A%2F%2Fexample.com%2Fa%3Fx%3D1%26y%3D2 HTTP/1.1"
    );
    assert!(body.is_empty());
}

#[tokio::test]
async fn list_setters_take_arrays_slices_and_vecs_of_str_or_string() {
    let server = mock().await;
    let client = client(&server);
    let owned: Vec<String> = URLS.iter().map(|u| u.to_string()).collect();
    let borrowed: &[&str] = &URLS;
    v2::short_url_shorten()
        .url_long(URLS)
        .send(&client)
        .await
        .unwrap();
    v2::short_url_shorten()
        .url_long(borrowed)
        .send(&client)
        .await
        .unwrap();
    v2::short_url_shorten()
        .url_long(&owned[..])
        .send(&client)
        .await
        .unwrap();
    v2::short_url_shorten()
        .url_long(&owned)
        .send(&client)
        .await
        .unwrap();
    v2::short_url_shorten()
        .url_long(URLS.to_vec())
        .send(&client)
        .await
        .unwrap();
    v2::short_url_shorten()
        .url_long(owned)
        .send(&client)
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 6);
    for req in requests {
        assert_eq!(req.params("url_long"), URLS);
    }
}

#[tokio::test]
async fn at_most_20_and_at_least_1_url_before_any_io() {
    let server = mock().await;
    let client = client(&server);
    let twenty_one: Vec<String> = (0..21).map(|i| format!("http://a/{i}")).collect();
    let result = v2::short_url_shorten()
        .url_long(&twenty_one[..])
        .send(&client)
        .await;
    assert_eq!(
        invalid(result, "short_url/shorten"),
        (
            Some("url_long"),
            "has 21 items; at most 20 allowed".to_string()
        )
    );
    let result = v2::short_url_shorten()
        .url_long(Vec::<String>::new())
        .send(&client)
        .await;
    assert_eq!(
        invalid(result, "short_url/shorten"),
        (
            Some("url_long"),
            "has 0 items; at least 1 required".to_string()
        )
    );
    assert!(server.requests().is_empty());

    v2::short_url_shorten()
        .url_long(&twenty_one[..20])
        .send(&client)
        .await
        .unwrap();
    assert_eq!(only_request(&server).params("url_long").len(), 20);
}

#[tokio::test]
async fn the_mock_counts_repeated_keys_with_10017() {
    let server = mock().await;
    let query = (0..21)
        .map(|i| format!("url_long=http%3A%2F%2Fa%2F{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let answer = raw(
        &server,
        "GET",
        &format!("/2/short_url/shorten.json?{query}"),
        None,
        b"",
    )
    .await;
    assert_eq!(
        (answer.status, answer.code()),
        (400, Some(10017)),
        "{answer:?}"
    );
    assert!(
        answer.error().contains(
            "parameter (url_long)'s value invalid,expect (at most 20 items) , but get (21 items)"
        ),
        "{answer:?}"
    );

    // A comma does not split a repeated-key list: `a,b` is one URL.
    let one = raw(
        &server,
        "GET",
        "/2/short_url/shorten.json?url_long=http%3A%2F%2Fa%2F1,http%3A%2F%2Fa%2F2",
        None,
        b"",
    )
    .await;
    assert_eq!((one.status, one.code()), (200, None), "{one:?}");
    let missing = raw(&server, "GET", "/2/short_url/shorten.json", None, b"").await;
    assert_eq!(
        (missing.status, missing.code()),
        (400, Some(10016)),
        "{missing:?}"
    );
}

#[test]
fn the_blocking_client_repeats_the_key_too() {
    let (_runtime, server) = blocking_mock();
    let shortened = blocking_client(&server)
        .send(v2::short_url_shorten().url_long(URLS))
        .unwrap();
    assert_eq!(shortened.urls.len(), 2);
    assert_eq!(only_request(&server).params("url_long"), URLS);
}
