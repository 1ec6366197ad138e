// The example form page (www/feedback.html): puts the share code and the summary that the
// widget's "Send my scenario to the bureau" link carries (?code=…&summary=…) into the form,
// and links to the scenario itself. A portal's real form does the same on its own server side.
(() => {
  const q = new URLSearchParams(location.search);
  const code = (q.get('code') || '').trim();
  const summary = q.get('summary') || '';
  const field = document.getElementById('code');
  field.value = code;
  if (summary && !document.getElementById('summary').value) document.getElementById('summary').value = summary;
  if (code && /^[A-Za-z0-9_-]+$/.test(code)) {
    const reopen = document.getElementById('reopen');
    // The demo page's element has no id, so its fragment key is `pw` (core::share::fragment_key).
    reopen.href = `/#pw=${code}`;
    reopen.hidden = false;
  }
  const form = document.getElementById('liuyan');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    document.getElementById('sent').textContent = '演示页面：留言没有发送。 Demo page: nothing was sent.';
  });
})();
