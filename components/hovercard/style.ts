/**
 * Styles of the hover card, light and dark: FRAME_CSS inside the card's own
 * document (the extension frame), HOST_CSS inside the closed shadow root that
 * holds the frame in the page (the frame's box: border, shadow, place).
 */
import { NO_BACKDROP } from '../../utils/page/top-layer';

export const FRAME_CSS = `
html,body{margin:0;padding:0;background:#fff;color-scheme:light}
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2937;overflow:hidden}
.card{box-sizing:border-box;padding:10px 12px;outline:none}
.card[hidden]{display:none}
.head{display:flex;align-items:flex-start;justify-content:space-between;gap:8px}
.titles{min-width:0}
.kind{display:inline-block;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:#1d4ed8}
.kind-contact{color:#047857}.kind-topic{color:#b45309}
.name{font-size:15px;font-weight:650;margin:2px 0 0;overflow-wrap:anywhere}
.close{all:unset;cursor:pointer;font-size:18px;line-height:1;padding:2px 6px;border-radius:6px;color:#4b5563}
.close:hover{background:#f3f4f6}
.body{margin-top:8px}
.sub{font-size:12px;font-weight:600;margin:0 0 4px;color:#4b5563}
.muted{margin:0;color:#4b5563}
.people{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.person{display:grid;gap:1px}
.pname{font-weight:600}
.meta{font-size:12px;color:#4b5563}
.reason{font-size:12px;color:#374151}
.foot{margin-top:10px;border-top:1px solid #e5e7eb;padding-top:8px}
.link{all:unset;cursor:pointer;color:#1d4ed8;font-weight:600;border-radius:4px}
.link:hover{text-decoration:underline}
.link:focus-visible,.close:focus-visible,.card:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
@media (prefers-color-scheme: dark){
  html,body{background:#111827;color-scheme:dark}
  body{color:#e5e7eb}
  .kind{color:#93c5fd}.kind-contact{color:#6ee7b7}.kind-topic{color:#fcd34d}
  .close{color:#d1d5db}.close:hover{background:#1f2937}
  .sub,.muted,.meta{color:#9ca3af}.reason{color:#d1d5db}
  .foot{border-color:#374151}
  .link{color:#93c5fd}
}
`;

/** The frame's box in the page. Shown and placed only through its own inline style (inside the closed root). */
export const HOST_CSS = `
:host{all:initial}
${NO_BACKDROP}
iframe{position:fixed;top:0;left:0;margin:0;padding:0;box-sizing:content-box;width:340px;height:0;
  border:1px solid #d1d5db;border-radius:10px;box-shadow:0 10px 30px rgba(0,0,0,.18);background:#fff;
  color-scheme:normal;visibility:hidden;pointer-events:none}
iframe.open{visibility:visible;pointer-events:auto}
@media (prefers-color-scheme: dark){iframe{border-color:#374151;background:#111827;box-shadow:0 10px 30px rgba(0,0,0,.5)}}
`;
