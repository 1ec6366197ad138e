//! Component tests of the Progress view in a real browser (wasm-bindgen-test).
//!
//! Mounts `ProgressView` with tests/progress/plan.json and checks the grid and the ranking
//! against the expected files the core's tests use (tests/progress/demo/*.expected.json).

use crate::support::{fire, wait_for, Dom, WAIT};
use plan_widget::core::{parse_plan, Lang};
use plan_widget::web::ui::progress::{
    Fetched, PageActuals, PageFetch, PlanRef, ProgressProps, ProgressView,
};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::AppHandle;

const PLAN: &str = include_str!("../progress/plan.json");
const JUNE: &str = include_str!("../progress/demo/june.csv");
const JUNE_JSON: &str = include_str!("../progress/demo/june.json");
const JUNE_EXPECTED: &str = include_str!("../progress/demo/june.csv.expected.json");
const BAD: &str = include_str!("../progress/demo/bad_rows.csv");
const BAD_EXPECTED: &str = include_str!("../progress/demo/bad_rows.csv.expected.json");

/// The URL the page's figures are said to come from.
const PAGE_URL: &str = "https://example.org/june.csv";

struct Mounted {
    root: Element,
    handle: AppHandle<ProgressView>,
    props: ProgressProps,
}

async fn mount(lang: Lang, actuals: Option<&str>) -> Mounted {
    let feed = actuals
        .map(|a| PageActuals::text(PAGE_URL, a))
        .unwrap_or_default();
    mount_with(lang, feed).await
}

/// Mounts the view with the page's fetches `feed`.
async fn mount_with(lang: Lang, feed: PageActuals) -> Mounted {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = ProgressProps {
        plan: PlanRef(Rc::new(parse_plan(PLAN).unwrap())),
        lang,
        actuals: feed,
    };
    let handle =
        yew::Renderer::<ProgressView>::with_root_and_props(root.clone(), props.clone()).render();
    yew::scheduler::flush().await;
    // The actuals prop is loaded by an effect: one more round.
    yew::scheduler::flush().await;
    Mounted {
        root,
        handle,
        props,
    }
}

fn fetch(url: &str, fetched: Fetched) -> PageFetch {
    PageFetch {
        url: Rc::from(url),
        fetched,
    }
}

impl Dom for Mounted {
    fn root(&self) -> &Element {
        &self.root
    }
}

impl Mounted {
    /// New props (what the element does on a new fetch or a new `lang`).
    async fn update(&mut self, change: impl FnOnce(&mut ProgressProps)) {
        change(&mut self.props);
        self.handle.update(self.props.clone());
        yew::scheduler::flush().await;
        yew::scheduler::flush().await;
    }
    /// The text of every load note, newest first.
    fn loads(&self) -> Vec<String> {
        self.all(".pw-load")
            .iter()
            .map(|e| e.text_content().unwrap_or_default())
            .collect()
    }
    fn cell(&self, target: &str, county: &str) -> Element {
        self.one(&format!(
            ".pw-grid tr[data-target='{target}'] td[data-county='{county}']"
        ))
    }
    /// Chooses `files` in the file picker, as a person would, and waits until they are read.
    async fn choose(&self, files: &[(&str, &str)]) {
        let before = self.all(".pw-load").len();
        let dt = web_sys::DataTransfer::new().unwrap();
        for (name, text) in files {
            let parts = js_sys::Array::of1(&(*text).into());
            let f = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
            dt.items().add_with_file(&f).unwrap();
        }
        let input: HtmlInputElement = self.one("input[type=file]").dyn_into().unwrap();
        input.set_files(dt.files().as_ref());
        fire(&input, "change");
        wait_for("the chosen files to be read", WAIT, || {
            self.all(".pw-load").len() >= before + files.len()
        })
        .await;
    }
    /// Clicks an export button and returns the file's name and text (the download itself is
    /// stopped; the text is read back from the blob URL).
    async fn export(&self, label: &str) -> (String, String) {
        let seen: Rc<RefCell<Option<(String, String)>>> = Rc::default();
        let sink = seen.clone();
        let _listener = gloo::events::EventListener::new_with_options(
            &self.root,
            "click",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |e| {
                if let Some(a) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                {
                    e.prevent_default();
                    *sink.borrow_mut() = Some((a.download(), a.href()));
                }
            },
        );
        self.button(label).await;
        let (name, href) = seen.borrow().clone().expect("no download was offered");
        let window = web_sys::window().unwrap();
        let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&href))
            .await
            .unwrap()
            .dyn_into()
            .unwrap();
        // Read the bytes, so a BOM is kept (Response.text() would drop it).
        let buf = JsFuture::from(resp.array_buffer().unwrap()).await.unwrap();
        let bytes = js_sys::Uint8Array::new(&buf).to_vec();
        (name, String::from_utf8(bytes).unwrap())
    }
}

