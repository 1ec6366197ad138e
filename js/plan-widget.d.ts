// TypeScript types for the <plan-widget> element (pkg/plan-widget.js).

/** A target's status in a scenario. */
export type TargetStatus = 'met' | 'not_met' | 'at_risk' | 'no_data';

/** One target in a `scenario-change` event. */
export interface TargetState {
  id: string;
  /** `null` when the target has no finite value (status `no_data`). */
  value: number | null;
  /** By the one-assumption check, as `plan-widget eval`. */
  status: TargetStatus;
}

/** One target in a `status-change` event. */
export interface TargetShownState extends TargetState {
  /** Probability (0–1) that the target is met over the assumptions' ranges; `null` without a value. */
  chance: number | null;
  /** The status shown on the cards: met at the values but `chance < 0.9` is `at_risk`. */
  shownStatus: TargetStatus;
}

/**
 * The `detail` of the `scenario-change` event (a plain object; its one definition is the wire
 * type `ScenarioChange` of src/core/events.rs).
 */
export interface ScenarioChangeDetail {
  /** The share code of the current scenario (the plan as written has one too). */
  scenario: string;
  targets: TargetState[];
}

export type ScenarioChangeEvent = CustomEvent<ScenarioChangeDetail>;

/** The `detail` of the `status-change` event: fired once the shown statuses are known. */
export interface StatusChangeDetail {
  scenario: string;
  targets: TargetShownState[];
}

export type StatusChangeEvent = CustomEvent<StatusChangeDetail>;

/** The `detail` of the cancelable `scenario-submit` event ("Send my scenario to the bureau"). */
export interface ScenarioSubmitDetail {
  /** The share code of the current scenario (its values only). */
  scenario: string;
  /** A short plain-text summary in the widget's language: inputs changed, statuses flipped. */
  summary: string;
  /** The `feedback` URL with the code and summary put in, as the link opens it. */
  url: string;
}

/** Cancelable: `preventDefault()` keeps the form from opening (the host handles the scenario). */
export type ScenarioSubmitEvent = CustomEvent<ScenarioSubmitDetail>;

/**
 * `<plan-widget plan="handan-edu-2022" lang="zh-CN"></plan-widget>`
 *
 * Attributes: `plan` (built-in plan id, default `handan-edu-2022`), `src` (URL of a plan file;
 * wins over `plan`), `lang` (`zh-CN` default, `en`), `scenario` (a share code), `sync-url`
 * (boolean: read and write the share code in the page's URL fragment), `actuals` (URL of the
 * counties' reported figures, CSV or JSON, for the Progress view), `feedback` (the portal's form
 * URL with `{code}` and optionally `{summary}`: shows "Send my scenario to the bureau"), `tally`
 * (URL of the JSON `plan-widget tally` wrote: residents' marks on the sliders).
 * Set by the element: `data-actuals-error` (`actuals-http`, `actuals-fetch`, `actuals-invalid`,
 * `actuals-rows`; absent when the `actuals` URL gave only good rows), `data-tally-error`
 * (`tally-http`, `tally-fetch`, `tally-invalid`).
 * Events (bubble, composed): `scenario-change` after every change; `status-change` once the
 * statuses the widget shows (by the chance of being met) are known for the current scenario;
 * `scenario-submit` (cancelable) before the `feedback` form opens.
 *
 * Content: the output of `plan-widget render` (the element with its first screen in a
 * declarative shadow root) may stand in place of the empty element; the element adopts that
 * shadow root and hydrates it in place. Without it, a built-in `plan` shows
 * `plans/<id>.<lang>.html` from the package while the wasm loads. `data-state`: `loading`
 * (the prerendered plan may already be in view), `ready`, `error` (with `data-error`),
 * `crashed`, `fallback` (no WebAssembly: the prerendered plan and a note).
 */
export declare class PlanWidgetElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * The current share code; setting it applies a share code. Before the widget is mounted it
   * is the code it will apply: the property set, else the URL fragment's (read once the wasm is
   * loaded), else the `scenario` attribute, else ''.
   */
  scenario: string;
  /** Back to the plan as written. */
  reset(): void;
  /**
   * A plan file's JSON text shown instead of the `plan` / `src` attributes (a live editor's
   * preview; no URL, so nothing for a CSP to refuse). Setting it re-renders the widget with
   * that plan; an invalid plan shows its errors like a bad `src`. `null` goes back to the
   * attributes.
   */
  planText: string | null;
  addEventListener<K extends keyof PlanWidgetEventMap>(
    type: K,
    listener: (this: PlanWidgetElement, ev: PlanWidgetEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof PlanWidgetEventMap>(
    type: K,
    listener: (this: PlanWidgetElement, ev: PlanWidgetEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

export interface PlanWidgetEventMap extends HTMLElementEventMap {
  'scenario-change': ScenarioChangeEvent;
  'status-change': StatusChangeEvent;
  'scenario-submit': ScenarioSubmitEvent;
}

/** One problem of a plan text, at its line (1-based line and column). */
export interface PlanProblem {
  line: number;
  column: number;
  /** The validator's place: `targets[12].goal.value`, or `line 5, column 3`. */
  place: string;
  /** What is wrong, in the language asked for. */
  message: string;
  /** A `source` quote not found in the document (the plan itself is valid). */
  quote: boolean;
}

/**
 * The problems of a plan's JSON text by the validator of `plan-widget check` (empty: valid);
 * with `document`, also every target `source` not found in that text. Loads the widget's wasm
 * once per page, like the element.
 */
export declare function validatePlan(
  text: string,
  options?: { document?: string; lang?: string },
): Promise<PlanProblem[]>;

/**
 * A plan workbook (`plan-widget convert`'s .xlsx) as the plan file's JSON text: `json` is null
 * when the workbook does not read as the plan format; `problems` name sheet and cell. Loads
 * the workbook module (a second wasm, not part of the widget's first download) on first use.
 */
export declare function readPlanWorkbook(
  bytes: Uint8Array | ArrayBuffer,
  options?: { lang?: string },
): Promise<{ json: string | null; problems: { place: string; message: string }[] }>;

/** `zh-CN` (the default) or `en`, as the element reads its `lang` attribute. */
export declare function langOf(attr: string | null | undefined): 'zh-CN' | 'en';

declare global {
  interface HTMLElementTagNameMap {
    'plan-widget': PlanWidgetElement;
  }
  interface HTMLElementEventMap {
    'scenario-change': ScenarioChangeEvent;
    'status-change': StatusChangeEvent;
    'scenario-submit': ScenarioSubmitEvent;
  }
}
