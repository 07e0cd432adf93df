//! The who-pays sheet: each partner's costs, savings and net position in each
//! partnership, by formula from the flows sheets.

use super::flows::{partner_col, sumproduct};
use super::{
    Placed, Sheet, Styles, WHO_PAYS, abs, cached, cached_ratio, double, money_format, rel,
};
use crate::appraisal::Appraisal;
use crate::appraisal::num::present_value;
use crate::export::ExportError;
use crate::model::Project;
use crate::palette;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Color, Worksheet,
};

const W_FIRST: u32 = 4;

pub(super) fn who_pays_sheet(
    project: &Project,
    appraisal: &Appraisal,
    placed: &[Placed],
    styles: &Styles,
) -> Result<Worksheet, ExportError> {
    let n = appraisal.years.len();
    let factors = &appraisal.discount_factors;
    let mut s = Sheet::new(WHO_PAYS)?;
    s.width(0, 40.0)?;
    s.width(1, 40.0)?;
    for col in 2..=8 {
        s.width(col, 17.0)?;
    }
    s.page(None)?;
    s.text_with(0, 0, "Who pays and who benefits", &styles.title)?;
    s.paragraph(
        1,
        8,
        &format!(
            "Present values in {} prices. Net to budget = fiscal benefits - costs borne; net value adds economic and social benefits; own return = fiscal benefits / costs borne.",
            project.settings.price_base_year
        ),
        &styles.wrap,
        200,
    )?;
    let headers = [
        "Partnership",
        "Partner",
        "PV of costs borne",
        "PV of fiscal benefits",
        "of which cashable",
        "PV of economic and social benefits",
        "Net to budget",
        "Net value",
        "Own fiscal return",
    ];
    for (col, text) in (0u16..).zip(headers) {
        s.text_with(3, col, text, &styles.header)?;
    }
    s.height(3, 30.0)?;

    // Each row's present values, kept for the portfolio block's cached values.
    let mut rows: Vec<(String, bool, [Decimal; 4])> = Vec::new();
    let mut row = W_FIRST;
    for (p, place) in project.partnerships.iter().zip(placed) {
        for (i, partner) in place.partners.iter().enumerate() {
            let pv = |series: &[Decimal]| present_value(series, factors).unwrap_or_default();
            let values = [
                pv(&partner.costs),
                pv(&partner.fiscal),
                pv(&partner.cashable),
                pv(&partner.economic_and_social),
            ];
            s.text(row, 0, &p.name)?;
            s.text(row, 1, &partner.partner)?;
            let cols: [u16; 4] = [2, 3, 4, 5];
            for ((col, k), value) in cols.into_iter().zip(0u16..).zip(values) {
                if partner.society && (k == 0 || k == 2) {
                    continue; // wider society bears no costs and has no budget to cash
                }
                if place.partner_columns {
                    let formula = sumproduct(Some(&place.sheet), partner_col(i, k), n);
                    s.formula(row, col, &formula, cached(value), &styles.money)?;
                } else {
                    s.number_with(row, col, double(value), &styles.money)?;
                }
            }
            position_formulas(&mut s, row, &values, partner.society, styles)?;
            rows.push((partner.partner.clone(), partner.society, values));
            row += 1;
        }
    }
    let table_end = row; // exclusive

    // Each partner's exposure across the portfolio.
    row += 1;
    s.text_with(
        row,
        0,
        "Each partner's exposure across the portfolio",
        &styles.bold,
    )?;
    row += 1;
    let block_headers = [
        "Partner",
        "",
        "PV of costs borne",
        "PV of fiscal benefits",
        "of which cashable",
        "PV of economic and social benefits",
        "Net to budget",
        "Net value",
        "Own fiscal return",
    ];
    for (col, text) in (0u16..).zip(block_headers) {
        s.text_with(row, col, text, &styles.header)?;
    }
    s.height(row, 30.0)?;
    row += 1;
    let block_first = row;
    let mut exposure: Vec<(String, bool)> = appraisal
        .portfolio
        .partners
        .iter()
        .map(|p| (p.partner.clone(), false))
        .collect();
    if rows.iter().any(|(_, society, _)| *society) {
        exposure.push((crate::export::WIDER_SOCIETY.to_owned(), true));
    }
    for (name, society) in &exposure {
        s.text(row, 0, name)?;
        let mut values = [Decimal::ZERO; 4];
        for (_, _, v) in rows.iter().filter(|(n, s, _)| n == name && s == society) {
            for (total, x) in values.iter_mut().zip(v) {
                *total = total.checked_add(*x).unwrap_or(*total);
            }
        }
        if !society
            && let Some(engine) = appraisal
                .portfolio
                .partners
                .iter()
                .find(|p| &p.partner == name)
        {
            values = [
                engine.pv_costs,
                engine.pv_fiscal,
                engine.pv_cashable,
                engine.pv_other,
            ];
        }
        for (col, value) in [2u16, 3, 4, 5].into_iter().zip(values) {
            if *society && (col == 2 || col == 4) {
                continue;
            }
            if table_end > W_FIRST {
                let names = format!("{}:{}", abs(W_FIRST, 1), abs(table_end - 1, 1));
                let amounts = format!("{}:{}", abs(W_FIRST, col), abs(table_end - 1, col));
                let formula = format!("SUMPRODUCT(--EXACT({names},{}),{amounts})", rel(row, 0));
                s.formula(row, col, &formula, cached(value), &styles.money)?;
            } else {
                s.number_with(row, col, double(value), &styles.money)?;
            }
        }
        position_formulas(&mut s, row, &values, *society, styles)?;
        row += 1;
    }

    let partners_in_chart = appraisal.portfolio.partners.len() as u32;
    if partners_in_chart > 0 {
        let last = block_first + partners_in_chart - 1;
        let mut chart = Chart::new(ChartType::Bar);
        // The palette of every chart: costs vermillion, fiscal benefits blue, economic
        // and social benefits bluish green.
        let series: [(u16, &str, palette::Rgb); 3] = [
            (2, "Costs borne", palette::COST),
            (3, "Fiscal benefits", palette::BENEFIT),
            (5, "Economic and social benefits", palette::GREEN),
        ];
        for (col, name, colour) in series {
            chart
                .add_series()
                .set_name(name)
                .set_categories((WHO_PAYS, block_first, 0, last, 0))
                .set_values((WHO_PAYS, block_first, col, last, col))
                .set_format(
                    ChartFormat::new().set_solid_fill(
                        ChartSolidFill::new().set_color(Color::RGB(colour.number())),
                    ),
                );
        }
        chart
            .title()
            .set_name("Who pays and who benefits (present values)");
        chart
            .x_axis()
            .set_num_format(money_format(&project.settings.currency_symbol));
        chart.y_axis().set_reverse();
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_alt_text(
            "Bar chart of each partner's present value of costs borne and benefits received across the portfolio",
        );
        chart
            .set_width(720)
            .set_height(120 + 40 * partners_in_chart.min(40));
        s.chart(row + 1, 0, &chart)?;
    }
    s.done()
}

