// Test page only: pretends the browser has no WebAssembly (runs before the widget's script).
try {
  Object.defineProperty(window, 'WebAssembly', { value: undefined, configurable: true, writable: true });
} catch (_) {
  window.WebAssembly = undefined;
}
