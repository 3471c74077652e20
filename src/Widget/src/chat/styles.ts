/** The panel's CSS, scoped by the shadow root. The launcher's own few rules live in the loader. */
export const PANEL_CSS = `
.oc-panel{all:initial;box-sizing:border-box;position:fixed;right:20px;bottom:92px;z-index:2147483000;
 width:370px;max-width:calc(100vw - 40px);height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;
 background:#fff;color:#1f2328;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.22),0 2px 8px rgba(0,0,0,.12);
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow:hidden}
.oc-panel[hidden]{display:none}
.oc-panel *,.oc-panel *::before,.oc-panel *::after{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0}
.oc-head{display:flex;align-items:center;gap:8px;padding:12px 12px 12px 16px;background:#0b5cab;color:#fff}
.oc-title{flex:1;font-weight:600;font-size:16px;margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.oc-status{font-size:12px;opacity:.9}
.oc-close{all:unset;cursor:pointer;width:44px;height:44px;border-radius:8px;display:grid;place-items:center;font-size:22px;line-height:1;color:#fff}
.oc-close:hover{background:rgba(255,255,255,.15)}
.oc-close:focus-visible,.oc-send:focus-visible,.oc-retry:focus-visible{outline:2px solid #f5a623;outline-offset:2px}
.oc-log{flex:1;overflow-y:auto;padding:12px;background:#f6f7f9;overscroll-behavior:contain}
.oc-list{list-style:none;display:flex;flex-direction:column;gap:8px}
.oc-msg{max-width:85%;padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #e3e6ea;align-self:flex-start;
 white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.oc-msg[data-direction=visitor]{align-self:flex-end;background:#0b5cab;border-color:#0b5cab;color:#fff}
.oc-msg[data-state=sending]{opacity:.75}
.oc-msg[data-state=failed]{background:#fff4f4;border-color:#d1242f;color:#1f2328}
.oc-avatar{display:inline-grid;place-items:center;width:22px;height:22px;border-radius:50%;background:#0b5cab;color:#fff;font-size:10px;margin-right:6px;vertical-align:middle}
.oc-author{display:block;font-size:12px;font-weight:600;color:#57606a;margin-bottom:2px}
.oc-meta{display:block;font-size:11px;opacity:.8;margin-top:2px;text-align:right}
.oc-retry{all:unset;cursor:pointer;display:inline-block;min-height:44px;line-height:44px;padding:0 6px;text-decoration:underline;font-size:12px;font-weight:600;color:#0b5cab;margin-left:6px}
.oc-notice{padding:8px 16px;font-size:13px;background:#fff8e1;color:#5c4400;border-top:1px solid #f0e0a0}
.oc-notice[hidden],.oc-error[hidden]{display:none}
.oc-form{border-top:1px solid #e3e6ea;padding:10px 12px;background:#fff}
.oc-wait{padding:6px 16px;font-size:12px;color:#1f2328;background:#eef4fb;border-top:1px solid #d6e4f5}.oc-wait[hidden]{display:none}
.oc-typing{padding:2px 16px 6px;font-size:12px;font-style:italic;color:#57606a;background:#f6f7f9}.oc-typing[hidden]{display:none}
.oc-tools{display:flex;gap:4px}.oc-tools:empty{display:none}
.oc-error{color:#d1242f;font-size:13px;margin-bottom:6px}
.oc-row{display:flex;gap:8px;align-items:flex-end}
.oc-input{flex:1;resize:none;min-height:44px;max-height:120px;padding:9px 12px;border:1px solid #c9ced4;border-radius:10px;background:#fff;color:#1f2328;outline:none}
.oc-input:focus{border-color:#0b5cab;box-shadow:0 0 0 2px rgba(11,92,171,.25)}
.oc-input[aria-invalid=true]{border-color:#d1242f}
.oc-send{all:unset;cursor:pointer;height:44px;padding:0 16px;border-radius:10px;background:#0b5cab;color:#fff;font-weight:600}
.oc-send:hover{background:#094a8a}
.oc-attach{all:unset;cursor:pointer;width:44px;height:44px;border-radius:10px;display:grid;place-items:center;font-size:20px;border:1px solid #c9ced4}
.oc-attach:hover{background:#eef4fb}.oc-attach:focus-visible,.oc-file:focus-visible,.oc-thumb:focus-visible{outline:2px solid #f5a623;outline-offset:2px}
.oc-file-input{display:none}
.oc-drop{display:none}.oc-panel[data-dropping] .oc-drop{display:grid;place-items:center;position:absolute;inset:0;background:rgba(11,92,171,.88);color:#fff;font-weight:600;font-size:16px;pointer-events:none}
.oc-files{display:flex;flex-direction:column;gap:6px;margin-top:4px}.oc-text[hidden]{display:none}
.oc-thumb{display:block;line-height:0}.oc-thumb img{display:block;max-width:220px;max-height:220px;width:auto;height:auto;border-radius:8px;background:#e3e6ea}
.oc-file{display:flex;flex-direction:column;min-height:44px;justify-content:center;padding:6px 10px;border-radius:8px;background:#fff;color:#0b5cab;border:1px solid #c9ced4;text-decoration:none;font-weight:600}
.oc-size{font-size:12px;font-weight:400;color:#57606a}
.oc-meta progress{display:block;width:100%;height:6px;margin-top:4px}
.oc-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.oc-csat{padding:10px 16px;border-top:1px solid #e3e6ea;background:#fff}.oc-csat[hidden],.oc-csat [hidden]{display:none}
.oc-csat-q{font-weight:600;margin-bottom:6px}.oc-csat-scores{display:flex;gap:6px;margin-bottom:8px}
.oc-csat-score{all:unset;cursor:pointer;width:44px;height:44px;border-radius:8px;border:1px solid #c9ced4;display:grid;place-items:center;font-weight:600}
.oc-csat-score[aria-checked=true]{background:#0b5cab;border-color:#0b5cab;color:#fff}.oc-csat-score:focus-visible{outline:2px solid #f5a623;outline-offset:2px}
.oc-csat-comment{width:100%;margin-bottom:8px}
@media (max-width:480px){.oc-panel{inset:0;width:100%;max-width:none;height:100%;border-radius:0}.oc-input{font-size:16px}}
@media (prefers-reduced-motion:no-preference){.oc-log{scroll-behavior:smooth}}
`;
