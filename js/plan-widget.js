// @ts-check
// <plan-widget>: the custom element. The only file a page includes:
//
//   <script type="module" src="/pkg/plan-widget.js"></script>
//   <plan-widget plan="handan-edu-2022" lang="zh-CN"></plan-widget>
//
// This layer owns the element's life cycle, the shadow root, the loading state, and every
// failure that must explain itself (wasm missing or served wrongly, CSP, a bad plan file, a Rust
// panic, no WebAssembly at all). The UI itself is Rust (yew), mounted through the wasm export
// `mount` (src/web/element.rs); so are the rules (share codes and their URL fragment key, the
// plan's validation, the events' detail). Source: js/plan-widget.js, type-checked (`tsc
// --checkJs`, js/tsconfig.json); built into pkg/ by scripts/build.sh, which also puts in its
// shell stylesheet (js/shell.css) and the build hash.

/**
 * @typedef {'zh-CN' | 'en'} Lang
 * @typedef {import('./plan-widget.d.ts').PlanProblem} PlanProblem
 * @typedef {import('./plan-widget.d.ts').ScenarioChangeDetail} ScenarioChangeDetail
 * @typedef {import('./plan-widget.d.ts').StatusChangeDetail} StatusChangeDetail
 * A `scenario-change` from the wasm (src/web/element.rs `ChangeTargets`): the share code, and
 * the targets made on request.
 * @typedef {{ scenario: string, targets(): ScenarioChangeDetail['targets'], free(): void }} ChangeTargets
 *
 * The wasm's exports this script calls (src/web/element.rs, src/web/fragment.rs), through the
 * wasm-bindgen glue (plan-widget-wasm.js).
 * @typedef {object} Glue
 * @property {(init: { module_or_path: WebAssembly.Module }) => Promise<unknown>} default
 * @property {(report: (message: string) => void) => void} setPanicReporter
 * @property {(id: string) => boolean} isBuiltin
 * @property {(root: Element, planId: string, planJson: string | null, src: string, lang: string,
 *   scenario: string | undefined, onChange: (change: ChangeTargets | StatusChangeDetail, type?: string) => void,
 *   hydrate: boolean, feedback: string | undefined,
 *   onSubmit: (scenario: string, summary: string, url: string) => boolean) => WidgetHandle} mount
 * @property {(element: Element) => string | undefined} readFragment
 * @property {(text: string, document: string | undefined, lang: string) => PlanProblem[]} validatePlan
 * @property {((message: string) => void) | undefined} testPanic test builds only
 *
 * One mounted widget (src/web/element.rs, `WidgetHandle`).
 * @typedef {object} WidgetHandle
 * @property {(lang: string, scenario: string | undefined) => void} update
 * @property {(url: string, text: string) => void} setActuals
 * @property {(url: string, status: number) => void} actualsFailed
 * @property {(template: string | undefined, onSubmit: (scenario: string, summary: string, url: string) => boolean) => void} setFeedback
 * @property {(url: string, text: string) => string} setTally
 * @property {(url: string, status: number) => void} tallyFailed
 * @property {() => void} clearTally
 * @property {() => string} scenario
 * @property {() => void} reset
 * @property {() => void} destroy
 *
 * One instance of the glue and the wasm; dead after a panic or a trap.
 * @typedef {object} Runtime
 * @property {Glue} glue
 * @property {number} gen
 * @property {boolean} dead
 * @property {string} panic
 * @property {Set<PlanWidgetElement>} widgets
 *
 * What fills a failure's message.
 * @typedef {{ url?: string, status?: number, type?: string, detail?: string }} LoadData
 *
 * What the element shows (what `_relabel` draws again in another language).
 * @typedef {{ kind: 'loading' | 'app' | 'error' | 'crash' | 'fallback', error?: unknown, panic?: string }} ShellState
 */

const BASE = import.meta.url;
const GLUE_FILE = 'plan-widget-wasm.js';
const WASM_FILE = 'plan-widget-wasm_bg.wasm';
const CSS_FILE = 'plan-widget.css';
// The workbook module: a second small wasm (calamine) that reads filled county workbooks for
// the Progress view, loaded only when a .xlsx file is picked (scripts/build.sh, feature
// `xlsx-reader`).
const XLSX_GLUE = 'plan-widget-xlsx.js';
const XLSX_WASM = 'plan-widget-xlsx_bg.wasm';
const PLANS_DIR = 'plans/'; // built-in plans: plans/<id>.json next to this script
// A hash of the build's files, put in by scripts/build.sh: every file this script loads gets
// `?v=<hash>`, so a portal can cache them for a year and keep only plan-widget.js `no-cache`.
const BUILD = '@BUILD@';

/** The URL of one of the package's files, next to this script, with the build hash.
 * @param {string} file */
function asset(file) {
  const url = new URL(file, BASE);
  if (!BUILD.startsWith('@')) url.searchParams.set('v', BUILD);
  return url;
}
// The plan of an element without `plan` or `src`: `core::builtin::DEFAULT_ID` (src/core/builtin.rs),
// also here because its file is fetched while the wasm loads; a unit test there holds the two
// together.
const DEFAULT_PLAN = 'handan-edu-2022';

// ---------------------------------------------------------------------------------------------
// Messages of this layer, in both languages. The UI's own strings live in Rust.

/**
 * Per language: texts, functions of a failure's data giving one, and the status words.
 * @type {Record<Lang, Record<string, string | ((d: LoadData) => string) | Record<string, string>>>}
 */
