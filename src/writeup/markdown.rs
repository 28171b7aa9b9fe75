//! Putting user text into Markdown safely: every character that Markdown or HTML would read as
//! markup is escaped, and line breaks become spaces, so a spec's text stays text.

/// Escapes text for a Markdown paragraph or table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            // Parentheses need no escape: a link needs `](`, and `]` is escaped.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The text with its first letter upper-cased.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// A sentence: a capital (unless the text starts with an id in code font or a domain name,
/// which keep their case) and a full stop.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let first_word = text.split(' ').next().unwrap_or_default();
    let mut out = if text.starts_with('`') || first_word.contains('.') {
        text.to_string()
    } else {
        capitalize(text)
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// User text as inline code: ids and addresses. Backticks inside are dropped (ids cannot hold
/// them; other text goes through [`escape`]).
pub fn code(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| *c != '`' && !c.is_control())
        .collect();
    format!("`{clean}`")
}

/// User text as an HTML attribute value (between double quotes), on one line.
pub fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A relative path as a link destination that Markdown and HTML (`src`, `srcset`) read back
/// as that path: characters that would end or split it are percent-encoded.
pub fn url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '\'' | '<' | '>' | '(' | ')' | ',' | '%' | '`' | '\\' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// "1 host", "3 hosts".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a", "a and b", "a, b and c".
pub fn and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "a", "a or b", "a, b or c".
pub fn or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>*x*|[a](b)"),
            "&lt;script&gt;\\*x\\*\\|\\[a\\](b)"
        );
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("{{ x }}"), "\\{\\{ x \\}\\}");
        assert_eq!(code("a`b"), "`ab`");
        assert_eq!(
            attribute("a \"b\" <c>\n&"),
            "a &quot;b&quot; &lt;c&gt; &amp;"
        );
        assert_eq!(
            url("out dir/a,b (1)/d.svg"),
            "out%20dir/a%2Cb%20%281%29/d.svg"
        );
    }

    #[test]
    fn lists_read_as_sentences() {
        let items = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(and(&items), "a, b and c");
        assert_eq!(or(&items[..2]), "a or b");
    }
}
