//! The board pack's actuals against plan for one partnership: the baseline beside the
//! current forecast and the re-forecast, the variance, and the plan-against-actual chart
//! as an inline SVG (a title and description for screen readers, no scripts).

use super::svg::esc;
use crate::appraisal::actuals::{Against, LineSide, PartnershipActuals, YearTotals};
use crate::format;
use crate::palette;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The section's HTML, or nothing when the partnership has neither actuals nor a baseline.
pub fn section(a: &PartnershipActuals, id: &str, sym: &str) -> String {
    if a.passed_to.is_none() && a.baseline.is_none() {
        return String::new();
    }
    let money = |v: Decimal| esc(&format::money_whole(v, sym));
    let mut out = String::from("<h3>Actuals against plan</h3>\n");
    out.push_str(&format!(
        "<p>Variance {}. {}</p>\n",
        esc(&match &a.against {
            Against::Baseline(_) => a.against.label(),
            Against::CurrentForecast => {
                "against the current forecast: no baseline holds this partnership".to_owned()
            }
        }),
        match a.passed_to {
            Some(y) => format!(
                "Actuals are entered to {}; the re-forecast takes them for the years to then and the forecast after, discounted as the appraisal is.",
                esc(&y.to_string())
            ),
            None => "No actuals are entered yet: the re-forecast is the forecast.".to_owned(),
        }
    ));
    if !a.is_complete() {
        out.push_str("<p class=\"incomplete\">Incomplete: an actual or a line is left out of the re-forecast.</p>\n");
    }
    if a.deflated > 0 {
        out.push_str(&format!(
            "<p>{} in cash prices deflated to the price base year with the project's deflators.</p>\n",
            esc(&format::count(a.deflated, "actual", "actuals"))
        ));
    }
    out.push_str(&format!(
        "<div class=\"fit\"><table>\n<caption>Baseline, current forecast and re-forecast of {} (present values)</caption>\n<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\" class=\"num\">Baseline</th><th scope=\"col\" class=\"num\">Current forecast</th><th scope=\"col\" class=\"num\">Re-forecast</th></tr></thead>\n<tbody>\n",
        esc(&a.name)
    ));
    let rows: [(&str, Measure); 3] = [
        ("Costs", |m| m.pvc),
        ("Benefits", |m| m.pvb_total),
        ("Net value", |m| m.net_value),
    ];
    for (label, f) in rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{label}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            a.baseline.as_ref().map_or_else(|| "none set".to_owned(), |b| money(f(b))),
            money(f(&a.forecast)),
            money(f(&a.reforecast)),
        ));
    }
    out.push_str("</tbody>\n</table></div>\n");
    out.push_str(&format!(
        "<p>Variance over the passed years (actual − plan, real terms): costs {}, benefits {}.</p>\n",
        esc(&format::money(a.total_variance(LineSide::Cost), sym)),
        esc(&format::money(a.total_variance(LineSide::Benefit), sym))
    ));
    let plan = match a.against {
        Against::Baseline(_) => "Baseline",
        Against::CurrentForecast => "Current forecast",
    };
    out.push_str(&format!(
        "<figure>\n{}\n<figcaption>Plan against actual: costs and benefits by year, real terms, undiscounted; solid lines are actuals to the last year entered and the forecast after.</figcaption>\n</figure>\n",
        chart(&format!("{id}-actuals"), &a.name, &a.years, plan, sym)
    ));
    out
}

/// A measure read from a set of measures.
type Measure = fn(&crate::appraisal::Measures) -> Decimal;
/// A yearly series of the chart: its value, colour, and whether it is the plan (dashed).
type ChartSeries = (fn(&YearTotals) -> Decimal, palette::Rgb, bool);

fn f(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Costs and benefits by year as planned (dashed) and as re-forecast (solid).
pub fn chart(id: &str, name: &str, years: &[YearTotals], plan: &str, sym: &str) -> String {
    const WIDTH: f64 = 640.0;
    let (height, left, right, top, bottom) = (260.0, 96.0, 16.0, 16.0, 40.0);
    let n = years.len();
    let title = format!("Plan against actual for {name}");
    let passed = years.iter().filter(|y| y.passed).count();
    let costs_actual: Decimal = years
        .iter()
        .filter(|y| y.passed)
        .map(|y| y.reforecast_costs)
        .fold(Decimal::ZERO, |a, b| a.saturating_add(b));
    let costs_plan: Decimal = years
        .iter()
        .filter(|y| y.passed)
        .map(|y| y.plan_costs)
        .fold(Decimal::ZERO, |a, b| a.saturating_add(b));
    let desc = format!(
        "Line chart over {n} years. {plan} costs and benefits dashed, actual then forecast solid. Over the {passed} years with actuals, costs were {} against a plan of {}.",
        format::money_whole(costs_actual, sym),
        format::money_whole(costs_plan, sym)
    );
    let mut out = format!(
        "<svg viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(&title),
        esc(&desc)
    );
    if n == 0 {
        out.push_str("</svg>");
        return out;
    }
    let highest = years
        .iter()
        .flat_map(|y| {
            [
                y.plan_costs,
                y.plan_benefits,
                y.reforecast_costs,
                y.reforecast_benefits,
            ]
        })
        .max()
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let lowest = years
        .iter()
        .flat_map(|y| [y.plan_benefits, y.reforecast_benefits])
        .min()
        .unwrap_or_default()
        .min(Decimal::ZERO);
    let (lo, hi) = (f(lowest), f(highest));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let step = plot_w / n.max(1) as f64;
    let x = |t: usize| left + step * (t as f64 + 0.5);
    let y = |v: f64| top + plot_h * (hi - v) / span;
    out.push_str("<g font-size=\"11\" fill=\"#333\">");
    for (value, v) in [(Decimal::ZERO, 0.0), (highest, hi)] {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/>",
            left - 6.0,
            y(v) + 4.0,
            esc(&format::money_whole(value, sym)),
            WIDTH - right,
            y(v),
            y(v)
        ));
    }
    let every = n.div_ceil(10).max(1);
    for (t, year) in years.iter().enumerate().step_by(every) {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x(t),
            height - bottom + 16.0,
            esc(&year.year.to_string())
        ));
    }
    out.push_str("</g>");
    if passed > 0 {
        let px = left + step * passed as f64;
        out.push_str(&format!(
            "<line x1=\"{px:.1}\" x2=\"{px:.1}\" y1=\"{top:.1}\" y2=\"{:.1}\" stroke=\"#333\" stroke-dasharray=\"2 3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#333\" text-anchor=\"end\">actuals to here</text>",
            height - bottom,
            px - 3.0,
            top + 10.0
        ));
    }
    let series: [ChartSeries; 4] = [
        (|y| y.plan_costs, palette::COST, true),
        (|y| y.reforecast_costs, palette::COST, false),
        (|y| y.plan_benefits, palette::BENEFIT, true),
        (|y| y.reforecast_benefits, palette::BENEFIT, false),
    ];
    for (value, colour, dashed) in series {
        let points: Vec<String> = years
            .iter()
            .enumerate()
            .map(|(t, yr)| format!("{:.1},{:.1}", x(t), y(f(value(yr)))))
            .collect();
        out.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            points.join(" "),
            colour.hex(),
            if dashed { "1.6" } else { "2.4" },
            if dashed {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            }
        ));
    }
    out.push_str("</svg>");
    out
}