const MESSAGES = {
  'zh-CN': {
    loading: '正在加载互动计划…',
    errorTitle: '互动计划组件无法显示',
    forWebTeam: '网站管理员请注意：',
    crashTitle: '互动计划组件出错，已停止运行',
    crashBody: '页面的其他部分不受影响。点击下面的按钮可重新启动组件；如果问题反复出现，请把技术细节告诉网站管理员。',
    restart: '重新启动组件',
    details: '技术细节',
    'wasm-missing': (d) => `找不到组件文件 ${d.url}（HTTP 404）。请把 pkg/ 目录中的全部文件（包括 .wasm 文件）复制到 plan-widget.js 所在的目录。`,
    'wasm-http': (d) => `组件文件 ${d.url} 下载失败（HTTP ${d.status}）。请检查网站服务器能否正常提供该文件。`,
    'wasm-fetch': (d) => `无法下载组件文件 ${d.url}。请检查该文件是否与 plan-widget.js 位于同一网站；如页面设置了内容安全策略，connect-src 须允许本站（'self'）。`,
    'wasm-mime': (d) => `服务器发送 ${d.url} 时使用了错误的类型“${d.type}”。请在网站服务器上把 .wasm 文件的 MIME 类型设为 application/wasm。`,
    csp: () => `页面的内容安全策略（CSP）禁止运行 WebAssembly。请在 script-src 中加入 'wasm-unsafe-eval'，例如：script-src 'self' 'wasm-unsafe-eval'。`,
    'wasm-compile': (d) => `组件文件 ${d.url} 已损坏或不完整，无法编译（${d.detail}）。请重新复制 pkg/ 目录中的全部文件。`,
    'glue-missing': (d) => `无法加载组件脚本 ${d.url}。请把 pkg/ 目录中的全部文件复制到 plan-widget.js 所在的目录。`,
    'plan-http': (d) => `无法加载计划文件 ${d.url}（HTTP ${d.status}）。请检查 src 属性中的地址。`,
    'plan-fetch': (d) => `无法下载计划文件 ${d.url}。请检查 src 属性中的地址；计划文件应与页面位于同一网站，且 connect-src 须允许该地址。`,
    'plan-invalid': (d) => d.detail ?? '',
    'builtin-missing': (d) => `找不到内置计划文件 ${d.url}（HTTP 404）。请把 pkg/ 目录中的全部文件（包括 plans/ 目录）复制到 plan-widget.js 所在的目录。`,
    'builtin-http': (d) => `内置计划文件 ${d.url} 下载失败（HTTP ${d.status}）。请检查网站服务器能否正常提供该文件。`,
    'builtin-fetch': (d) => `无法下载内置计划文件 ${d.url}。请检查该文件是否与 plan-widget.js 位于同一网站；如页面设置了内容安全策略，connect-src 须允许本站（'self'）。`,
    'no-wasm': () => '此浏览器不支持 WebAssembly，只能显示计划原定的目标。互动版本需要较新的浏览器（Chrome、Edge、Firefox 或 Safari 的近期版本，或国产浏览器的极速模式）。',
    'no-wasm-no-table': () => '此浏览器不支持 WebAssembly，无法显示互动计划。请使用较新的浏览器（Chrome、Edge、Firefox 或 Safari 的近期版本，或国产浏览器的极速模式）。',
    unexpected: (d) => `组件加载时发生意外错误（${d.detail}）。`,
  },
  en: {
    loading: 'Loading the interactive plan…',
    errorTitle: 'The interactive plan cannot be shown',
    forWebTeam: 'For the site’s web team:',
    crashTitle: 'The interactive plan hit an error and stopped',
    crashBody: 'The rest of the page is not affected. The button below starts the widget again; if this keeps happening, please pass the technical details to the site’s web team.',
    restart: 'Restart the widget',
    details: 'Technical details',
    'wasm-missing': (d) => `The widget file ${d.url} was not found (HTTP 404). Copy every file of the pkg/ folder, the .wasm file included, into the folder of plan-widget.js.`,
    'wasm-http': (d) => `Downloading the widget file ${d.url} failed (HTTP ${d.status}). Check that the web server serves this file.`,
    'wasm-fetch': (d) => `The widget file ${d.url} could not be downloaded. Check that it is on the same site as plan-widget.js; if the page has a Content-Security-Policy, connect-src must allow the site ('self').`,
    'wasm-mime': (d) => `The server sent ${d.url} with the wrong type “${d.type}”. Configure the web server to serve .wasm files as application/wasm.`,
    csp: () => `The page’s Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to script-src, for example: script-src 'self' 'wasm-unsafe-eval'.`,
    'wasm-compile': (d) => `The widget file ${d.url} is damaged or incomplete and cannot be compiled (${d.detail}). Copy all the files of the pkg/ folder again.`,
    'glue-missing': (d) => `The widget script ${d.url} could not be loaded. Copy every file of the pkg/ folder into the folder of plan-widget.js.`,
    'plan-http': (d) => `The plan file ${d.url} could not be loaded (HTTP ${d.status}). Check the address in the src attribute.`,
    'plan-fetch': (d) => `The plan file ${d.url} could not be downloaded. Check the address in the src attribute; the plan file should be on the same site as the page, and connect-src must allow it.`,
    'plan-invalid': (d) => d.detail ?? '',
    'builtin-missing': (d) => `The built-in plan file ${d.url} was not found (HTTP 404). Copy every file of the pkg/ folder, the plans/ folder included, into the folder of plan-widget.js.`,
    'builtin-http': (d) => `Downloading the built-in plan file ${d.url} failed (HTTP ${d.status}). Check that the web server serves this file.`,
    'builtin-fetch': (d) => `The built-in plan file ${d.url} could not be downloaded. Check that it is on the same site as plan-widget.js; if the page has a Content-Security-Policy, connect-src must allow the site ('self').`,
    'no-wasm': () => 'This browser does not support WebAssembly, so only the plan’s targets as written are shown. The interactive version needs a recent browser (a recent Chrome, Edge, Firefox or Safari).',
    'no-wasm-no-table': () => 'This browser does not support WebAssembly, so the interactive plan cannot be shown. Please use a recent browser (a recent Chrome, Edge, Firefox or Safari).',
    unexpected: (d) => `An unexpected error happened while loading the widget (${d.detail}).`,
  },
};

/**
 * `zh-CN` (the default) or `en`, from a `lang` attribute: the rule of `Lang::from_attr`
 * (src/core/i18n.rs), which decides the language of everything the wasm shows. Kept here only
 * for what this layer says before the wasm is there (loading, load failures); the e2e test
 * "langOf agrees with Lang::from_attr" (shell.spec.mjs) holds them together.
 * @param {string | null | undefined} attr
 * @returns {Lang}
 */
export function langOf(attr) {
  const s = (attr || '').trim().toLowerCase();
  return s === 'en' || s.startsWith('en-') ? 'en' : 'zh-CN';
}

/**
 * @param {Lang} lang
 * @param {string} key
 * @returns {any} a text, or a function of the failure's data giving one
 */
function msg(lang, key) {
  return /** @type {Record<string, unknown>} */ (MESSAGES[lang])[key];
}

/** A failure of this layer: `code` is a key of MESSAGES, `data` fills its message. */
class LoadError extends Error {
  /**
   * @param {string} code
   * @param {LoadData} [data]
   */
  constructor(code, data = {}) {
    // The web team needs the file's path, not the build hash after it.
    if (typeof data.url === 'string') data = { ...data, url: data.url.replace(/\?v=[0-9a-f]+$/, '') };
    super(`${code}: ${JSON.stringify(data)}`);
    this.name = 'PlanWidgetLoadError';
    this.code = code;
    this.data = data;
  }
  /** @param {Lang} lang */
  text(lang) {
    return msg(lang, this.code)(this.data);
  }
}

// ---------------------------------------------------------------------------------------------
// Loading the wasm: fetched and compiled once per page, behind one memoised promise. A runtime
// is one instance of the glue + wasm; after a panic it is dead and the next one is created from
// the same compiled module (a fresh glue module, imported with a different query).

/** @type {Promise<WebAssembly.Module> | null} */
let compiledModule = null;
/** @type {Promise<Runtime> | null} */
let runtimePromise = null;
/** @type {Runtime | null} */
let liveRuntime = null;
let generation = 0;

/** The message of a thrown value. @param {unknown} e */
function errorText(e) {
  return String((e instanceof Error && e.message) || e);
}

