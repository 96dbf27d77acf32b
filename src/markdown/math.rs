//! `$…$` and `$$…$$` rendered at build time as MathML, which browsers show
//! without any script.

use std::sync::OnceLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

use super::escape_html;

/// One converter for every page: it holds only its settings.
fn converter() -> Option<&'static LatexToMathML> {
    static CONVERTER: OnceLock<Option<LatexToMathML>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| LatexToMathML::new(MathCoreConfig::default()).ok())
        .as_ref()
}

/// The MathML for `latex`, or the LaTeX shown as code with the reason it
/// could not be read.
pub fn mathml(latex: &str, block: bool) -> Result<String, (String, String)> {
    let display = if block {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    let fallback = |reason: String| {
        let code = format!("<code class=\"math-source\">{}</code>", escape_html(latex));
        (code, reason)
    };
    let Some(converter) = converter() else {
        return Err(fallback("the math converter could not start".into()));
    };
    match converter.convert_with_local_state(latex, display) {
        Ok(result) if block => Ok(format!("<div class=\"math-block\">{}</div>", result.mathml)),
        Ok(result) => Ok(result.mathml),
        Err(e) => Err(fallback(e.error_message())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_becomes_mathml() {
        let inline = mathml("x^2", false).unwrap();
        assert!(inline.starts_with("<math"), "{inline}");
        assert!(inline.contains("<msup>"), "{inline}");
        let block = mathml(r"\frac{a}{b}", true).unwrap();
        assert!(block.contains("display=\"block\""), "{block}");
        let (shown, reason) = mathml(r"\frac{a}{", false).unwrap_err();
        assert!(shown.contains("\\frac{a}{"), "{shown}");
        assert!(!reason.is_empty());
    }
}
