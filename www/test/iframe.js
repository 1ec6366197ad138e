// The template script of www/test/iframe.html: the guide's snippet that sizes an iframe of
// frame.html to its content (www/embed.html, "CMS").
window.addEventListener('message', (e) => {
  if (e.origin !== location.origin || e.data?.type !== 'plan-widget-frame-height') return;
  for (const f of document.querySelectorAll('iframe')) {
    if (f.contentWindow === e.source) f.height = String(e.data.height);
  }
});
