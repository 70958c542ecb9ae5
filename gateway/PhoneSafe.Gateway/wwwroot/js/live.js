// Keeps a page live: any element with data-live="topic [topic…]" and data-src="url" is re-fetched when the gateway
// announces one of those topics on /live (server-sent events). No build step, no framework.
(function () {
  const parts = document.querySelectorAll('[data-live]');
  if (parts.length === 0 || !window.EventSource) { return; }
  const source = new EventSource('/live');
  const refresh = async (part) => {
    const response = await fetch(part.dataset.src, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
    if (!response.ok) { return; }
    // Ticked boxes (flags chosen for a bulk review) stay ticked across the refresh.
    const ticked = new Set([...part.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.name + '=' + box.value));
    part.innerHTML = await response.text();
    part.querySelectorAll('input[type=checkbox]').forEach((box) => { if (ticked.has(box.name + '=' + box.value)) { box.checked = true; } });
  };
  parts.forEach((part) => part.dataset.live.split(' ').filter(Boolean)
    .forEach((topic) => source.addEventListener(topic, () => refresh(part))));
  // Parts marked data-live-catch-up are fetched again once connected: what changed between rendering the page and
  // connecting (a locker answering a command just sent) is not missed.
  source.addEventListener('connected', () => {
    document.querySelectorAll('[data-live-catch-up]').forEach(refresh);
    document.body.dataset.live = 'connected';
  });
})();
