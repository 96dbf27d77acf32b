//! Readable code colours: syntax themes are made for editors, and some of
//! their colours (comments above all) fall below the 4.5:1 contrast that
//! WCAG asks of text. Each colour is darkened (light scheme) or lightened
//! (dark scheme) just enough to reach it on every background it is shown on.

use syntect::highlighting::{Color, Theme};

/// The contrast every code colour reaches, with a little room over WCAG's
/// 4.5:1 for rounding in browsers.
pub const MIN_CONTRAST: f64 = 4.6;

/// Relative luminance of an sRGB colour (WCAG 2.x).
pub fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` moved towards black or white (away from the backgrounds) until it
/// reaches [`MIN_CONTRAST`] on each of `backgrounds`; unchanged when it does.
pub fn readable(fg: Color, backgrounds: &[Color]) -> Color {
    let dark_backgrounds = backgrounds.iter().all(|b| luminance(*b) < 0.2);
    let target = if dark_backgrounds { 255.0 } else { 0.0 };
    let mut color = fg;
    for step in 1..=50 {
        if backgrounds
            .iter()
            .all(|b| contrast(color, *b) >= MIN_CONTRAST)
        {
            break;
        }
        let t = f64::from(step) / 50.0;
        let mix = |v: u8| (f64::from(v) + (target - f64::from(v)) * t).round() as u8;
        color = Color {
            r: mix(fg.r),
            g: mix(fg.g),
            b: mix(fg.b),
            a: fg.a,
        };
    }
    color
}

/// `theme` with every foreground colour made readable on `backgrounds`
/// (the theme's own background is added to them).
pub fn with_readable_colours(mut theme: Theme, backgrounds: &[Color]) -> Theme {
    let mut all: Vec<Color> = backgrounds.to_vec();
    all.extend(theme.settings.background);
    if let Some(fg) = theme.settings.foreground.as_mut() {
        *fg = readable(*fg, &all);
    }
    for item in &mut theme.scopes {
        if let Some(fg) = item.style.foreground.as_mut() {
            *fg = readable(*fg, &all);
        }
    }
    theme
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: u32) -> Color {
        Color {
            r: (hex >> 16) as u8,
            g: (hex >> 8) as u8,
            b: hex as u8,
            a: 255,
        }
    }

    #[test]
    fn ratios_match_wcag() {
        assert!((contrast(rgb(0x000000), rgb(0xffffff)) - 21.0).abs() < 0.01);
        assert!((contrast(rgb(0x777777), rgb(0xffffff)) - 4.48).abs() < 0.01);
    }

    #[test]
    fn faint_colours_are_darkened_on_light_and_lightened_on_dark() {
        let comment = rgb(0x969896);
        let light = readable(comment, &[rgb(0xffffff), rgb(0xf3f1ec)]);
        assert!(contrast(light, rgb(0xf3f1ec)) >= MIN_CONTRAST);
        assert!(luminance(light) < luminance(comment));
        let grey = rgb(0x65737e);
        let dark = readable(grey, &[rgb(0x2b303b), rgb(0x222427)]);
        assert!(contrast(dark, rgb(0x2b303b)) >= MIN_CONTRAST);
        assert!(luminance(dark) > luminance(grey));
        // A colour that is already readable stays as it is.
        assert_eq!(readable(rgb(0x183691), &[rgb(0xffffff)]), rgb(0x183691));
    }
}
