// Mounts the Progress view alone (test build, pkg-test/) in a shadow root with the widget's
// stylesheet, as the element does, until the tab bar makes it reachable in <plan-widget>.
import init, { testMountProgress } from '/pkg-test/plan-widget-wasm.js';

const host = document.getElementById('progress');
const shadow = host.attachShadow({ mode: 'open' });
const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/pkg-test/plan-widget.css';
shadow.append(link);
const root = document.createElement('div');
root.className = 'pw-root';
root.lang = host.lang;
shadow.append(root);
await init();
testMountProgress(root, host.dataset.plan, host.lang);
host.dataset.state = 'ready';
