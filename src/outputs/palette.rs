//! The one colour palette of every chart the app draws or writes: the Okabe–Ito
//! palette, which colour-blind viewers tell apart and which survives a projector.
//! Vermillion is costs, blue is benefits, everywhere: on screen (`ui::charts`), in the
//! board pack's SVG charts and in the workbook's charts. See docs/DECISIONS.md.

/// A colour as red, green and blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// "#d55e00", for HTML and SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// 0xD55E00, for spreadsheet writers.
    pub fn number(self) -> u32 {
        (u32::from(self.0) << 16) | (u32::from(self.1) << 8) | u32::from(self.2)
    }
}

/// Okabe–Ito vermillion: costs.
pub const COST: Rgb = Rgb(0xD5, 0x5E, 0x00);
/// Okabe–Ito blue: benefits, and the cumulative net value line.
pub const BENEFIT: Rgb = Rgb(0x00, 0x72, 0xB2);
/// Okabe–Ito orange: the payback point, the what-if banner, the harder 7S elements.
pub const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
/// Okabe–Ito sky blue: social benefits, the softer 7S elements.
pub const SKY: Rgb = Rgb(0x56, 0xB4, 0xE9);
/// Okabe–Ito bluish green: economic benefits.
pub const GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
/// Okabe–Ito reddish purple.
pub const PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);
/// A neutral grey for "no layer" and reference lines.
pub const GREY: Rgb = Rgb(0x99, 0x99, 0x99);
/// Near-black for marks that need no colour (the net position, axes).
pub const INK: Rgb = Rgb(0x33, 0x33, 0x33);
/// Vermillion dark enough for text on white (contrast 4.5:1 or better): negative
/// amounts and the words "Costs borne" on a light background.
pub const COST_TEXT_LIGHT: Rgb = Rgb(0xA9, 0x47, 0x00);
/// Vermillion light enough for text on egui's dark panels.
pub const COST_TEXT_DARK: Rgb = Rgb(0xFF, 0x8C, 0x42);
/// Blue for benefits in text on a light background.
pub const BENEFIT_TEXT_LIGHT: Rgb = Rgb(0x00, 0x5A, 0x8C);
/// Blue for benefits in text on a dark background.
pub const BENEFIT_TEXT_DARK: Rgb = Rgb(0x6C, 0xB8, 0xF0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_written_as_hex_and_as_numbers() {
        assert_eq!(COST.hex(), "#d55e00");
        assert_eq!(BENEFIT.hex(), "#0072b2");
        assert_eq!(COST.number(), 0xD55E00);
        assert_eq!(BENEFIT.number(), 0x0072B2);
    }
}
