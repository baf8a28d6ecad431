//! Splits a Markdown file into its YAML front matter and its body, keeping line numbers.

/// A Markdown file cut at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` fences.
    pub front: &'a str,
    /// 1-based line where the YAML starts.
    pub front_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    NoOpening,
    /// There is an opening `---` but no closing one.
    Unclosed,
}

/// Cuts `text` at its front matter. Accepts `\n` and `\r\n` line endings.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::NoOpening)?;
    if first.trim_end() != "---" {
        return Err(SplitError::NoOpening);
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (line_no, line) in (2..).zip(lines) {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\na: 1\nb: 2\n---\nHello\n").unwrap();
        assert_eq!(s.front, "a: 1\nb: 2\n");
        assert_eq!(s.front_line, 2);
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn accepts_crlf() {
        let s = split("---\r\na: 1\r\n---\r\nBody").unwrap();
        assert_eq!(s.front, "a: 1\r\n");
        assert_eq!(s.body, "Body");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn errors_without_fences() {
        assert_eq!(split("# Title\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\na: 1\n"), Err(SplitError::Unclosed));
    }
}
