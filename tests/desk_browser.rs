//! The writer's desk in Chromium: the filters (a small script of ours)
//! narrow the pipeline and the ideas, and survive a reload in the address;
//! without JavaScript everything shows; print leaves the controls out.

mod common;

use common::browser::{eval, launch, open, print_pdf, wait_for};
use common::static_server::StaticServer;
use common::Project;
use headless_chrome::protocol::cdp::Emulation;

const VISIBLE_ROWS: &str = "[...document.querySelectorAll('#pipeline [data-desk-row]')].filter(r => r.offsetParent !== null).map(r => r.querySelector('th').textContent.trim())";
const VISIBLE_IDEAS: &str = "[...document.querySelectorAll('.desk-ideas [data-desk-row]')].filter(r => r.offsetParent !== null).map(r => r.querySelector('.idea').textContent.trim())";

fn choose(tab: &headless_chrome::Tab, name: &str, value: &str) {
    eval(
        tab,
        &format!(
            "(() => {{ const s = document.querySelector('#desk-filters [name={name}]'); s.value = '{value}'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()"
        ),
    );
}

#[test]
fn the_desk_filters_by_theme_potential_and_platform() {
    let project = Project::fixture("writers_desk");
    project.build_ok(&[]);
    let server = StaticServer::start(&project.site(), "/");
    let browser = launch();
    let tab = open(&browser, &server.url("/desk/"));
    assert_eq!(
        eval(&tab, "document.getElementById('desk-filters').hidden"),
        false
    );
    assert_eq!(eval(&tab, VISIBLE_ROWS).as_array().unwrap().len(), 5);

    choose(&tab, "theme", "management");
    assert_eq!(
        eval(&tab, VISIBLE_ROWS),
        serde_json::json!(["One-on-One Questions"])
    );
    assert_eq!(
        eval(&tab, VISIBLE_IDEAS),
        serde_json::json!(["Ask the question behind the status update"])
    );
    // Groups with nothing left to show are hidden with their rows.
    assert_eq!(
        eval(&tab, "[...document.querySelectorAll('#pipeline [data-desk-group]')].filter(g => !g.hidden).length"),
        1
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.desk-shown').textContent"),
        "2 of 9 rows shown"
    );
    assert_eq!(eval(&tab, "location.search"), "?theme=management");

    choose(&tab, "theme", "");
    choose(&tab, "potential", "high");
    assert_eq!(
        eval(&tab, VISIBLE_ROWS),
        serde_json::json!(["Leadership Without a Title"])
    );
    choose(&tab, "potential", "");
    choose(&tab, "platform", "substack");
    assert_eq!(
        eval(&tab, VISIBLE_ROWS),
        serde_json::json!(["One-on-One Questions"])
    );

    // The choice is in the address: a reload keeps it.
    tab.reload(false, None)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(
        &tab,
        "document.querySelector('#desk-filters [name=platform]').value === 'substack' && !document.getElementById('desk-filters').hidden",
        10,
    );
    assert_eq!(
        eval(&tab, VISIBLE_ROWS),
        serde_json::json!(["One-on-One Questions"])
    );

    // Printed, the controls are left out and the tables stay whole.
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .unwrap();
    assert_eq!(
        eval(
            &tab,
            "getComputedStyle(document.getElementById('desk-filters')).display"
        ),
        "none"
    );
    assert_eq!(
        eval(
            &tab,
            "getComputedStyle(document.querySelector('#pipeline tr')).breakInside"
        ),
        "avoid"
    );
    let pdf = print_pdf(&tab);
    assert!(pdf.starts_with(b"%PDF"), "printed");
}

#[test]
fn without_javascript_the_desk_shows_everything() {
    let project = Project::fixture("writers_desk");
    project.build_ok(&[]);
    let server = StaticServer::start(&project.site(), "/");
    let browser = launch();
    let tab = browser.new_tab().unwrap();
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .unwrap();
    tab.navigate_to(&server.url("/desk/?theme=management"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let hidden = tab
        .find_element("#desk-filters")
        .unwrap()
        .get_attribute_value("hidden")
        .unwrap();
    assert!(
        hidden.is_some(),
        "the filters stay hidden without their script"
    );
    let rows = tab.find_elements("#pipeline [data-desk-row]").unwrap();
    assert_eq!(rows.len(), 5);
    for row in rows {
        assert!(row.get_attribute_value("hidden").unwrap().is_none());
    }
    assert_eq!(tab.find_elements(".desk-ideas li").unwrap().len(), 4);
}
