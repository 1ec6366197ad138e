// The slider measurement that scripts/bench-web.mjs and scripts/bench-many.mjs share: moves the
// widget's first slider `moves` times over its range and records, for each move, the time from
// the input event to the first DOM change it causes (a move with no change within `waitMs` is
// counted apart). Runs in the page.

/**
 * `{ times, missed, label, cards }`, or null when the widget has no slider. `marks`: each move
 * also makes the performance marks `move:<i>` (before its input) and `drawn:<i>` (after its
 * first change), for a trace (scripts/trace-many.mjs).
 */
export async function moveFirstSlider(page, moves, waitMs = 250, marks = false) {
  return page.evaluate(async ([moves, waitMs, marks]) => {
    const root = document.querySelector('plan-widget').shadowRoot;
    const slider = root.querySelector('input[type=range]');
    if (!slider) return null;
    const min = Number(slider.min || 0);
    const max = Number(slider.max || 100);
    const step = Number(slider.step) || 1;
    const span = Math.max(1, Math.round((max - min) / step));
    const times = [];
    let missed = 0;
    for (let i = 0; i < moves; i++) {
      const value = min + ((i * 7919) % (span + 1)) * step;
      const changed = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          mo.disconnect();
          resolve(true);
        });
        mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        setTimeout(() => {
          mo.disconnect();
          resolve(false);
        }, waitMs);
      });
      if (marks) performance.mark(`move:${i}`);
      const t0 = performance.now();
      slider.value = String(value);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const ok = await changed;
      const t1 = performance.now();
      if (marks) performance.mark(`drawn:${i}`);
      if (ok) times.push(t1 - t0);
      else missed++;
    }
    const label = slider.getAttribute('aria-label') || slider.id || 'first slider';
    return { times, missed, label, cards: root.querySelectorAll('.pw-card').length };
  }, [moves, waitMs, marks]);
}