fn expected(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// Every reported cell and the ranking as in the expected file.
fn check_report(m: &Mounted, exp: &Value, lang: Lang) {
    for c in exp["reported_cells"].as_array().unwrap() {
        let (t, county) = (c["target"].as_str().unwrap(), c["county"].as_str().unwrap());
        let cell = m.cell(t, county);
        let status = c["status"].as_str().unwrap();
        assert_eq!(
            cell.get_attribute("data-status").as_deref(),
            Some(status),
            "{t} {county}"
        );
        // Colour, icon and word.
        let word = cell
            .query_selector(".pw-status-word")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        let s = match status {
            "ahead" => plan_widget::core::progress::ProgressStatus::Ahead,
            "on_track" => plan_widget::core::progress::ProgressStatus::OnTrack,
            "behind" => plan_widget::core::progress::ProgressStatus::Behind,
            _ => plan_widget::core::progress::ProgressStatus::NoReport,
        };
        assert_eq!(word, s.label(lang));
        assert!(cell.query_selector(".pw-icon").unwrap().is_some());
        assert!(cell.class_name().contains("pw-"), "{}", cell.class_name());
    }
    let rows = m.all(".pw-ranking tbody tr");
    let ranking = exp["ranking"].as_array().unwrap();
    assert_eq!(rows.len(), ranking.len());
    for (row, r) in rows.iter().zip(ranking) {
        assert_eq!(
            row.get_attribute("data-county").as_deref(),
            r["county"].as_str()
        );
        let cells = row.query_selector_all("td").unwrap();
        let first = cells.get(0).unwrap().text_content().unwrap();
        assert_eq!(first, r["rank"].to_string());
        let mark = row
            .query_selector(".pw-mark")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        let praise = if lang == Lang::ZhCn {
            "通报表扬"
        } else {
            "Praised"
        };
        assert_eq!(mark.contains(praise), r["praise"].as_bool().unwrap());
        assert_eq!(mark.contains("约谈"), r["interview"].as_bool().unwrap());
    }
}

#[wasm_bindgen_test]
async fn before_any_file_the_breakdown_can_be_exported() {
    let m = mount(Lang::ZhCn, None).await;
    assert!(m.text(".pw-empty").contains("尚未载入报送数据"));
    assert_eq!(m.all(".pw-grid").len(), 0);
    let (name, text) = m.export("任务分解表 CSV").await;
    assert_eq!(name, "demo-district-2023-任务分解表.csv");
    assert!(text.starts_with("\u{feff}目标编号,目标,"));
    // The file is the core's, byte for byte.
    let plan = parse_plan(PLAN).unwrap();
    let bd = plan_widget::core::progress::Breakdown::new(&plan);
    assert_eq!(
        text,
        plan_widget::core::progress::export::breakdown_csv(&plan, &bd, Lang::ZhCn)
    );
    // Report exports need reported figures.
    let disabled: Vec<String> = m
        .all("button[disabled]")
        .iter()
        .map(|b| b.text_content().unwrap())
        .collect();
    assert_eq!(disabled, ["进度表 CSV", "排名 CSV", "进度报告 JSON"]);
}

#[wasm_bindgen_test]
async fn the_page_actuals_give_the_expected_grid_and_ranking() {
    let m = mount(Lang::ZhCn, Some(JUNE)).await;
    let exp = expected(JUNE_EXPECTED);
    assert_eq!(exp["values_used"], 18);
    assert!(
        m.text(".pw-load-count").contains(
            "本页提供的报送数据(https://example.org/june.csv):载入 18 条数据,0 行有误已跳过"
        ),
        "{}",
        m.text(".pw-load-count")
    );
    assert_eq!(m.text(".pw-total"), "共 18 条报送数据在用。");
    // The as-of month defaults to the latest reported.
    let month: HtmlSelectElement = m.one(".pw-p-controls select").dyn_into().unwrap();
    assert_eq!(month.value(), "6");
    assert!(m.text(".pw-grid caption").contains("2023年6月"));
    check_report(&m, &exp, Lang::ZhCn);
    // A division without a part says so in words.
    assert_eq!(
        m.cell("voc_each", "centre").text_content().unwrap(),
        "不承担"
    );
    assert_eq!(
        m.cell("ger", "city").text_content().unwrap(),
        "▼滞后67.3 / 70"
    );
    // The rule is stated.
    assert!(m
        .text(".pw-rule")
        .contains("前 1 名且比例不低于 80% 的通报表扬,参加排名的后 1 名中有任务滞后的约谈"));
    // And what a missing report does, by the plan's rule.
    assert!(m.text(".pw-rule").contains("未报送单独统计，不按滞后计"));
}

#[wasm_bindgen_test]
async fn json_actuals_and_english() {
    let m = mount(Lang::En, Some(JUNE_JSON)).await;
    check_report(&m, &expected(JUNE_EXPECTED), Lang::En);
    assert!(m
        .text(".pw-rule")
        .contains("the top 1 with a share of at least 80% are praised"));
    assert_eq!(m.text(".pw-grid thead th:nth-child(2)"), "Whole city");
}

#[wasm_bindgen_test]
async fn bad_rows_get_one_message_each_and_a_second_file_merges() {
    let m = mount(Lang::ZhCn, Some(JUNE)).await;
    m.choose(&[("bad_rows.csv", BAD)]).await;
    let exp = expected(BAD_EXPECTED);
    // Newest load first: its count and one message per bad row, in the widget's language.
    assert_eq!(
        m.text(".pw-load .pw-load-count"),
        "bad_rows.csv:载入 3 条数据,11 行有误已跳过"
    );
    let messages: Vec<String> = m
        .all(".pw-load:first-child .pw-row-errors li")
        .iter()
        .map(|li| li.text_content().unwrap())
        .collect();
    let want: Vec<String> = exp["errors_zh"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_string())
        .collect();
    assert_eq!(messages, want);
    // Nothing from the first load is lost: 18 + 2 new (one replaces the same month).
    assert_eq!(m.text(".pw-total"), "共 20 条报送数据在用。");
    assert_eq!(m.all(".pw-load").len(), 2);
    assert_eq!(
        m.cell("ger", "centre")
            .get_attribute("data-status")
            .as_deref(),
        Some("ahead")
    );
    assert_eq!(
        m.cell("class_size", "south")
            .get_attribute("data-status")
            .as_deref(),
        Some("behind")
    );
    // The new figure is used: South's kindergarten (1 by June against 0.25).
    assert_eq!(
        m.cell("kg_built", "south")
            .get_attribute("data-status")
            .as_deref(),
        Some("ahead")
    );
}

#[wasm_bindgen_test]
async fn a_file_with_only_bad_rows_keeps_what_is_loaded() {
    let m = mount(Lang::En, None).await;
    m.choose(&[("june.csv", JUNE)]).await;
    m.choose(&[(
        "broken.csv",
        "county,target,month,value\nnort,ger,2023-06,70\n",
    )])
    .await;
    assert_eq!(
        m.text(".pw-load .pw-load-count"),
        "broken.csv: 0 values loaded, 1 bad row skipped"
    );
    assert_eq!(
        m.text(".pw-load:first-child .pw-row-errors li"),
        "row 2, column county: unknown county 'nort' (did you mean 'north'?)"
    );
    assert_eq!(m.text(".pw-total"), "18 reported values in use.");
    check_report(&m, &expected(JUNE_EXPECTED), Lang::En);
}

#[wasm_bindgen_test]
async fn failed_page_fetches_are_reported_and_keep_what_is_loaded() {
    // Three fetches before the view is first drawn (the Progress tab opened late): each is
    // listed, newest first, and the figures of the first are in use.
    let feed = PageActuals::text(PAGE_URL, JUNE)
        .with(fetch("https://example.org/july.csv", Fetched::Http(404)))
        .with(fetch("https://example.org/aug.csv", Fetched::Network));
    let mut m = mount_with(Lang::ZhCn, feed.clone()).await;
    assert_eq!(
        m.loads(),
        [
            "本页提供的报送数据(https://example.org/aug.csv):无法下载(网络错误,或该地址不在本站、被页面的安全策略阻止),已载入的数据保持不变。",
            "本页提供的报送数据(https://example.org/july.csv):无法下载(HTTP 404,文件不存在),已载入的数据保持不变。",
            // (and its one note, folded)
            "本页提供的报送数据(https://example.org/june.csv):载入 18 条数据,0 行有误已跳过\
             1 条提示第 5 行：与第 3 行的县、目标、月份相同，以本行为准",
        ]
    );
    assert_eq!(m.all(".pw-load.pw-error").len(), 2);
    assert_eq!(m.text(".pw-total"), "共 18 条报送数据在用。");
    check_report(&m, &expected(JUNE_EXPECTED), Lang::ZhCn);

    // A later fetch gives a web page (a portal's "not found" page sent with status 200), then
    // one gives a server error: the figures stay; nothing is loaded twice.
    let html = "<!doctype html>\n<html><body>页面不存在</body></html>\n";
    let feed = feed.with(fetch(
        "https://example.org/sep.csv",
        Fetched::Text(Rc::from(html)),
    ));
    m.update(|p| p.actuals = feed.clone()).await;
    let feed = feed.with(fetch("https://example.org/oct.csv", Fetched::Http(500)));
    m.update(|p| p.actuals = feed.clone()).await;
    let loads = m.loads();
    assert_eq!(loads.len(), 5);
    assert_eq!(
        loads[0],
        "本页提供的报送数据(https://example.org/oct.csv):无法下载(HTTP 500),已载入的数据保持不变。"
    );
    assert_eq!(
        m.text(".pw-load:nth-child(2) .pw-load-count"),
        "本页提供的报送数据(https://example.org/sep.csv):载入 0 条数据,1 行有误已跳过"
    );
    assert_eq!(
        m.text(".pw-load:nth-child(2) p.pw-error"),
        "该地址返回的是网页(HTML),不是 CSV 或 JSON 报送数据;请检查 actuals 属性中的地址。"
    );
    assert_eq!(
        m.text(".pw-load:nth-child(2) .pw-row-errors li"),
        "文件：缺少表头（应为 county,target,month,value）"
    );
    assert_eq!(m.text(".pw-total"), "共 18 条报送数据在用。");

    // The same notes in English.
    m.update(|p| p.lang = Lang::En).await;
    let loads = m.loads();
    assert_eq!(
        loads[0],
        "Figures given by this page (https://example.org/oct.csv): could not be downloaded (HTTP 500); what is loaded is unchanged."
    );
    assert_eq!(
        m.text(".pw-load:nth-child(2) p.pw-error"),
        "The address gave a web page (HTML), not reported figures in CSV or JSON: check the address in the actuals attribute."
    );
    assert_eq!(
        loads[2],
        "Figures given by this page (https://example.org/aug.csv): could not be downloaded (a network error, or the address is not on this site or is blocked by the page's security policy); what is loaded is unchanged."
    );
    assert_eq!(
        loads[3],
        "Figures given by this page (https://example.org/july.csv): could not be downloaded (HTTP 404, no such file); what is loaded is unchanged."
    );
    assert_eq!(m.text(".pw-total"), "18 reported values in use.");
    check_report(&m, &expected(JUNE_EXPECTED), Lang::En);
}

#[wasm_bindgen_test]
async fn the_picker_names_the_chosen_files_in_the_widget_language() {
    let mut m = mount(Lang::ZhCn, None).await;
    let input = m.one("input[type=file]");
    let label = m.one(&format!("label[for='{}']", input.id()));
    assert_eq!(
        label.text_content().unwrap(),
        "选择报送文件(CSV、JSON 或填报工作簿 .xlsx)"
    );
    assert_eq!(m.text(".pw-file-name"), "未选择文件");
    // The input is described by the chosen names and the hint.
    let described = input.get_attribute("aria-describedby").unwrap();
    let ids: Vec<&str> = described.split(' ').collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(m.one(&format!("#{}", ids[0])).class_name(), "pw-file-name");
    m.choose(&[("june.csv", JUNE), ("bad_rows.csv", BAD)]).await;
    assert_eq!(m.text(".pw-file-name"), "已选择:june.csv、bad_rows.csv");
    // The input is cleared (the same file can be chosen again); the names stay shown.
    let value = input.dyn_ref::<HtmlInputElement>().unwrap().value();
    assert_eq!(value, "");
    m.update(|p| p.lang = Lang::En).await;
    assert_eq!(
        m.one(&format!("label[for='{}']", input.id()))
            .text_content()
            .unwrap(),
        "Choose a report file (CSV, JSON or a filled .xlsx workbook)"
    );
    assert_eq!(m.text(".pw-file-name"), "Chosen: june.csv, bad_rows.csv");
}

#[wasm_bindgen_test]
async fn month_and_area_selectors() {
    let m = mount(Lang::ZhCn, Some(JUNE)).await;
    // As of May: Centre's enrolment was first reported in June.
    m.select(".pw-p-controls select", "5").await;
    assert!(m.text(".pw-grid caption").contains("2023年5月"));
    assert_eq!(
        m.cell("ger", "centre")
            .get_attribute("data-status")
            .as_deref(),
        Some("no_report")
    );
    assert_eq!(
        m.cell("kg_built", "hills")
            .get_attribute("data-status")
            .as_deref(),
        Some("ahead")
    );
    m.select(".pw-p-controls select", "6").await;
    // The first target's timeline is open; for North County its June row shows 69.
    m.select(".pw-p-controls select:last-of-type", "1").await;
    assert!(m.text(".pw-p-timelines h4").contains("北县"));
    let rows = m.all(".pw-tl[data-target='ger'] .pw-tl-table tbody tr");
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[5].text_content().unwrap(), "2023年6月7069");
    assert_eq!(rows[0].text_content().unwrap(), "2023年1月53.3—");
    assert!(rows[5].class_name().contains("pw-now"));
    // The chart: attributes only, a dot per report.
    assert_eq!(m.all(".pw-tl[data-target='ger'] svg circle").len(), 1);
    assert_eq!(m.all(".pw-progress [style]").len(), 0);
    let caption = m.text(".pw-tl[data-target='ger'] caption");
    assert!(caption.contains("学前毛入园率(北县)"), "{caption}");
    // Open another timeline: a target North has no part in says so.
    assert!(m
        .text(".pw-tl[data-target='within_budget'] summary")
        .contains("不承担"));
    m.one(".pw-tl[data-target='kg_built'] summary")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(
        m.all(".pw-tl[data-target='kg_built'] .pw-tl-table tbody tr")
            .len(),
        12
    );
}