/// Net to budget, net value and own return of one row, from its present values.
fn position_formulas(
    s: &mut Sheet,
    row: u32,
    values: &[Decimal; 4],
    society: bool,
    styles: &Styles,
) -> Result<(), ExportError> {
    let [costs, fiscal, _, other] = *values;
    let (c, f, o) = (rel(row, 2), rel(row, 3), rel(row, 5));
    let net_value = fiscal
        .checked_add(other)
        .and_then(|b| b.checked_sub(costs))
        .unwrap_or_default();
    if society {
        s.formula(
            row,
            7,
            &format!("{f}+{o}"),
            cached(net_value),
            &styles.money_bold,
        )?;
        return Ok(());
    }
    s.formula(
        row,
        6,
        &format!("{f}-{c}"),
        cached(fiscal.checked_sub(costs).unwrap_or_default()),
        &styles.money,
    )?;
    s.formula(
        row,
        7,
        &format!("{f}+{o}-{c}"),
        cached(net_value),
        &styles.money_bold,
    )?;
    let own = if costs.is_zero() {
        None
    } else {
        fiscal.checked_div(costs)
    };
    s.formula(
        row,
        8,
        &format!("IF({c}=0,\"n/a\",{f}/{c})"),
        cached_ratio(own),
        &styles.ratio,
    )?;
    Ok(())
}
