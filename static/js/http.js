// Requests made the way htmx makes them (HX-Request header, CSRF token from <body hx-headers>),
// so django-htmx sees `request.htmx`. They ask for JSON first: a set is answered with a small
// acknowledgement ({id, created}, or {error}), the skip and the finish with HTML.

const TIMEOUT_MS = 20000;

export function csrfToken() {
  try {
    const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    const key = Object.keys(headers).find((name) => name.toLowerCase() === "x-csrftoken");
    return key ? String(headers[key]) : "";
  } catch {
    return "";
  }
}

/**
 * GET (no fields) or POST (fields: [name, value] pairs, form-encoded). Resolves to
 * {status, ok, html, json, redirect, redirected, url}: `html` is the body as text, `json` the
 * body parsed when the answer is JSON (else null), `redirect` the HX-Redirect header.
 * Rejects on a network failure or after TIMEOUT_MS without an answer.
 */
export async function request(url, { fields = null } = {}) {
  const headers = {
    Accept: "application/json, text/html;q=0.9",
    "HX-Request": "true",
    "HX-Current-URL": window.location.href,
    "HX-Target": "set-card",
  };
  const init = { method: "GET", headers, credentials: "same-origin", cache: "no-store" };
  if (fields) {
    init.method = "POST";
    headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
    headers["X-CSRFToken"] = csrfToken();
    init.body = new URLSearchParams(fields).toString();
  }
  const controller = new AbortController();
  init.signal = controller.signal;
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, init);
    const html = await response.text();
    return {
      status: response.status,
      ok: response.ok,
      html,
      json: parseJSON(response, html),
      redirect: response.headers.get("HX-Redirect"),
      redirected: response.redirected,
      url: response.url,
    };
  } finally {
    clearTimeout(timer);
  }
}

function parseJSON(response, text) {
  if (!(response.headers.get("Content-Type") || "").startsWith("application/json")) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
