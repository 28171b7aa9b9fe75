//! Checks on the shape of single values: ids, design names, dates and domain names.

/// The rule ids follow, as a help line.
pub const ID_RULE: &str = "ids use letters, digits, `-`, `_` and `.`, start with a letter or digit, and have at most 64 characters";

/// Ids become SVG element ids, file names and Markdown anchors, so they stay plain.
pub fn check_id(id: &str) -> Result<(), &'static str> {
    let mut chars = id.chars();
    match chars.next() {
        None => return Err("it is empty"),
        Some(c) if !c.is_ascii_alphanumeric() => {
            return Err("it must start with a letter or digit");
        }
        Some(_) => {}
    }
    if id.len() > 64 {
        return Err("it is longer than 64 characters");
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err("it holds a character other than a letter, digit, `-`, `_` or `.`");
    }
    Ok(())
}

/// The design name is a folder under the output directory: it must not climb out of it.
pub fn check_design_name(name: &str) -> Result<(), &'static str> {
    if name.contains(['/', '\\']) {
        return Err("it holds a path separator");
    }
    if name.contains("..") {
        return Err("it holds `..`");
    }
    // Any case: on a case-insensitive disk `readme.md` is the same file.
    if name.eq_ignore_ascii_case("README.md") {
        return Err("`README.md` is the output folder's index of designs");
    }
    check_id(name)
}

/// YYYY-MM-DD with a month 1-12 and a day valid for that month.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A DNS name: dot-separated labels of letters, digits and `-`, optionally starting with `*.`.
pub fn check_domain(name: &str) -> Result<(), &'static str> {
    let name = name.strip_prefix("*.").unwrap_or(name);
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > 253 {
        return Err("a domain name has 1 to 253 characters");
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err("each dot-separated label has 1 to 63 characters");
        }
        if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err("labels use letters, digits and `-` only");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("a label cannot start or end with `-`");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(check_id("web-01").is_ok());
        assert!(check_id("mysql.primary_1").is_ok());
        assert!(check_id("").is_err());
        assert!(check_id("-x").is_err());
        assert!(check_id("web 01").is_err());
        assert!(check_id("<script>").is_err());
        assert!(check_id(&"a".repeat(65)).is_err());
    }

    #[test]
    fn design_names_stay_inside_the_output_folder() {
        assert!(check_design_name("simple-web-stack").is_ok());
        assert!(check_design_name("../x").is_err());
        assert!(check_design_name("/etc").is_err());
        assert!(check_design_name("a..b").is_err());
        assert!(check_design_name(".hidden").is_err());
        assert!(check_design_name("C:\\x").is_err());
        assert!(check_design_name("README.md").is_err());
        assert!(check_design_name("readme.MD").is_err());
        assert!(check_design_name("readme").is_ok());
    }

    #[test]
    fn dates() {
        assert!(is_date("2027-01-31"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2027-02-29"));
        assert!(!is_date("2027-13-01"));
        assert!(!is_date("27-01-01"));
        assert!(!is_date("2027-01-31T00:00:00"));
    }

    #[test]
    fn domains() {
        assert!(check_domain("www.foobar.com").is_ok());
        assert!(check_domain("*.foobar.com").is_ok());
        assert!(check_domain("foobar.com.").is_ok());
        assert!(check_domain("foo bar.com").is_err());
        assert!(check_domain("-a.com").is_err());
        assert!(check_domain("a..com").is_err());
    }
}
