//! The help text: how to use the app, the method's conventions and the shortcuts.

use super::commands::Command;
use eframe::egui::{self, RichText, Ui};

pub fn show(ui: &mut Ui) {
    ui.heading("How to use Partnership Appraisal");
    egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
        for paragraph in [
            "1. Add the partners (councils, NHS bodies, police, fire, voluntary sector) and their rate cards of grades.",
            "2. Add a partnership and record its register details and what would happen without it (business as usual).",
            "3. Enter its costs: staff time, meetings with attendees by partner and grade, pooled fund contributions and other costs.",
            "4. Enter its benefits: direct amounts or outcome chains (cohort × engagement × success × unit value, less deadweight, displacement and attribution).",
            "5. Read the results on the right: net value, benefit-cost ratio, fiscal return, payback, and who pays and who benefits.",
            "6. Options holds alternatives to the current arrangement (scale down, merge, stop) with their own lines; Uncertainty compares them side by side and shows sensitivity, switching values and a Monte Carlo simulation; Fair shares shows who would lose under other splits of the costs and saves a split as a proposal.",
            "7. Present to the board (F5): full-screen slides, arrow keys to move, Esc to leave; what-if sliders never change the project.",
            "8. At each yearly review, File › Compare with another file (last year's, or the version the board approved) says what changed and splits each partnership's change in net value over it: staff time, discounting, benefits. Compare with the saved file does the same for your edits since the last save.",
            "9. The Objectives tab records what a partnership sets out to achieve towards the community strategy's priorities (kept under Project settings): indicators with a baseline and a target and an actual for each year, and which partner contributes which cost lines and hours. Each year is rated On target, Within tolerance (short by no more than 5% of the target) or Off target, in words and colour. View › Delivery chain follows each priority to its objectives, partnerships and partners. None of it changes a figure.",
            "10. For the annual review, each partnership's Register tab holds its register entry, governance check and risks, and its Review tab the year's review: ratings, the decision and actions. Annual review (in the list on the left) gathers the portfolio on a day for the audit committee (what is significant, due, overdue, outweighed by its costs, governance gaps, high risks, overdue actions) and writes its report in Word and a CSV file.",
            "Renaming a partner, grade, unit value, confidence grade or option renames it everywhere it is used: lines, options, members, saved proposals and the library. A name another already has is refused.",
            "Deleting something that lines use first says how many lines in which partnerships refer to it, and offers to move them to another partner (grade, unit value, option), to delete them too, or to cancel. Ctrl+Z undoes either.",
            "Numbers are typed as text and take effect when you press Enter or leave the field. Bad text is shown in red with the reason; the last valid value is kept. Press Escape in a field to go back to it.",
            "Percentages are typed as percentages (15 or 15%). Years are financial years (2026/27). Amounts are in real terms at the price base year unless a line says \"Amounts in: cash prices\"; those are deflated to the price base year with the GDP deflators under Unit values and deflators, which need a year for each year the line has an amount.",
            "A benefit line can count as a disbenefit (crime displaced to the next town, say): enter its size as a positive amount and choose \"A disbenefit\" under Counts as. It reduces the benefits, and a ratio that turns negative is shown in brackets.",
            "A cost line can take its optimism bias from a project type (HM Treasury's bounds, editable under Project settings): the upper bound reduced by the share of its causes you have mitigated, never below the lower bound. The working is shown under the line.",
            "Beside the Green Book's net value, benefit-cost ratio and payback, the results give payback on the fiscal case and the SROI ratio (impact discounted from year 1 over inputs not discounted, as SROI practice defines it); switching values are given for net value reaching zero and for the fiscal return reaching 1.",
            "Discounting follows the Green Book: 3.5% a year to year 30, then declining; year 0 is not discounted unless the settings say otherwise.",
            "A line with an error (a negative amount, a partner or grade that does not exist) is left out of the figures; where only one attendee or pooled-fund contribution is wrong, only that is left out. Every figure is then marked \"Incomplete\" with what is missing: click the mark to see the problems, and each one to go to it.",
            "Where the system's file dialog cannot be shown, Open, Save as, Export and Compare ask for the file in a window of their own: type or click the folder and the file name.",
        ] {
            ui.label(paragraph);
            ui.add_space(4.0);
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Keyboard shortcuts").strong());
        egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
            for command in Command::ALL {
                for shortcut in command.shortcuts() {
                    ui.label(ui.ctx().format_shortcut(shortcut));
                    ui.label(command.label());
                    ui.end_row();
                }
            }
        });
    });
}
