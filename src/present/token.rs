//! The session's token: minted when `lectern present` starts, printed in
//! its addresses, and needed by every request until it stops.

/// The name of the cookie a browser keeps the token in, once it opened an
/// address that carried it.
pub const COOKIE: &str = "lectern_present";

/// A random token for one session.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// A new token from the system's random source: 128 bits, as 32
    /// lowercase hexadecimal digits.
    pub fn mint() -> std::io::Result<Token> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// A token with a known value, for tests.
    pub fn from_text(text: &str) -> Token {
        Token(text.to_string())
    }

    /// The token as it appears in addresses.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this token, in time that does not depend on where
    /// the two first differ.
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// Whether a request carries the token: as `token=` in its query, or in
    /// the session's cookie.
    pub fn carried_by(&self, query: Option<&str>, cookies: &[&str]) -> bool {
        let in_query = query.is_some_and(|q| {
            q.split('&')
                .filter_map(|pair| pair.strip_prefix("token="))
                .any(|t| self.matches(t))
        });
        in_query
            || cookies.iter().flat_map(|h| h.split(';')).any(|c| {
                c.trim()
                    .strip_prefix(COOKIE)
                    .and_then(|rest| rest.strip_prefix('='))
                    .is_some_and(|t| self.matches(t))
            })
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_tokens_are_long_and_different() {
        let (a, b) = (Token::mint().unwrap(), Token::mint().unwrap());
        assert_eq!(a.as_str().len(), 32);
        assert!(a.as_str().chars().all(|c| c.is_ascii_hexdigit()));
        assert!(!a.matches(b.as_str()));
    }

    #[test]
    fn carried_in_the_query_or_the_cookie() {
        let t = Token::from_text("abc123");
        assert!(t.carried_by(Some("deck=x&token=abc123"), &[]));
        assert!(t.carried_by(None, &["theme=dark; lectern_present=abc123"]));
        assert!(!t.carried_by(Some("token=abc12"), &[]));
        assert!(!t.carried_by(Some("xtoken=abc123"), &["lectern_present=abc1234"]));
        assert!(!t.carried_by(None, &["other_lectern_present=abc123"]));
        assert!(!t.carried_by(None, &[]));
    }
}
