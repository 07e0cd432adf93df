use partnership_appraisal::appraisal;
use partnership_appraisal::export;
use partnership_appraisal::format;
use partnership_appraisal::model::Impact;

use super::borough;

#[test]
fn board_pack_has_every_section_and_nothing_external() {
    let (project, result) = borough();
    let html = export::html(&project, &result);
    for forbidden in [
        "http",
        "src=\"//",
        "<link",
        "<script",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(
            !html.contains(forbidden),
            "the board pack contains {forbidden}"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@page { size: A4"));
    assert_eq!(html.matches("<h1>").count(), 1);
    assert_eq!(
        html.matches("<section class=\"partnership\"").count(),
        project.partnerships.len()
    );
    assert!(
        html.contains(".partnership, .appendix { break-before: page; page-break-before: always; }")
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("<caption>").count()
    );
    assert!(html.matches("<th scope=\"col\"").count() > 20);
    assert!(html.matches("<th scope=\"row\"").count() > 20);
    // Three charts per partnership (the example has a baseline, so each has its plan
    // against actual), each with a title and a description.
    let charts = 3 * project.partnerships.len();
    assert_eq!(html.matches("<svg ").count(), charts);
    assert_eq!(html.matches("role=\"img\"").count(), charts);
    assert_eq!(html.matches("</desc>").count(), charts);

    for heading in [
        "<h2 id=\"conventions\">Conventions</h2>",
        "<h2 id=\"portfolio\">Portfolio summary</h2>",
        "<h2 id=\"assumptions\">Assumptions log</h2>",
        "<h2 id=\"grades\">Confidence grades</h2>",
    ] {
        assert!(html.contains(heading), "missing {heading}");
    }
    for (name, _) in partnership_appraisal::report::conventions(&project) {
        assert!(
            html.contains(&format!("<th scope=\"row\">{name}</th>")),
            "{name}"
        );
    }
    let sym = &project.settings.currency_symbol;
    for (i, (p, r)) in project
        .partnerships
        .iter()
        .zip(&result.partnerships)
        .enumerate()
    {
        let start = html
            .find(&format!("<section class=\"partnership\" id=\"p{}\"", i + 1))
            .expect("section");
        let end = html[start..]
            .find("</section>")
            .map(|e| start + e)
            .expect("end");
        let section = &html[start..end];
        assert!(section.contains(&format!("<h2 id=\"p{}-h\">", i + 1)));
        for h3 in [
            "Headline results",
            "Who pays and who benefits",
            "Partnership profile (7S)",
            "Business as usual",
            "Sensitivity",
        ] {
            assert!(
                section.contains(&format!("{h3}</h3>")),
                "{} lacks {h3}",
                p.name
            );
        }
        let net = format::money_whole(r.measures.net_value, sym);
        assert!(
            section.contains(&net),
            "{} lacks its net value {net}",
            p.name
        );
        assert!(section.contains(&format::ratio(r.measures.bcr)));
        assert!(section.contains(&format::payback(r.measures.payback)));
        assert_eq!(section.contains("class=\"flag\""), r.negative, "{}", p.name);
        for impact in &p.impacts {
            let shown = impact
                .description
                .replace('&', "&amp;")
                .replace('\'', "&#39;");
            assert!(section.contains(&shown), "{} lacks an impact", p.name);
        }
        if !r.pools.is_empty() {
            assert!(section.contains("Pooled funds</h3>"));
            assert!(section.contains("Share of the pool"));
        }
        for label in ["SCS outcomes", "Staff and skills", "Standards"] {
            assert!(section.contains(&format!("<th scope=\"row\">{label}</th>")));
        }
    }
    let negative = result.partnerships.iter().filter(|r| r.negative).count();
    assert!(negative > 0, "the example has a partnership to flag");
    assert_eq!(
        html.matches("consider scaling down their involvement")
            .count(),
        negative
    );
    // The assumptions and grades come after the last partnership.
    let last_partnership = html
        .rfind("<section class=\"partnership\"")
        .expect("a partnership");
    assert!(html.find("Assumptions log").expect("log") > last_partnership);
    for grade in &project.confidence_grades {
        assert!(html.contains(&format!("<th scope=\"row\">{}</th>", grade.grade)));
    }
}

/// The SVG charts of a board pack, each from `<svg` to `</svg>`.
fn svg_charts(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").expect("closed") + start;
            &html[start..end]
        })
        .collect()
}

/// Every colour written as `#…` in `text`.
fn hex_colours(text: &str) -> Vec<String> {
    text.match_indices('#')
        .map(|(i, _)| {
            text[i + 1..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|h| h.len() == 3 || h.len() == 6)
        .map(|h| format!("#{h}"))
        .collect()
}

/// Issue 14: the board pack's bars were red and green, not the app's colour-blind-safe
/// palette.
#[test]
fn board_pack_charts_use_the_apps_palette_and_no_red_or_green() {
    use partnership_appraisal::palette;
    let (project, result) = borough();
    let html = export::html(&project, &result);
    let charts = svg_charts(&html);
    // The cumulative, who-pays and (with the example's baseline) plan-against-actual charts.
    assert_eq!(charts.len(), 3 * project.partnerships.len());
    let allowed = [
        palette::COST.hex(),
        palette::BENEFIT.hex(),
        palette::ORANGE.hex(),
        palette::INK.hex(),
        // Greys for text, axes and grid lines.
        "#333".to_owned(),
        "#111".to_owned(),
        "#ddd".to_owned(),
    ];
    for chart in &charts {
        for colour in hex_colours(chart) {
            assert!(allowed.contains(&colour), "{colour} is not in the palette");
        }
        for word in ["\"red\"", "\"green\"", "#b00020", "#1b6e3a", "#c00"] {
            assert!(!chart.contains(word), "a chart still uses {word}");
        }
    }
    // Each partner row of each who-pays chart: a vermillion cost bar and a blue benefit bar.
    let rows: usize = result
        .partnerships
        .iter()
        .map(|r| r.partners.len() + usize::from(!r.wider_society.is_zero()))
        .sum();
    let cost_bars = format!("height=\"14\" fill=\"{}\"", palette::COST.hex());
    let benefit_bars = format!("height=\"14\" fill=\"{}\"", palette::BENEFIT.hex());
    let all = charts.concat();
    assert_eq!(all.matches(&cost_bars).count(), rows);
    assert_eq!(all.matches(&benefit_bars).count(), rows);
    // The warnings around the figures use the palette's dark vermillion, not red.
    for colour in hex_colours(&html) {
        assert_ne!(colour, "#b00020");
    }
}

/// Issue 14: on screen the who-pays tables ran past the page's width.
#[test]
fn board_pack_wide_tables_fit_the_page() {
    let (project, result) = borough();
    let html = export::html(&project, &result);
    let style = &html[html.find("<style>").expect("style")..html.find("</style>").expect("end")];
    // Wide tables take smaller type and tighter cells, shrink further in print, and scroll
    // within the page on a narrow screen rather than running past it.
    assert!(style.contains(".fit { max-width: 100%; overflow-x: auto; }"));
    assert!(style.contains("table.wide { font-size: 8pt;"));
    assert!(
        style.contains(
            "@media print { .fit { overflow: visible; } table.wide { font-size: 7.5pt; } }"
        )
    );
    assert!(style.contains("max-width: 100%; margin: 4pt 0 8pt;"));
    // No table has a width of its own beyond the page.
    for rule in style.split('}') {
        if rule.contains("table") {
            for width in rule
                .split(';')
                .filter(|d| d.trim_start().starts_with("width"))
            {
                assert_eq!(width.trim(), "width: 100%", "in {rule}");
            }
        }
    }
    assert!(!html.contains("<table style"));
    // Every who-pays table is a wide one, inside a fitting box: one for the portfolio's
    // exposure and one per partnership.
    let who_pays = html
        .matches(
            "<div class=\"fit\"><table class=\"wide\">\n<caption>Present values by partner in ",
        )
        .count();
    assert_eq!(who_pays, project.partnerships.len());
    assert!(html.contains(
        "<div class=\"fit\"><table class=\"wide\">\n<caption>What each partner bears and receives across all partnerships"
    ));
    assert_eq!(
        html.matches("<div class=\"fit\"><table").count(),
        html.matches("<table").count()
    );
}

#[test]
fn board_pack_escapes_user_text() {
    let (mut project, _) = borough();
    project.name = "<script>alert('x')</script> & \"Co\"".into();
    project.partnerships[0].name = "<img src=x onerror=alert(1)>".into();
    project.partnerships[0].impacts.push(Impact {
        description: "</td><script>evil()</script>".into(),
        direction: partnership_appraisal::model::Direction::Negative,
        significance: partnership_appraisal::model::Significance::High,
    });
    project.partnerships[0].bau = "Line one\n\nLine <two>".into();
    let result = appraisal::appraise(&project);
    let html = export::html(&project, &result);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(html.contains("&lt;/td&gt;&lt;script&gt;evil()&lt;/script&gt;"));
    assert!(html.contains("<p>Line one</p>\n<p>Line &lt;two&gt;</p>"));
}