function wasmSupported() {
  return typeof WebAssembly === 'object' && WebAssembly !== null &&
    typeof WebAssembly.instantiate === 'function';
}

async function compileWasm() {
  if (!wasmSupported()) throw new LoadError('no-wasm');
  const url = asset(WASM_FILE).href;
  let resp;
  try {
    resp = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new LoadError('wasm-fetch', { url });
  }
  if (!resp.ok) {
    throw new LoadError(resp.status === 404 ? 'wasm-missing' : 'wasm-http', { url, status: resp.status });
  }
  const type = (resp.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/wasm') throw new LoadError('wasm-mime', { url, type: type || '—' });
  let cspBlocked = false;
  /** @param {SecurityPolicyViolationEvent} e */
  const onViolation = (e) => {
    if (e.blockedURI === 'wasm-eval' || /wasm/.test(e.blockedURI || '')) cspBlocked = true;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    const module = typeof WebAssembly.compileStreaming === 'function'
      ? await WebAssembly.compileStreaming(resp)
      : await WebAssembly.compile(await resp.arrayBuffer());
    mark('compiled');
    return module;
  } catch (e) {
    const text = errorText(e);
    if (cspBlocked || /unsafe-eval|Content Security Policy|CSP/i.test(text)) throw new LoadError('csp');
    throw new LoadError('wasm-compile', { url, detail: text });
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}

/** The start-up marks made. @type {Set<string>} */
const marked = new Set();

/**
 * A User Timing mark of the start-up (`plan-widget:compiled`, `:instantiated`, `:mounted`,
 * `:rendered`: the first render done), once per page: `npm run bench` reads them.
 * @param {string} name
 */
function mark(name) {
  // Called on every scenario-change: a set, not a search of the page's timeline each time.
  if (marked.has(name)) return;
  marked.add(name);
  if (typeof performance === 'object' && performance.mark) performance.mark(`plan-widget:${name}`);
}

/**
 * The `scenario-change` detail of `change` (a wasm `ChangeTargets`): `scenario` at once,
 * `targets` made from the wasm's data when first read (then a plain data property), so a move
 * whose event no listener reads costs no JSON of every target. A detail dropped unread frees
 * `change` through wasm-bindgen's finalizer.
 * @param {ChangeTargets} change
 * @returns {ScenarioChangeDetail}
 */
function changeDetail(change) {
  const detail = { scenario: change.scenario };
  const own = (/** @type {ScenarioChangeDetail['targets']} */ value) =>
    Object.defineProperty(detail, 'targets', { value, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(detail, 'targets', {
    enumerable: true,
    configurable: true,
    get() {
      const targets = change.targets();
      change.free();
      own(targets);
      return targets;
    },
    set: own,
  });
  return /** @type {ScenarioChangeDetail} */ (detail);
}

/** @param {number} gen @returns {Promise<Runtime>} */
async function createRuntime(gen) {
  compiledModule ??= compileWasm();
  const glueUrl = asset(GLUE_FILE);
  if (gen > 1) glueUrl.searchParams.set('instance', String(gen));
  // The glue loads while the wasm compiles; a compile failure is the one to report.
  const gluePromise = import(glueUrl.href).catch(() => null);
  const module = await compiledModule;
  /** @type {Glue | null} */
  const glue = await gluePromise;
  if (!glue) throw new LoadError('glue-missing', { url: glueUrl.href });
  /** @type {Runtime} */
  const rt = { glue, gen, dead: false, panic: '', widgets: new Set() };
  try {
    await glue.default({ module_or_path: module });
  } catch (e) {
    const text = errorText(e);
    if (/unsafe-eval|Content Security Policy|CSP/i.test(text)) throw new LoadError('csp');
    throw new LoadError('wasm-compile', { url: asset(WASM_FILE).href, detail: text });
  }
  glue.setPanicReporter((message) => crash(rt, String(message)));
  liveRuntime = rt;
  mark('instantiated');
  return rt;
}

/**
 * A wasm module of its own, loaded on first use: its glue and wasm behind one promise. A failed
 * load (the error names the file that failed) or a spent instance (`forget`, after a trap) is
 * loaded again on the next `get`, under a new URL: a browser may keep a failed module import
 * for its URL.
 * @param {string} glueFile @param {string} wasmFile
 */
function onDemand(glueFile, wasmFile) {
  /** @type {Promise<any> | null} */
  let load = null;
  let attempt = 0;
  const forget = () => {
    load = null;
    attempt++;
  };
  /** @param {string} file */
  const named = (file) => (/** @type {unknown} */ e) => {
    throw new Error(`${file}: ${errorText(e)}`);
  };
  /** @returns {Promise<any>} */
  const get = () => {
    load ??= (async () => {
      const glue = asset(glueFile);
      if (attempt > 0) glue.searchParams.set('instance', String(attempt));
      const m = await import(glue.href).catch(named(glueFile));
      await m.default({ module_or_path: asset(wasmFile).href }).catch(named(wasmFile));
      return m;
    })();
    const loading = load;
    loading.catch(() => {
      if (load === loading) forget();
    });
    return loading;
  };
  return { get, forget };
}

/** The workbook module. */
const workbook = onDemand(XLSX_GLUE, XLSX_WASM);

/**
 * The filled cells of a county workbook (bytes), as the workbook module's JSON text. The
 * Progress view (Rust) calls it through `globalThis[Symbol.for('plan-widget.readWorkbook')]`.
 */
/** @param {Uint8Array} bytes @returns {Promise<string>} */
function readWorkbook(bytes) {
  return workbook.get().then((m) => m.readWorkbook(bytes));
}
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('plan-widget.readWorkbook')] = readWorkbook;

// The Progress module: the Progress view as a wasm of its own (scripts/build.sh, feature
// `progress-module`), loaded when a widget's Progress tab is first opened. The first wasm holds
// a slot there (src/web/ui/lazy.rs) that shows the loading state, calls `openProgress` with
// the tab's container and shows a failure with a retry button.
const PROGRESS_GLUE = 'plan-widget-progress.js';
const PROGRESS_WASM = 'plan-widget-progress_bg.wasm';
/** The plan text each widget was mounted with: the Progress module parses it again. */
/** @type {WeakMap<Element, string>} */
const mountedPlans = new WeakMap();

/** The Progress module (loaded again after a failed load or a trap). */
const progress = onDemand(PROGRESS_GLUE, PROGRESS_WASM);

// The Progress module has a memory of its own: a panic or trap there spends that instance only.
// Its panic reporter (src/web/panic.rs) and the page's trap listener tell it from a trap of the
// widget's wasm (listenForTraps); its views are then told (PROGRESS_STOPPED, on each view's
// container: the Progress tab shows the failure and a retry) and the next open loads a fresh
// instance. The levers, cards and other tabs are the widget's wasm: they keep working.
const PROGRESS_STOPPED = 'plan-widget-progress-stopped';
/** The instance the next view is mounted on, and the containers of the views on it. */
/** @type {{ module: unknown, views: Set<Element> } | null} */
let progressInstance = null;
/** A panic of the Progress module was reported in this task: its trap is on its way. */
let progressPanicking = false;

/**
 * The Progress module's instance `module` stopped: its views are told once the current call
 * has returned (the widget's wasm may be on the stack), and it is loaded afresh next time.
 * @param {unknown} module @param {string} message
 */
function progressStopped(module, message) {
  if (!progressInstance || progressInstance.module !== module) return;
  const views = [...progressInstance.views];
  progressInstance = null;
  progress.forget();
  console.error(`plan-widget: the Progress module stopped: ${message}`);
  setTimeout(() => {
    for (const c of views) c.dispatchEvent(new CustomEvent(PROGRESS_STOPPED, { detail: message }));
  }, 0);
}

/** Whether the innermost frame of a module file in the stack of the trap `e` is one of the
 * Progress module's (its wasm or its glue) rather than the widget's.
 * @param {Error} e */
function inProgressModule(e) {
  const stack = String(e.stack || '');
  const at = (/** @type {string} */ file) => {
    const i = stack.indexOf(file.replace(/\.js$/, ''));
    return i < 0 ? Infinity : i;
  };
  return at(PROGRESS_GLUE) < at(GLUE_FILE);
}

/**
 * Test builds only (pkg-test/, `--features test-hooks`): `data-test-progress-panic` on the
 * widget makes the Progress module panic once, in a timer, after its view is mounted.
 * @param {any} m @param {Element} host
 */
function progressTestHooks(m, host) {
  if (typeof m.testPanic !== 'function' || !host.hasAttribute('data-test-progress-panic')) return;
  host.removeAttribute('data-test-progress-panic');
  setTimeout(() => m.testPanic('forced by data-test-progress-panic'), 0);
}

/**
 * Mounts the Progress view of the widget around `container`; a promise of its handle.
 * @param {Element} container @param {string} lang @returns {Promise<unknown>}
 */
async function openProgress(container, lang) {
  const root = container.getRootNode();
  const host = root instanceof ShadowRoot ? root.host : null;
  const plan = host && mountedPlans.get(host);
  if (plan == null) throw new Error('plan-widget: no plan for the Progress view');
  const m = await progress.get();
  let instance = progressInstance;
  if (!instance || instance.module !== m) {
    instance = progressInstance = { module: m, views: new Set() };
    m.setPanicReporter?.((/** @type {unknown} */ message) => {
      progressPanicking = true;
      setTimeout(() => { progressPanicking = false; }, 0);
      progressStopped(m, String(message));
    });
  }
  try {
    const view = m.mountProgress(container, plan, lang);
    instance.views.add(container);
    progressTestHooks(m, /** @type {Element} */ (host));
    return view;
  } catch (e) {
    // A trapped instance is spent: the next try loads a fresh one.
    if (isTrap(e)) progressStopped(m, errorText(e));
    throw e;
  }
}
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('plan-widget.openProgress')] = openProgress;

/**
 * The `data-actuals-error` code of actuals fetched for the widget `host`: the Progress module
 * reads them (the first wasm has no actuals reader), so a page with an `actuals` attribute
 * loads it once they arrive. '' when every row was good, or when the module does not load
 * (warned; the Progress tab shows that failure when opened).
 * @param {Element} host @param {string} text @returns {Promise<string>}
 */
async function actualsCode(host, text) {
  const plan = mountedPlans.get(host);
  if (plan == null) return '';
  try {
    const m = await progress.get();
    return m.actualsCode(plan, text);
  } catch (e) {
    if (isTrap(e)) progress.forget();
    console.warn(`plan-widget: actuals not checked: ${errorText(e)}`);
    return '';
  }
}

/** The live runtime, created once (and again only after a crash). */
function loadRuntime() {
  if (!runtimePromise) runtimePromise = createRuntime(++generation);
  return runtimePromise;
}

/** A runtime panicked or trapped: every widget on it shows the crash and offers a restart.
 * @param {Runtime | null} rt @param {string} message */
function crash(rt, message) {
  if (!rt) return;
  if (!rt.panic && message) rt.panic = message;
  if (rt.dead) return;
  rt.dead = true;
  console.error(`plan-widget: the WebAssembly instance stopped: ${rt.panic}`);
  if (liveRuntime === rt) {
    liveRuntime = null;
    runtimePromise = null;
  }
  for (const w of rt.widgets) w._crashed(rt);
}

/** @param {unknown} e @returns {e is WebAssembly.RuntimeError} */
function isTrap(e) {
  return typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError;
}

/**
 * Runs a call into the wasm; a trap marks the runtime dead instead of escaping.
 * @template T
 * @param {Runtime} rt
 * @param {() => T} f
 * @returns {T | undefined} undefined when the runtime is dead or the call trapped
 */
function guard(rt, f) {
  if (rt.dead) return undefined;
  try {
    return f();
  } catch (e) {
    if (isTrap(e)) {
      crash(rt, rt.panic || errorText(e));
      return undefined;
    }
    throw e;
  }
}

let trapListeners = false;
function listenForTraps() {
  if (trapListeners) return;
  trapListeners = true;
  // A trap inside an event handler or a scheduled render reaches the page as an uncaught error.
  // A trap of the Progress module stops that module only: after a reported panic its reporter
  // has stopped the instance that panicked; a trap without one stops the current instance.
  /** @param {unknown} e @returns {boolean} whether the trap was handled */
  const onTrap = (e) => {
    if (!isTrap(e)) return false;
    if (progressPanicking) return true;
    if (inProgressModule(e)) {
      if (progressInstance) progressStopped(progressInstance.module, errorText(e));
      return true;
    }
    if (!liveRuntime) return false;
    crash(liveRuntime, liveRuntime.panic || errorText(e));
    return true;
  };
  window.addEventListener('error', (ev) => {
    if (onTrap(ev.error)) ev.preventDefault();
  });
  window.addEventListener('unhandledrejection', (ev) => {
    if (onTrap(ev.reason)) ev.preventDefault();
  });
}

// ---------------------------------------------------------------------------------------------
// The share code in the page's URL fragment (`#pw=CODE`, or `#pw-<id>=CODE` for an element with
// an id): the key, the reading and the writing are Rust's (src/web/fragment.rs, the one home of
// the key in core::share); this is only the hook. Every element reads its code once when it
// loads (so a shared link opens on any page); with `sync-url` it also follows the fragment
// (hashchange), and the wasm writes the code back as the scenario changes.

/**
 * The share code for `el` in the URL fragment: a string, null when there is none, undefined
 * while no wasm is loaded to read it.
 * @param {Runtime | null} rt
 * @param {Element} el
 * @returns {string | null | undefined}
 */
function readFragment(rt, el) {
  if (!rt || rt.dead) return undefined;
  const code = guard(rt, () => rt.glue.readFragment(el));
  return code === undefined ? null : code;
}

// ---------------------------------------------------------------------------------------------
// The shell's own styles (js/shell.css): a constructable stylesheet (allowed under `style-src
// 'self'`, no inline <style>), shared by all instances. The UI's stylesheet is pkg/plan-widget.css, linked in the
// shadow root. The host's CSS cannot reach in: everything inherited is reset at :host and .pws-shell.

/** js/shell.css, put in as a string by scripts/build.sh (scripts/shell-css.mjs). */
const SHELL_CSS = '@SHELL_CSS@';

/** @type {CSSStyleSheet | null} */
let shellSheet = null;
/** @param {ShadowRoot} root */
function adoptShellStyles(root) {
  if (!('adoptedStyleSheets' in Document.prototype) || typeof CSSStyleSheet !== 'function') return;
  try {
    if (!shellSheet) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(SHELL_CSS);
      shellSheet = sheet;
    }
    root.adoptedStyleSheets = [shellSheet];
  } catch (_) {
    // Older engines: the widget still works, unstyled while loading.
  }
}

/**
 * A new element of this layer's own markup.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---------------------------------------------------------------------------------------------
// The prerendered plan: `plan-widget render` (the UI's own yew components rendered natively)
// gives the element with its first screen in a declarative shadow root. A portal may put it
// inline; otherwise the build's plans/<id>.<lang>.html is fetched beside the wasm. Either is
// shown at once, hydrated by the wasm (`mount` with `hydrate`), and shown with a note where
// there is no WebAssembly.

/** @type {Map<string, Promise<string | null>>} `${id}.${lang}` → the render output's text */
const prerenders = new Map();

/**
 * The built-in plan's prerendered `.pws-app`, parsed for this caller alone (its nodes are moved
 * into the caller's shadow root: no clone of some 1,500 nodes on the way to the first content),
 * or null. The file is fetched once per page.
 * @param {string} id @param {string} lang @returns {Promise<HTMLElement | null>}
 */
function fetchPrerender(id, lang) {
  const key = `${id}.${lang}`;
  let p = prerenders.get(key);
  if (!p) {
    p = (async () => {
      try {
        const resp = await fetch(asset(`${PLANS_DIR}${encodeURIComponent(key)}.html`).href, { credentials: 'same-origin' });
        return resp.ok ? await resp.text() : null;
      } catch (_) {
        return null;
      }
    })();
    prerenders.set(key, p);
    p.then((text) => { if (text == null) prerenders.delete(key); });
  }
  return p.then((text) => (text == null ? null : parsePrerender(text)));
}

/**
 * The `.pws-app` of a render output's text, or null. DOMParser runs no script and leaves the
 * declarative shadow root a <template>.
 * @param {string} text @returns {HTMLElement | null}
 */
function parsePrerender(text) {
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const tpl = doc.querySelector('template');
  return tpl instanceof HTMLTemplateElement ? tpl.content.querySelector('.pws-app[data-render]') : null;
}

/**
 * A declarative shadow root the parser did not attach (the render output put in with
 * innerHTML): attach it by hand. Returns the element's shadow root, if it has one.
 * @param {HTMLElement} host @returns {ShadowRoot | null}
 */
function declaredRoot(host) {
  if (host.shadowRoot) return host.shadowRoot;
  const tpl = Array.from(host.children).find((c) => c.localName === 'template' && c.hasAttribute('shadowrootmode'));
  if (!(tpl instanceof HTMLTemplateElement)) return null;
  const root = host.attachShadow({ mode: 'open' });
  root.append(tpl.content.cloneNode(true));
  tpl.remove();
  return root;
}

/**
 * Resolves once `link` has loaded (or failed: unstyled beats nothing).
 * @param {HTMLLinkElement} link @returns {Promise<unknown>}
 */
function linkReady(link) {
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------
// The element.

const OBSERVED = ['plan', 'src', 'lang', 'scenario', 'sync-url', 'actuals', 'feedback', 'tally'];

class PlanWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  constructor() {
    super();
    // Prerendered HTML inline (`plan-widget render`): its shadow root, stylesheet and first
    // screen are adopted as they are, so nothing moves when the wasm takes over.
    const declared = declaredRoot(this);
    const root = declared || this.attachShadow({ mode: 'open' });
    adoptShellStyles(root);
    /** @type {HTMLElement | null} */
    const pre = declared && declared.querySelector('.pws-shell > .pws-app[data-render]');
    /** @type {HTMLLinkElement | null} */
    let link = declared && declared.querySelector('link[rel="stylesheet"]');
    if (!link) {
      link = el('link');
      link.rel = 'stylesheet';
      link.href = asset(CSS_FILE).href;
    }
    this._cssReady = linkReady(link);
    /** @type {HTMLElement | null} */
    const shell = pre && pre.parentElement;
    if (pre && shell) {
      this._shell = shell;
      this._app = pre;
      /** @type {HTMLElement | null} */
      const status = shell.querySelector(':scope > .pws-status');
      this._status = status || el('div', 'pws-status');
      shell.prepend(this._status);
      if (!link.isConnected) root.prepend(link);
    } else {
      this._shell = el('div', 'pws-shell');
      this._shell.setAttribute('part', 'shell');
      this._status = el('div', 'pws-status pws-loading');
      this._status.setAttribute('role', 'status');
      this._app = el('div', 'pws-app');
      this._app.hidden = true;
      this._shell.append(this._status, this._app);
      root.replaceChildren(link, this._shell);
    }
    this._prerendered = !!(pre && shell); // the app holds the prerendered first screen, not yet live
    this._started = false;
    this._hydrating = false;
    this._noHydrate = false;
    /** @type {ShellState | null} */
    this._state = null;
    /** @type {WidgetHandle | null} */
    this._handle = null;
    /** @type {Runtime | null} */
    this._rt = null;
    this._seq = 0;
    /** @type {string | null} set by the property; null: use the attribute */
    this._scenario = null;
    /** @type {string | null | undefined} the code in the URL fragment (undefined: not read yet) */
    this._fromLoad = undefined;
    this._connected = false;
    this._actualsSeq = 0;
    this._tallySeq = 0;
    /** @type {string | null} set by the `planText` property: a plan's JSON text instead of plan/src */
    this._planText = null;
    this._onHash = () => this._applyFragment();
  }

  connectedCallback() {
    if (this._connected) return;
    this._connected = true;
    listenForTraps();
    if (this.hasAttribute('sync-url')) window.addEventListener('hashchange', this._onHash);
    this._start();
  }

  disconnectedCallback() {
    this._connected = false;
    window.removeEventListener('hashchange', this._onHash);
    this._seq++;
    this._unmount();
  }

  /** @param {string} name @param {string | null} oldValue @param {string | null} newValue */
  attributeChangedCallback(name, oldValue, newValue) {
    if (!this._connected || oldValue === newValue) return;
    switch (name) {
      case 'plan':
      case 'src':
        this._start();
        break;
      case 'scenario':
        this._scenario = null;
        this._fromLoad = null; // the new attribute wins over the link the page was opened with
        this._update();
        break;
      case 'lang':
        this._update();
        if (!this._handle) this._relabel();
        break;
      case 'actuals':
        this._loadActuals();
        break;
      case 'feedback':
        this._applyFeedback();
        break;
      case 'tally':
        this._loadTally();
        break;
      case 'sync-url':
        window.removeEventListener('hashchange', this._onHash);
        if (newValue !== null) {
          window.addEventListener('hashchange', this._onHash);
          this._applyFragment();
        }
        break;
      default:
        break;
    }
  }

  /** The current share code. */
  get scenario() {
    const { _handle: handle, _rt: rt } = this;
    const live = handle && rt ? guard(rt, () => handle.scenario()) : '';
    return live || this._wantedScenario() || '';
  }

  set scenario(code) {
    this._scenario = code == null ? '' : String(code);
    this._update();
  }

  /**
   * A plan file's JSON text to show instead of the `plan` / `src` attributes (a live editor's
   * preview: no URL, so no blob: or data: URL for the page's CSP to refuse). Setting it
   * re-renders the widget with that plan; an invalid plan shows its errors like a bad `src`.
   * `null` goes back to the attributes.
   */
  get planText() {
    return this._planText;
  }

  set planText(text) {
    this._planText = text == null ? null : String(text);
    if (this._connected) this._start();
  }

  /** Back to the plan as written. */
  reset() {
    const { _handle: handle, _rt: rt } = this;
    if (handle && rt) guard(rt, () => handle.reset());
  }

  // -- internals --------------------------------------------------------------------------

  _lang() {
    return langOf(this.getAttribute('lang'));
  }

  _planId() {
    return (this.getAttribute('plan') || '').trim() || DEFAULT_PLAN;
  }

  /** The share code to show: the property, else the URL fragment, else the attribute. */
  _wantedScenario(rt = this._rt || liveRuntime) {
    if (this._scenario !== null) return this._scenario;
    // A shared link (`#pw=CODE`) is read by every element as it loads; with sync-url, always.
    // (Before any wasm is loaded there is nothing to read it with: it is read at mount.)
    if (this.hasAttribute('sync-url') || this._fromLoad === undefined) {
      const code = readFragment(rt, this);
      if (code !== undefined) this._fromLoad = code;
    }
    if (this._fromLoad) return this._fromLoad;
    return this.getAttribute('scenario');
  }

  /**
   * Shows the status area (loading, error, crash, fallback) in place of the app, or above the
   * prerendered plan, which stays in view.
   * @param {ShellState} state
   * @param {string} variant
   * @param {string | null} role
   * @param {Node[]} children
   */
  _showStatus(state, variant, role, children) {
    this._state = state;
    this._app.hidden = !this._prerendered;
    this._status.hidden = false;
    this._status.className = `pws-status ${variant}${this._prerendered ? ' pws-over' : ''}`;
    if (role) this._status.setAttribute('role', role);
    else this._status.removeAttribute('role');
    this._status.replaceChildren(...children);
  }

  _showLoading() {
    if (this._prerendered) {
      // The plan is in view already: no spinner above it (it would move it when it goes).
      this._state = { kind: 'loading' };
      this._status.hidden = true;
      this._app.hidden = false;
      return;
    }
    const text = el('span', 'pws-loading-text', msg(this._lang(), 'loading'));
    this._showStatus({ kind: 'loading' }, 'pws-loading', 'status', [text]);
  }

  /**
   * Puts a prerendered `.pws-app` (parsed from plans/<id>.<lang>.html for this element) in
   * view: its nodes are moved, not copied.
   * @param {HTMLElement} app
   */
  _showPrerender(app) {
    this._app.replaceChildren(...Array.from(app.childNodes));
    this._app.dataset.render = app.dataset.render;
    this._app.classList.add('pws-prerendered');
    this._prerendered = true;
    if (!this._state || this._state.kind === 'loading') this._showLoading();
  }

  /**
   * Whether the prerendered plan in view is in `lang` (its key ends with the language).
   * @param {string} lang
   */
  _prerenderedIn(lang) {
    return this._prerendered && (this._app.dataset.render || '').split(' ').pop() === lang;
  }

  _showApp() {
    this._status.hidden = true;
    this._status.replaceChildren();
    this._app.hidden = false;
    this._state = { kind: 'app' };
  }

  /** A failure that explains itself: what went wrong and what the web team must fix.
   * @param {unknown} error */
  _showError(error) {
    const lang = this._lang();
    const text = error instanceof LoadError
      ? error.text(lang)
      : msg(lang, 'unexpected')({ detail: errorText(error) });
    const p = el('p', 'pws-message');
    p.append(el('span', 'pws-for', `${msg(lang, 'forWebTeam')} `), text);
    this._showStatus({ kind: 'error', error }, 'pws-error', 'alert', [el('h2', '', msg(lang, 'errorTitle')), p]);
    this.dataset.state = 'error';
    this.dataset.error = error instanceof LoadError ? error.code : 'unexpected';
  }

  /** A Rust panic or trap: the message and a button that starts the widget again.
   * @param {Runtime} rt */
  _crashed(rt) {
    if (this._rt !== rt) return;
    this._handle = null; // the runtime is dead: never call into it again
    this._rt = null;
    rt.widgets.delete(this);
    this._dropPrerender();
    if (this._hydrating) {
      // The prerendered markup did not match what the wasm renders: start again, afresh.
      this._hydrating = false;
      this._noHydrate = true;
      console.warn('plan-widget: the prerendered HTML could not be hydrated; rendering afresh');
      this._start();
      return;
    }
    this._showCrash(rt.panic || 'RuntimeError');
  }

  /** @param {string} panic */
  _showCrash(panic) {
    const lang = this._lang();
    const button = el('button', 'pws-restart', msg(lang, 'restart'));
    button.type = 'button';
    button.addEventListener('click', () => this._start());
    const details = el('details');
    details.append(el('summary', '', msg(lang, 'details')), el('pre', '', panic));
    this._showStatus({ kind: 'crash', panic }, 'pws-error pws-crash', 'alert', [
      el('h2', '', msg(lang, 'crashTitle')),
      el('p', '', msg(lang, 'crashBody')),
      button,
      details,
    ]);
    this.dataset.state = 'crashed';
  }

  /**
   * No WebAssembly: the prerendered plan (inline, or the build's for a built-in plan) with a
   * note above it; a plan with neither gets the note alone.
   * @param {number} seq
   */
  async _showFallback(seq) {
    const lang = this._lang();
    const builtin = !this.hasAttribute('src') && this._planText == null;
    if (builtin && !this._prerenderedIn(lang)) {
      const app = await fetchPrerender(this._planId(), lang);
      if (seq !== this._seq) return;
      if (app) this._showPrerender(app);
    }
    const note = el('p', 'pws-note', msg(lang, this._prerendered ? 'no-wasm' : 'no-wasm-no-table')());
    this._showStatus({ kind: 'fallback' }, 'pws-error pws-fallback', null, [note]);
    this.dataset.state = 'fallback';
  }

  _dropPrerender() {
    this._prerendered = false;
    this._app.classList.remove('pws-prerendered');
    delete this._app.dataset.render;
    this._app.replaceChildren();
  }

  /** Re-renders this layer's own text in the new language (loading, errors, fallback). */
  _relabel() {
    const s = this._state;
    if (!s) return;
    if (s.kind === 'loading') this._showLoading();
    else if (s.kind === 'error') this._showError(s.error);
    else if (s.kind === 'fallback') this._showFallback(this._seq);
    else if (s.kind === 'crash') this._showCrash(s.panic ?? '');
  }

  _unmount() {
    const { _handle: handle, _rt: rt } = this;
    this._handle = null;
    this._rt = null;
    if (rt) {
      rt.widgets.delete(this);
      if (handle) guard(rt, () => handle.destroy());
    }
    this._dropPrerender();
  }

  async _start() {
    const seq = ++this._seq;
    // The first start keeps the prerendered plan in view (inline); any later one (a new plan,
    // a restart) starts from nothing.
    if (this._started || this._handle) this._unmount();
    this._started = true;
    this._showLoading();
    delete this.dataset.error;
    this.dataset.state = 'loading';
    const given = this._planText;
    const src = given == null ? this.getAttribute('src') : null;
    const srcUrl = src ? new URL(src, document.baseURI).href : given == null ? '' : 'planText';
    const planId = this._planId();
    const lang = this._lang();
    if (given == null && !src && !this._prerenderedIn(lang)) {
      // The built-in plan's first screen, in parallel with the wasm: shown when it comes first.
      fetchPrerender(planId, lang).then((app) => {
        if (app && seq === this._seq && !this._handle && this._state && this._state.kind === 'loading') {
          this._showPrerender(app);
        }
      });
    }
    try {
      const [rt, planText] = await Promise.all([
        loadRuntime(),
        given != null ? given : src ? fetchPlan(srcUrl) : fetchBuiltin(planId),
        this._cssReady,
      ]);
      if (seq !== this._seq || !this._connected) return;
      /** @type {string | null} */
      let planJson = null;
      if (typeof planText === 'string') planJson = planText;
      else if (planText instanceof LoadError) {
        // No plans/<id>.json: a file not copied (a known id), or an unknown id, which Rust
        // reports with the list of built-in plans.
        if (guard(rt, () => rt.glue.isBuiltin(planId))) throw planText;
      }
      this._mount(rt, planJson, srcUrl);
    } catch (e) {
      if (seq !== this._seq) return;
      if (e instanceof LoadError && e.code === 'no-wasm') this._showFallback(seq);
      else this._showError(e);
    }
  }

  /** @param {Runtime} rt @param {string | null} planJson @param {string} srcUrl */
  _mount(rt, planJson, srcUrl) {
    const lang = this._lang();
    /** @param {ChangeTargets | StatusChangeDetail} change @param {string} [type] */
    const onChange = (change, type) => this._changed(change, type);
    // Hydrate the prerendered plan in place (Rust checks its key, and renders afresh over
    // markup of another plan, version or language); until the first scenario-change a trap
    // means it did not match, and the widget starts again without it.
    const hydrate = this._prerendered && !this._noHydrate;
    // An instance that stopped while this widget was loading (another widget's panic) is no
    // hydration failure: `guard` does not call into it, and the crash view follows below.
    this._hydrating = hydrate && !rt.dead;
    let handle;
    try {
      handle = guard(rt, () => rt.glue.mount(
        this._app,
        this._planId(),
        planJson,
        srcUrl,
        lang,
        this._wantedScenario(rt) || undefined,
        onChange,
        hydrate,
        // Given at mount: set after it, it rendered the whole widget a second time.
        this.getAttribute('feedback') || undefined,
        this._onSubmit(),
      ));
    } catch (e) {
      if (e instanceof Error && e.name === 'PlanWidgetError') {
        this._showError(new LoadError('plan-invalid', { detail: e.message }));
        return;
      }
      throw e;
    }
    if (!handle) {
      // The instance is dead (it stopped before this mount, or the mount itself trapped): as
      // for a trap later on, a retry without hydration or the crash view with its restart.
      this._rt = rt;
      this._crashed(rt);
      return;
    }
    mark('mounted');
    this._handle = handle;
    this._rt = rt;
    if (planJson != null) mountedPlans.set(this, planJson);
    rt.widgets.add(this);
    this._prerendered = false;
    this._app.classList.remove('pws-prerendered');
    delete this._app.dataset.render;
    this._showApp();
    this.dataset.state = 'ready';
    this._testHooks(rt);
    this._loadActuals();
    this._loadTally();
  }

  // The `feedback` attribute: the portal's form URL with `{code}` (and `{summary}`). The widget
  // shows "Send my scenario to the bureau", a link to that URL; clicking it first fires the
  // cancelable `scenario-submit` event (detail: scenario, summary, url). A host that calls
  // preventDefault() handles the scenario itself and the link does not open.
  _applyFeedback() {
    if (!this._handle || !this._rt) return;
    const handle = this._handle;
    guard(this._rt, () => handle.setFeedback(this.getAttribute('feedback') || undefined, this._onSubmit()));
  }

  /** What fires `scenario-submit` (false: the host cancelled it).
   * @returns {(scenario: string, summary: string, url: string) => boolean} */
  _onSubmit() {
    return (scenario, summary, url) => this.dispatchEvent(new CustomEvent('scenario-submit', {
      detail: { scenario, summary, url }, bubbles: true, composed: true, cancelable: true,
    }));
  }

  // The `tally` attribute: a same-origin URL of the JSON `plan-widget tally` wrote. The sliders
  // get the residents' median and middle half; a failed fetch or a file that cannot be used is
  // said in the widget (in its language) and data-tally-error holds a code (`tally-http`,
  // `tally-fetch`, `tally-invalid`); nothing else changes.
  async _loadTally() {
    if (!this._handle || !this._rt) return;
    const handle = this._handle;
    const rt = this._rt;
    const seq = ++this._tallySeq;
    delete this.dataset.tallyError;
    const attr = this.getAttribute('tally');
    if (!attr) {
      guard(rt, () => handle.clearTally());
      return;
    }
    const { url, text, status } = await fetchText(attr);
    if (this._handle !== handle || seq !== this._tallySeq) return;
    let code;
    if (text !== null) {
      code = guard(rt, () => handle.setTally(url, text));
    } else {
      guard(rt, () => handle.tallyFailed(url, status));
      code = status ? 'tally-http' : 'tally-fetch';
    }
    if (code) {
      this.dataset.tallyError = code;
      console.warn(`plan-widget: tally ${url}: ${code}${status && text === null ? ` (HTTP ${status})` : ''}`);
    }
  }

  // The `actuals` attribute: a same-origin URL of reported figures (CSV or JSON) for the
  // Progress view. The text goes to the view, which loads it (merged with what is loaded) and
  // lists its bad rows; a fetch that fails is reported there too, in the widget's language, and
  // what is loaded stays. For the host, data-actuals-error holds a code (`actuals-http`,
  // `actuals-fetch`, `actuals-invalid`, `actuals-rows`; absent when all went well); the codes
  // of a text that came back are the Progress module's (`actualsCode`).
  async _loadActuals() {
    if (!this._handle || !this._rt) return;
    const handle = this._handle;
    const rt = this._rt;
    const seq = ++this._actualsSeq;
    delete this.dataset.actualsError;
    const attr = this.getAttribute('actuals');
    if (!attr) return; // removed: what is loaded stays
    const { url, text, status } = await fetchText(attr);
    // A newer attribute or a remount wins over this answer.
    if (this._handle !== handle || seq !== this._actualsSeq) return;
    let code;
    if (text !== null) {
      guard(rt, () => handle.setActuals(url, text));
      code = await actualsCode(this, text);
      if (this._handle !== handle || seq !== this._actualsSeq) return;
    } else {
      guard(rt, () => handle.actualsFailed(url, status));
      code = status ? 'actuals-http' : 'actuals-fetch';
    }
    if (code) {
      this.dataset.actualsError = code;
      console.warn(`plan-widget: actuals ${url}: ${code}${status && text === null ? ` (HTTP ${status})` : ''}`);
    }
  }

  _update() {
    if (!this._handle || !this._rt) return;
    const handle = this._handle;
    guard(this._rt, () => handle.update(this._lang(), this._wantedScenario() || undefined));
  }

  _applyFragment() {
    if (!this.hasAttribute('sync-url')) return;
    this._scenario = null;
    this._update();
  }

  // `scenario-change` after every change; `status-change` (type) once the shown statuses of
  // the current scenario are known. For `status-change` the wasm gives the plain `detail`; for
  // `scenario-change` its share code and targets (`ChangeTargets`, src/web/element.rs), made
  // into the detail here (core::events: the shapes of plan-widget.d.ts).
  /** @param {ChangeTargets | StatusChangeDetail} change @param {string} [type] */
  _changed(change, type) {
    this._hydrating = false; // the first render is done: hydrated (or rendered) in place
    mark('rendered');
    const status = type === 'status-change';
    const detail = status ? change : changeDetail(/** @type {ChangeTargets} */ (change));
    this.dispatchEvent(new CustomEvent(status ? 'status-change' : 'scenario-change', { detail, bubbles: true, composed: true }));
  }

  /**
   * Test builds only (pkg-test/, `--features test-hooks`): `data-test-panic` forces a panic once
   * the UI's first render is done (a trap before it is taken for markup that did not hydrate).
   * @param {Runtime} rt
   */
  _testHooks(rt) {
    const panic = rt.glue.testPanic;
    if (typeof panic !== 'function' || !this.hasAttribute('data-test-panic')) return;
    this.removeAttribute('data-test-panic');
    const later = () => setTimeout(() => panic('forced by data-test-panic'), 0);
    if (this._hydrating) this.addEventListener('scenario-change', later, { once: true });
    else later();
  }
}

/**
 * The text at a URL attribute (`actuals`, `tally`), made absolute against the page: `text` is
 * null when the fetch failed, `status` the HTTP status or 0 when there was no answer.
 */
/** @param {string} attr @returns {Promise<{ url: string, text: string | null, status: number }>} */
async function fetchText(attr) {
  let url;
  try {
    url = new URL(attr, document.baseURI).href;
  } catch (_) {
    url = attr;
  }
  /** @type {string | null} */
  let text = null;
  let status = 0;
  try {
    const resp = await fetch(url, { credentials: 'same-origin' });
    status = resp.status;
    if (resp.ok) text = await resp.text();
  } catch (_) {
    status = 0;
  }
  return { url, text, status };
}

/** @param {string} url @returns {Promise<string>} */
async function fetchPlan(url) {
  let resp;
  try {
    resp = await fetch(url, { credentials: 'same-origin' });
  } catch (_) {
    throw new LoadError('plan-fetch', { url });
  }
  if (!resp.ok) throw new LoadError('plan-http', { url, status: resp.status });
  return resp.text();
}

// Built-in plans: the text of plans/<id>.json, fetched once per page (one promise per id, kept,
// so later instances and remounts work offline). A 404 resolves to the LoadError (the caller
// asks the wasm whether the id is a built-in one); other failures reject; both are forgotten so
// a restart tries again.
/** @type {Map<string, Promise<string | LoadError>>} */
const builtinPlans = new Map();

/** @param {string} id */
function fetchBuiltin(id) {
  let p = builtinPlans.get(id);
  if (!p) {
    const url = asset(`${PLANS_DIR}${encodeURIComponent(id)}.json`).href;
    p = (async () => {
      let resp;
      try {
        resp = await fetch(url, { credentials: 'same-origin' });
      } catch (_) {
        throw new LoadError('builtin-fetch', { url });
      }
      if (resp.status === 404) return new LoadError('builtin-missing', { url });
      if (!resp.ok) throw new LoadError('builtin-http', { url, status: resp.status });
      return resp.text();
    })();
    builtinPlans.set(id, p);
    p.then((r) => { if (r instanceof LoadError) builtinPlans.delete(id); }, () => builtinPlans.delete(id));
  }
  return p;
}

if (typeof customElements === 'object' && !customElements.get('plan-widget')) {
  customElements.define('plan-widget', PlanWidgetElement);
}

/**
 * The problems of a plan's JSON text, by the validator of `plan-widget check`: a promise of
 * `[{line, column, place, message}]` (empty: valid), `message` in `lang` (`zh-CN` default, `en`).
 * With `document` (the plan's own text), also every target `source` not found in it. Loads the
 * widget's wasm once, like the element (for a live editor beside a `<plan-widget>`).
 * @param {string} text
 * @param {{ document?: string, lang?: string }} [options]
 * @returns {Promise<PlanProblem[]>}
 */
export async function validatePlan(text, { document, lang } = {}) {
  const rt = await loadRuntime();
  const problems = guard(rt, () => rt.glue.validatePlan(String(text), document == null ? undefined : String(document), String(lang ?? '')));
  if (problems == null) throw new Error(rt.panic || 'plan-widget: the validator stopped');
  return problems;
}

/**
 * A plan workbook (.xlsx bytes) as the plan file's JSON text: a promise of `{json, problems}`,
 * `json` the text (null when the workbook does not read as the plan format) and `problems`
 * every error placed by sheet and cell (`[{place, message}]`, `message` in `lang`). Loads the
 * workbook module (a second wasm) on first use; the module hands the result over as an object.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {{ lang?: string }} [options]
 * @returns {Promise<{ json: string | null, problems: { place: string, message: string }[] }>}
 */
export async function readPlanWorkbook(bytes, { lang } = {}) {
  const m = await workbook.get();
  return m.readPlanWorkbook(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), String(lang ?? ''));
}

export { PlanWidgetElement };
