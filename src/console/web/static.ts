/** The console's stylesheet and icon (served by the console itself: nothing loads from elsewhere). */
export const CONSOLE_CSS = `
:root { --ink:#1d2733; --muted:#5b6775; --line:#d5dbe1; --bg:#f5f7f9; --accent:#06803c; --warn:#b3261e; --ok:#0b6b35; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",system-ui,sans-serif; color:var(--ink); background:var(--bg); line-height:1.6; }
a { color:#0a58a8; }
header.top { display:flex; justify-content:space-between; align-items:center; gap:1rem; padding:.6rem 1.2rem; background:#fff; border-bottom:1px solid var(--line); }
.brand { font-weight:700; text-decoration:none; color:var(--ink); }
.who { display:flex; align-items:center; gap:.6rem; }
.role { font-size:.85rem; color:var(--muted); border:1px solid var(--line); border-radius:1rem; padding:0 .6rem; }
nav.nav ul { list-style:none; margin:0; padding:.4rem 1.2rem; display:flex; flex-wrap:wrap; gap:.3rem 1rem; background:#fff; border-bottom:1px solid var(--line); }
nav.nav a { text-decoration:none; padding:.2rem .1rem; }
nav.nav a[aria-current=page] { font-weight:700; border-bottom:3px solid var(--accent); }
main { max-width:1200px; margin:0 auto; padding:1rem 1.2rem 3rem; }
h1 { font-size:1.4rem; margin:.4rem 0 1rem; }
h2 { font-size:1.1rem; margin:1.4rem 0 .6rem; }
h2 .sub { font-weight:400; color:var(--muted); font-size:.95rem; }
.lead, .help, .detail { color:var(--muted); }
.help { display:block; font-size:.85rem; margin:.1rem 0 .8rem; }
.flash { padding:.6rem .9rem; border-radius:.4rem; border:1px solid; background:#fff; }
.flash.ok { border-color:var(--ok); color:var(--ok); }
.flash.error { border-color:var(--warn); color:var(--warn); }
.field-error { display:block; color:var(--warn); font-size:.9rem; }
table { border-collapse:collapse; width:100%; background:#fff; margin:.4rem 0 1rem; }
th, td { border:1px solid var(--line); padding:.35rem .5rem; text-align:left; vertical-align:top; }
th { background:#eef2f5; font-weight:600; }
caption { text-align:left; font-weight:600; padding:.3rem 0; }
td.num { text-align:right; white-space:nowrap; }
td.time, td.id { white-space:nowrap; }
td.text { font-size:.9rem; }
.question { display:block; font-weight:600; }
.inbox { display:flex; flex-direction:column; gap:.5rem; }
.inbox-row { display:grid; grid-template-columns: minmax(16rem, 2fr) 10rem minmax(20rem, 3fr); gap:.6rem; align-items:start; background:#fff; border:1px solid var(--line); border-radius:.4rem; padding:.5rem .7rem; }
.inbox-row .stats { display:flex; flex-direction:column; font-size:.9rem; }
.inbox-row .k { color:var(--muted); font-size:.8rem; margin-right:.3rem; }
.inbox-row select { max-width:22rem; }
.variants, .note { display:block; color:var(--muted); font-size:.85rem; }
.row-form { display:flex; flex-wrap:wrap; gap:.4rem; align-items:center; margin:.2rem 0; }
.row-form label { display:flex; gap:.3rem; align-items:center; }
form.inline { display:inline; }
form.record, form.login { display:flex; flex-direction:column; max-width:44rem; background:#fff; padding:1rem; border:1px solid var(--line); border-radius:.5rem; }
form.login { max-width:24rem; }
form.record label, form.login label { font-weight:600; margin-top:.4rem; }
input[type=text], input[type=url], input[type=password], input[type=search], textarea, select { font:inherit; padding:.35rem .5rem; border:1px solid #9aa6b2; border-radius:.3rem; max-width:100%; }
textarea { width:100%; }
button, .button-link { font:inherit; padding:.35rem .9rem; border-radius:.3rem; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary { background:#fff; color:var(--ink); border-color:#9aa6b2; }
button.primary { font-weight:700; padding:.5rem 1.6rem; }
form.record button, form.login button { align-self:flex-start; margin-top:.8rem; }
.tabs { display:flex; gap:.4rem; margin:.6rem 0; }
.tabs a { padding:.3rem .9rem; border:1px solid var(--line); border-radius:1rem; background:#fff; text-decoration:none; }
.tabs a[aria-current=page] { background:var(--accent); color:#fff; border-color:var(--accent); }
.search { display:flex; gap:.5rem; align-items:center; margin:.6rem 0 1rem; flex-wrap:wrap; }
.search input { min-width:18rem; flex:1; }
.official { background:#fff; border-left:4px solid var(--accent); padding:.4rem 1rem; margin-bottom:1rem; }
.empty { color:var(--muted); }
.sides { display:grid; grid-template-columns:repeat(auto-fit, minmax(320px, 1fr)); gap:1rem; }
.side { background:#fff; border:1px solid var(--line); border-radius:.5rem; padding:.6rem .9rem; }
.chat { background:#8cabd9; padding:.6rem; border-radius:.4rem; overflow-x:auto; margin-bottom:.6rem; }
tr.added td { background:#eefaf1; }
tr.removed td { background:#fdeeee; }
.before { color:var(--warn); }
.after { color:var(--ok); }
tr.stale td { background:#fff6df; }
tr.stale td:last-child { color:#8a5300; font-weight:600; }
.button-link, button, table.changes td:first-child, th { white-space:nowrap; }
.live { margin-left:.4rem; font-size:.75rem; color:#fff; background:var(--accent); border-radius:.6rem; padding:0 .4rem; }
code { background:#eef2f5; padding:0 .25rem; border-radius:.2rem; }
.range-form { background:#fff; border:1px solid var(--line); border-radius:.5rem; padding:.5rem .8rem; gap:.5rem .7rem; }
.range-form label { font-weight:600; }
.downloads { display:flex; flex-wrap:wrap; gap:.5rem .8rem; align-items:center; margin:.8rem 0; }
.downloads .help { margin:0; }
dl.stats { display:grid; grid-template-columns:repeat(auto-fit, minmax(9.5rem, 1fr)); gap:.6rem; margin:.8rem 0 1rem; }
dl.stats div { background:#fff; border:1px solid var(--line); border-radius:.5rem; padding:.4rem .8rem; }
dl.stats dt { color:var(--muted); font-size:.85rem; }
dl.stats dd { margin:0; font-size:1.5rem; font-weight:700; }
dl.stats small { font-size:.9rem; font-weight:400; color:var(--muted); }
.charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(30rem, 1fr)); gap:1rem; margin:1rem 0; }
.panel { background:#fff; border:1px solid var(--line); border-radius:.5rem; padding:.6rem .9rem; margin:0; min-width:0; }
.panel.wide { margin:1rem 0; }
section.panel h2 { margin:.2rem 0 .4rem; }
figure.panel figcaption { font-size:1.1rem; font-weight:700; margin-bottom:.3rem; }
svg.chart { display:block; max-width:100%; height:auto; }
ul.legend { list-style:none; display:flex; flex-wrap:wrap; gap:.2rem 1.1rem; margin:0 0 .4rem; padding:0; font-size:.9rem; }
ul.legend li { display:flex; align-items:center; gap:.35rem; }
details.chart-data { margin-top:.4rem; font-size:.9rem; }
details.chart-data summary { color:#0a58a8; cursor:pointer; }
table.feedback, table.unhelpful { font-size:.92rem; margin-top:.2rem; }
table.feedback th[scope=row] { font-weight:600; background:#fff; white-space:normal; }
table.feedback .note { font-weight:400; }
table.feedback td { white-space:nowrap; }
table.feedback td.reasons { white-space:normal; }
table.feedback .reason { white-space:nowrap; }
svg.vote-bar { display:block; margin-top:.45rem; }
`;

export const CONSOLE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#06803c"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff" font-family="sans-serif">上</text></svg>`;
