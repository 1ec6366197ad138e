// The iframe page's script (frame.html): one <plan-widget> from the page's query parameters,
// for CMS pages that strip <script type="module"> or unknown tags (www/embed.html, "CMS").
//
//   frame.html?plan=handan-edu-2022&lang=en&scenario=CODE
//
// plan: a built-in plan id (letters, digits, '-', '_'; anything else is ignored, and the widget
// shows its default plan). There is no `src`: the frame shows only the site's built-in plans,
// so a link cannot make the portal's frame page show someone else's plan file.
// lang: zh-CN (default) or en (`en`, `en-GB`, …). scenario: a share code, handed to the widget
// as is (a bad code is explained by the widget itself, over the plan as written). A `#pw=CODE` fragment works
// as on any page. The page's height is posted to the parent page (see embed.html).
//
// The language is read as the element reads its `lang` attribute (langOf, the rule of Rust's
// `Lang::from_attr`), so the page's own `lang` and title agree with the widget's.
// scripts/release.sh rewrites the import for the release's flat layout.
import { langOf } from './pkg/plan-widget.js';

const params = new URLSearchParams(location.search);
const widget = document.createElement('plan-widget');

const plan = params.get('plan');
if (plan && /^[A-Za-z0-9_-]{1,64}$/.test(plan)) widget.setAttribute('plan', plan);

const lang = langOf(params.get('lang'));
widget.setAttribute('lang', lang);
document.documentElement.lang = lang;
document.title = lang === 'en' ? 'Interactive plan' : '互动计划';

const scenario = params.get('scenario');
if (scenario) widget.setAttribute('scenario', scenario);

document.getElementById('frame').append(widget);

// A parent page that can run a script may size its <iframe> to the content: the frame posts
// { type: 'plan-widget-frame-height', height } whenever its height changes.
if (window.parent !== window && 'ResizeObserver' in window) {
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: 'plan-widget-frame-height', height }, '*');
  }).observe(document.documentElement);
}
