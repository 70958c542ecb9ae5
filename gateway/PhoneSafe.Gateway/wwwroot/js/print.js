// Buttons marked data-print open the browser's print dialogue (no inline handlers: the content security policy
// allows only the gateway's own script files).
document.querySelectorAll('[data-print]').forEach((button) => button.addEventListener('click', () => window.print()));
