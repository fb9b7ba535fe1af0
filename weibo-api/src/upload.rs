//! Files for `file` parameters, sent as `multipart/form-data` parts.

use std::fmt;
use std::path::Path;

/// A file to upload (a `file` parameter, e.g. `statuses/upload`'s `pic`): its bytes, the file
/// name and MIME type the part announces.
///
/// ```
/// let pic = weibo_api::Upload::new(vec![0xff, 0xd8, 0xff], "cat.jpg", "image/jpeg");
/// assert_eq!((pic.len(), pic.file_name(), pic.mime_type()), (3, "cat.jpg", "image/jpeg"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    bytes: Vec<u8>,
    file_name: String,
    mime_type: String,
}

impl Upload {
    /// A file from memory.
    pub fn new(
        bytes: impl Into<Vec<u8>>,
        file_name: impl Into<String>,
        mime_type: impl Into<String>,
    ) -> Upload {
        Upload {
            bytes: bytes.into(),
            file_name: file_name.into(),
            mime_type: mime_type.into(),
        }
    }

    /// Reads a file (blocking I/O); the MIME type is guessed from its extension.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Upload> {
        let path = path.as_ref();
        Ok(Upload::named(std::fs::read(path)?, path))
    }

    /// Reads a file without blocking the async runtime; the MIME type is guessed from its
    /// extension.
    pub async fn read(path: impl AsRef<Path>) -> std::io::Result<Upload> {
        let path = path.as_ref().to_path_buf();
        let bytes = tokio::fs::read(&path).await?;
        Ok(Upload::named(bytes, &path))
    }

    fn named(bytes: Vec<u8>, path: &Path) -> Upload {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "upload".to_string());
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let mime_type = match extension.as_deref() {
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("png") => "image/png",
            Some("gif") => "image/gif",
            Some("webp") => "image/webp",
            Some("bmp") => "image/bmp",
            _ => "application/octet-stream",
        };
        Upload::new(bytes, file_name, mime_type)
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The size in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The file name the part announces.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The MIME type the part announces.
    pub fn mime_type(&self) -> &str {
        &self.mime_type
    }
}

/// Prints the name, type and size, never the bytes.
impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("mime_type", &self.mime_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A `multipart/form-data` body: text fields and files, with a boundary that occurs in none of
/// them. Written by hand (a few lines) so that the async and blocking transports send the very
/// same bytes; the mock server reads it back with a real multipart parser.
pub(crate) fn multipart(fields: &[(&str, String)], files: &[(&str, &Upload)]) -> (String, Vec<u8>) {
    let mut seed = fields.len() as u64 * 31 + files.len() as u64;
    let boundary = loop {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let candidate = format!("weibo-api-{seed:016x}");
        let needle = candidate.as_bytes();
        let clash = fields
            .iter()
            .any(|(k, v)| contains(k.as_bytes(), needle) || contains(v.as_bytes(), needle))
            || files.iter().any(|(k, f)| {
                contains(k.as_bytes(), needle)
                    || contains(f.bytes(), needle)
                    || contains(f.file_name().as_bytes(), needle)
            });
        if !clash {
            break candidate;
        }
    };
    let mut body = Vec::with_capacity(
        files.iter().map(|(_, f)| f.len() + 256).sum::<usize>()
            + fields
                .iter()
                .map(|(k, v)| k.len() + v.len() + 128)
                .sum::<usize>(),
    );
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
                quote(name)
            )
            .as_bytes(),
        );
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for (name, file) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                quote(name),
                quote(file.file_name()),
                file.mime_type().replace(['\r', '\n'], "")
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A header parameter value: quotes and line breaks percent-encoded, as browsers do (RFC 7578).
fn quote(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_never_occurs_in_the_content() {
        // A file that contains the first boundary candidate forces another one.
        let (first, _) = multipart(&[], &[]);
        let boundary = first.trim_start_matches("multipart/form-data; boundary=");
        let tricky = Upload::new(
            format!("x--{boundary}y"),
            "a.bin",
            "application/octet-stream",
        );
        let (content_type, body) = multipart(&[], &[("pic", &tricky)]);
        let chosen = content_type.trim_start_matches("multipart/form-data; boundary=");
        assert_ne!(chosen, boundary);
        let text = String::from_utf8_lossy(&body);
        assert_eq!(text.matches(&format!("--{chosen}")).count(), 2, "{text}");
    }

    #[test]
    fn writes_fields_then_files() {
        let pic = Upload::new(vec![1, 2, 3], "c\"at.jpg", "image/jpeg");
        let (content_type, body) = multipart(&[("status", "你好".to_string())], &[("pic", &pic)]);
        let boundary = content_type.trim_start_matches("multipart/form-data; boundary=");
        let mut expected = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\n你好\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"pic\"; filename=\"c%22at.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").into_bytes();
        expected.extend_from_slice(&[1, 2, 3]);
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(body, expected);
    }
}
