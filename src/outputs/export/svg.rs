//! Inline SVG charts for the board pack: no scripts, no external references, and a
//! title and description on each for screen readers (`role="img"`).
//!
//! Amounts become `f64` here only to place marks on the drawing; every number shown
//! as text is formatted from the `Decimal` by `format.rs`.

use crate::appraisal::Payback;
use crate::format;
use crate::model::FinancialYear;
use crate::palette;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Escapes text for HTML and SVG: `& < > " '`.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn f(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Opening tag with the accessible name and description.
fn open(id: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(desc)
    )
}

const WIDTH: f64 = 640.0;

/// The cumulative discounted net value by year, with the payback point marked.
///
/// Point k is the running total at the end of year index k − 1 (point 0 is the start,
/// at zero), so a straight line between points crosses zero exactly at the payback
/// the engine interpolates.
pub fn cumulative_chart(
    id: &str,
    name: &str,
    years: &[FinancialYear],
    cumulative: &[Decimal],
    payback: Payback,
    symbol: &str,
) -> String {
    let n = cumulative.len().min(years.len());
    let title = format!("Cumulative discounted net value of {name}");
    let (Some(first), Some(last)) = (years.first(), years.get(n.wrapping_sub(1))) else {
        return format!(
            "{}</svg>",
            open(id, WIDTH, 40.0, &title, "There are no years to chart.")
        );
    };
    let end = cumulative.get(n - 1).copied().unwrap_or_default();
    let lowest = cumulative[..n]
        .iter()
        .copied()
        .min()
        .unwrap_or_default()
        .min(Decimal::ZERO);
    let highest = cumulative[..n]
        .iter()
        .copied()
        .max()
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let payback_text = match payback {
        Payback::Years(_) => format!("Payback: {}.", format::payback(payback)),
        Payback::Never => "Payback is not reached within the horizon.".to_owned(),
    };
    let desc = format!(
        "Line chart over {n} years from {first} to {last}. The running total starts at zero, is lowest at {} and ends at {}. {payback_text}",
        format::money_whole(lowest, symbol),
        format::money_whole(end, symbol),
    );

    let (height, left, right, top, bottom) = (260.0, 96.0, 16.0, 16.0, 40.0);
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let (lo, hi) = (f(lowest), f(highest));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let x = |k: f64| left + plot_w * k / n as f64;
    let y = |v: f64| top + plot_h * (hi - v) / span;

    let mut out = open(id, WIDTH, height, &title, &desc);
    out.push_str("<g font-size=\"11\" fill=\"#333\">");
    // Value axis: the highest, zero and the lowest.
    let mut marks = vec![(Decimal::ZERO, 0.0)];
    if highest > Decimal::ZERO {
        marks.push((highest, hi));
    }
    if lowest < Decimal::ZERO {
        marks.push((lowest, lo));
    }
    for (value, v) in marks {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/>",
            left - 6.0,
            y(v) + 4.0,
            esc(&format::money_whole(value, symbol)),
            WIDTH - right,
            y(v),
            y(v)
        ));
    }
    // Year axis: years from the start, about ten ticks.
    let step = [1usize, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|s| n / s <= 10)
        .unwrap_or(100);
    for k in (0..=n).step_by(step) {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{k}</text>",
            x(k as f64),
            height - bottom + 16.0
        ));
    }
    out.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Years from the start of {}</text>",
        left + plot_w / 2.0,
        height - 6.0,
        esc(&first.to_string())
    ));
    out.push_str("</g>");
    // The zero line and the series.
    out.push_str(&format!(
        "<line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\" stroke-width=\"1.2\"/>",
        WIDTH - right,
        y(0.0),
        y(0.0)
    ));
    let mut points = format!("{:.1},{:.1}", x(0.0), y(0.0));
    for (k, value) in cumulative[..n].iter().enumerate() {
        points.push_str(&format!(" {:.1},{:.1}", x(k as f64 + 1.0), y(f(*value))));
    }
    out.push_str(&format!(
        "<polyline points=\"{points}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.2\"/>",
        palette::BENEFIT.hex()
    ));
    if let Payback::Years(p) = payback {
        let px = x(f(p).clamp(0.0, n as f64));
        out.push_str(&format!(
            "<line x1=\"{px:.1}\" x2=\"{px:.1}\" y1=\"{top:.1}\" y2=\"{:.1}\" stroke=\"{orange}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\
<path d=\"M{px:.1} {:.1} l6 6 l-6 6 l-6 -6 z\" fill=\"{orange}\" stroke=\"{ink}\" stroke-width=\"0.8\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{ink}\">Payback {}</text>",
            height - bottom,
            y(0.0) - 6.0,
            px + 7.0,
            top + 11.0,
            esc(&format::payback(payback)),
            orange = palette::ORANGE.hex(),
            ink = palette::INK.hex(),
        ));
    }
    out.push_str("</svg>");
    out
}

