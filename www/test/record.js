// Test pages only: records CSP violations and uncaught errors for the end-to-end tests, and
// gives the host page a working control so tests can check the page still works.
window.__violations = [];
window.__errors = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
document.addEventListener('DOMContentLoaded', () => {
  const button = document.getElementById('host-button');
  const out = document.getElementById('host-count');
  if (!button || !out) return;
  let n = 0;
  button.addEventListener('click', () => {
    n += 1;
    out.textContent = String(n);
  });
});
