/**
 * The report's inline CSS and its one tiny optional script. No font,
 * image or script is loaded from anywhere: system fonts with Chinese
 * fallbacks only.
 */

/** Inline stylesheet. */
export const REPORT_CSS = `
:root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#fff;--soft:#f9fafb;--accent:#4f46e5;
--leader:#b45309;--local:#047857;--east:#1d4ed8;--member:#6b7280;
--ok:#22c55e;--miss:#fbbf24;--req:#dc2626;--none:#f3f4f6}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
header.top{background:#1e1b4b;color:#fff;padding:20px 28px 14px}
header.top h1{margin:0;font-size:24px;font-weight:600}
header.top h1 .en{font-weight:400;opacity:.8;font-size:18px;margin-left:8px}
header.top p{margin:4px 0 0;opacity:.8;font-size:12px;word-break:break-all}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:10px}
nav a{color:#c7d2fe;text-decoration:none;font-size:13px}
nav a:hover{text-decoration:underline}
main{max-width:1180px;margin:0 auto;padding:8px 24px 40px}
section{margin-top:28px}
h2{font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px;margin:0 0 12px}
h2 .en,h3 .en,th .en,.lbl .en{color:var(--muted);font-weight:400}
h2 .en{font-size:15px;margin-left:6px}
h3{font-size:15px;margin:18px 0 8px}
.en{margin-left:4px}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:12px;margin:6px 0}
.empty{color:var(--muted);font-style:italic;padding:8px 0}
.status{border-left:6px solid var(--accent);background:var(--soft);padding:10px 14px;border-radius:4px;margin-bottom:14px}
.status b{font-size:16px}
.status p{margin:4px 0 0}
.st-optimal{border-color:#16a34a}.st-feasible{border-color:#2563eb}.st-time-limit{border-color:#d97706}.st-infeasible{border-color:#dc2626}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin-bottom:14px}
.tile{border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.tile .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
.tile .lbl{font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600;white-space:nowrap}
th .en{display:block;font-size:11px;margin:0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:600;border-top:2px solid var(--line)}
table.kv th{width:220px;font-weight:600;background:none}
table.kv td{word-break:break-all}
.scroll{overflow-x:auto}
.charts{display:grid;grid-template-columns:1fr;gap:18px}
.chart-box{border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.chart-box h3{margin:0 0 6px}
svg.chart{display:block;max-width:100%;height:auto;font-size:11px;fill:var(--fg)}
svg.chart .grid{stroke:#eef0f3}
svg.chart .axis{stroke:#9ca3af}
svg.chart .val{font-weight:600}
svg.chart .in{fill:#fff;font-size:10px}
svg.chart .title{fill:var(--muted);font-size:12px}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;margin:6px 0}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px;border:1px solid rgba(0,0,0,.1)}
.badge{display:inline-block;font-size:11px;line-height:16px;padding:0 6px;border-radius:8px;color:#fff;white-space:nowrap}
.r-leader{background:var(--leader)}.r-local{background:var(--local)}.r-east{background:var(--east)}.r-member{background:var(--member)}
.hm{overflow:auto;border:1px solid var(--line);border-radius:6px}
.hm.tall{max-height:75vh}
.hm table{width:auto;min-width:100%}
.hm th,.hm td{padding:1px 6px;border-bottom:1px solid #fff}
.hm thead th{position:sticky;top:0;z-index:1;text-align:center}
.hm tbody th{font-weight:400;white-space:nowrap;background:var(--bg);position:sticky;left:0}
.hm tbody th a{color:inherit;text-decoration:none}
.hm tbody th a:hover{text-decoration:underline}
.hm tbody th small{color:var(--muted);margin-left:6px}
.hm tr.um th{font-style:italic;color:var(--muted)}
.hm tr.pv th{background:var(--soft);font-weight:600;position:static}
.hm td{min-width:46px;text-align:center;font-size:12px;border-left:2px solid #fff}
.hm tfoot td{font-weight:400;font-size:11px;background:var(--soft)}
td.a{background:var(--ok)}td.a::after{content:"✓";color:#14532d}
td.u{background:var(--miss)}td.u::after{content:"○";color:#78350f}
td.q{background:var(--req)}td.q::after{content:"✗";color:#fff}
td.z{background:var(--none)}
.cards h3{margin-top:22px}
details.card{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:var(--bg)}
details.card[open]{box-shadow:0 1px 4px rgba(0,0,0,.08)}
details.card>summary{cursor:pointer;padding:7px 12px;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:baseline;list-style-position:inside}
details.card>summary b{font-size:15px}
details.card .body{padding:4px 12px 12px;border-top:1px solid var(--line)}
.pill{font-size:12px;background:var(--soft);border:1px solid var(--line);border-radius:10px;padding:0 8px;white-space:nowrap}
.breakdown{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin:8px 0;font-variant-numeric:tabular-nums}
.breakdown .t{border-radius:4px;padding:2px 8px;color:#fff}
.t-cov{background:#2563eb}.t-fit{background:#16a34a}.t-pen{background:#dc2626}.t-nil{background:#9ca3af}.t-tot{background:#4f46e5}
.needs{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0 10px}
.need{font-size:12px;border-radius:4px;padding:0 6px;border:1px solid var(--line)}
.need.ok{background:#dcfce7;border-color:#86efac}
.need.no{background:#fef3c7;border-color:#fcd34d}
.need.rq{font-weight:600}
table.members td.reason{color:var(--muted);font-size:12px;min-width:220px}
table.members td.who{white-space:nowrap}
table.members td.who small{display:block;color:var(--muted)}
table.members td.lv{white-space:nowrap}
.tools{margin:6px 0}
.tools button{font:inherit;font-size:12px;padding:2px 10px;margin-right:6px;border:1px solid var(--line);background:var(--soft);border-radius:4px;cursor:pointer}
.roster-page{border:1px solid var(--line);border-radius:6px;padding:8px 14px 4px;margin:12px 0;content-visibility:auto;contain-intrinsic-size:auto 480px}
.roster-page h3{margin:4px 0 2px;font-size:17px}
.roster-page>p.muted{margin:0 0 8px;font-size:12px}
table.contacts{width:auto;margin:0 0 8px}
table.contacts th{width:auto;padding-right:16px}
table.contacts td{min-width:240px}
.blank{display:inline-block;min-width:220px;border-bottom:1px solid var(--fg);height:1.2em}
.vacancy{color:var(--req);font-weight:600;margin:4px 0}
table.roster td:first-child,table.roster th:first-child{text-align:right;font-variant-numeric:tabular-nums;width:3em}
table.roster td:nth-child(2),table.roster td:nth-child(3){white-space:nowrap}
table.roster td:nth-child(2) small{display:block;color:var(--muted)}
table.roster tr.r-leader td:nth-child(3){color:var(--leader);font-weight:600}
table.roster tr.r-local td:nth-child(3){color:var(--local)}
table.roster tr.r-east td:nth-child(3){color:var(--east)}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
@media (max-width:640px){main{padding:8px 12px 32px}header.top{padding:14px 12px}table.kv th{width:auto}}
@media print{header.top{background:none;color:var(--fg)}nav,.tools{display:none}.hm.tall{max-height:none}details.card{break-inside:avoid}
.roster-page{break-before:page;page-break-before:always;break-inside:avoid;border:none;padding:0;margin:0;content-visibility:visible}
.roster-page thead{display:table-header-group}.roster-page tr{break-inside:avoid}
body.print-roster header.top,body.print-roster main>section:not(#roster),body.print-roster footer,body.print-roster #roster>h2,body.print-roster #roster>.note{display:none}
body.print-roster main{max-width:none;padding:0}body.print-roster section{margin:0}}
`;

/**
 * The optional script: shows the "expand / collapse all" buttons and the
 * "print the roster only" button (hidden without script, where they could
 * do nothing; printing the page then prints the roster at its end). The
 * roster button marks the body `print-roster`, which the print rules read
 * to leave out everything but the roster, until the print is done. The page
 * is complete without it.
 */
export const REPORT_SCRIPT = `(function(){var t=document.getElementById('card-tools');if(!t)return;t.hidden=false;t.addEventListener('click',function(e){var b=e.target;if(!(b instanceof HTMLButtonElement))return;var o=b.getAttribute('data-open')==='1';var d=document.querySelectorAll('details.card');for(var i=0;i<d.length;i++)d[i].open=o;});})();`
  + `(function(){var r=document.getElementById('roster-tools'),b=document.getElementById('roster-print');if(!r||!b)return;r.hidden=false;b.addEventListener('click',function(){document.body.classList.add('print-roster');window.print();});window.addEventListener('afterprint',function(){document.body.classList.remove('print-roster');});})();`;