/// One row of the who-pays chart.
pub struct Position {
    pub name: String,
    pub costs: Decimal,
    pub benefits: Decimal,
}

/// Who pays (bars to the left) and who benefits (bars to the right), one row per partner.
pub fn who_pays_chart(id: &str, name: &str, rows: &[Position], symbol: &str) -> String {
    let title = format!("Who pays and who benefits: {name}");
    let mut desc = String::from(
        "Diverging bar chart of present values: costs borne to the left, benefits received to the right.",
    );
    for r in rows {
        desc.push_str(&format!(
            " {}: pays {}, receives {}.",
            r.name,
            format::money_whole(r.costs, symbol),
            format::money_whole(r.benefits, symbol)
        ));
    }
    if rows.is_empty() {
        desc.push_str(" No partner bears costs or receives benefits.");
    }
    let row_h = 38.0;
    let top = 30.0;
    let height = top + row_h * rows.len() as f64 + 8.0;
    let centre = WIDTH / 2.0;
    let reach = 200.0;
    let scale = rows
        .iter()
        .flat_map(|r| [r.costs.abs(), r.benefits.abs()])
        .max()
        .filter(|m| !m.is_zero())
        .map_or(1.0, f);

    let mut out = open(id, WIDTH, height, &title, &desc);
    out.push_str(&format!(
        "<g font-size=\"11\" fill=\"#333\"><text x=\"{:.1}\" y=\"16\" text-anchor=\"end\" font-weight=\"bold\">Costs borne</text>\
<text x=\"{:.1}\" y=\"16\" font-weight=\"bold\">Benefits received</text></g>",
        centre - 6.0,
        centre + 6.0
    ));
    for (i, r) in rows.iter().enumerate() {
        let y0 = top + row_h * i as f64;
        let cost_len = reach * f(r.costs).max(0.0) / scale;
        let benefit_len = reach * f(r.benefits).max(0.0) / scale;
        out.push_str(&format!(
            "<text x=\"8\" y=\"{:.1}\" font-size=\"11\" fill=\"#111\">{}</text>",
            y0 + 11.0,
            esc(&r.name)
        ));
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{cost_len:.1}\" height=\"14\" fill=\"{}\"/>\
<rect x=\"{centre:.1}\" y=\"{:.1}\" width=\"{benefit_len:.1}\" height=\"14\" fill=\"{}\"/>",
            centre - cost_len,
            y0 + 16.0,
            palette::COST.hex(),
            y0 + 16.0,
            palette::BENEFIT.hex(),
        ));
        out.push_str(&format!(
            "<g font-size=\"10\" fill=\"#333\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            centre - cost_len - 4.0,
            y0 + 27.0,
            esc(&format::money_whole(r.costs, symbol)),
            centre + benefit_len + 4.0,
            y0 + 27.0,
            esc(&format::money_whole(r.benefits, symbol))
        ));
    }
    out.push_str(&format!(
        "<line x1=\"{centre:.1}\" x2=\"{centre:.1}\" y1=\"22\" y2=\"{:.1}\" stroke=\"#333\"/>",
        height - 4.0
    ));
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            esc("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn charts_have_names_and_no_external_references() {
        let years: Vec<FinancialYear> = (0..3).map(|t| FinancialYear(2026 + t)).collect();
        let svg = cumulative_chart(
            "c1",
            "A & B",
            &years,
            &[dec!(-100), dec!(-20), dec!(60)],
            Payback::Years(dec!(2.25)),
            "£",
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains(
            "<title id=\"c1-title\">Cumulative discounted net value of A &amp; B</title>"
        ));
        assert!(svg.contains("Payback: 2.25 years."));
        assert!(!svg.contains("http"));
        let empty = cumulative_chart("c2", "x", &[], &[], Payback::Never, "£");
        assert!(empty.ends_with("</svg>"));
        let bars = who_pays_chart("w", "x", &[], "£");
        assert!(bars.contains("No partner"));
    }
}