#[wasm_bindgen_test]
async fn report_exports() {
    let m = mount(Lang::ZhCn, Some(JUNE)).await;
    let (name, text) = m.export("进度表 CSV").await;
    assert_eq!(name, "demo-district-2023-进度-2023-06.csv");
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}目标编号,目标,县（市、区）编号,县（市、区）,截至月份,进度节点,实际值,报送月份,状态代码,状态,完成率（%）"
    );
    // A line per cell: six targets, city plus the divisions with a part.
    assert_eq!(lines.len(), 1 + 25);
    assert!(lines.contains(&"ger,学前毛入园率,north,北县,2023-06,70,69,2023-06,on_track,按期,95"));

    let (name, text) = m.export("排名 CSV").await;
    assert_eq!(name, "demo-district-2023-排名-2023-06.csv");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 4);
    // Columns: rank … no report, provisional, share, completion, praise, called in, follow up.
    assert_eq!(lines[1], "1,centre,中心区,4,3,1,0,0,0,100,110,是,,");
    assert_eq!(lines[4], "4,south,南县,5,0,3,2,0,0,60,78,,是,");

    let (name, text) = m.export("进度报告 JSON").await;
    assert_eq!(name, "demo-district-2023-进度-2023-06.json");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["as_of"], "2023-06");
    assert_eq!(v["cells"].as_array().unwrap().len(), 25);
    assert_eq!(v["ranking"][0]["county"], "centre");

    let (name, text) = m.export("任务分解表 JSON").await;
    assert_eq!(name, "demo-district-2023-任务分解表.json");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["targets"].as_array().unwrap().len(), 6);
}
